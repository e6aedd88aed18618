"""numpy arrays <-> bytes, shared by the backends (little-endian, fixed widths)."""

from __future__ import annotations

import numpy as np

from ..shingle import I64, U32


def u32(data: bytes) -> U32:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def i64(data: bytes) -> I64:
    return np.frombuffer(data, dtype="<i8").astype(np.int64)


def pack_u32(arr: U32) -> bytes:
    return arr.astype("<u4", copy=False).tobytes()  # no copy when already u32


def pack_i64(arr: I64) -> bytes:
    return arr.astype("<i8", copy=False).tobytes()

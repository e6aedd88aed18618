"""The shared Redis index: datasketch's Redis storage against our layout, same documents.

Starts a throwaway ``redis-server`` on a free loopback port. Signatures are computed
first (not timed); the timed part is what the index does per batch of 512 documents:
query every document's candidates, then insert the batch.

- datasketch: ``MinHashLSH(threshold=0.7, storage_config={"type": "redis", ...})``,
  ``query`` per document, inserts in an ``insertion_session`` (its batched path). It
  stores only band buckets, so verification would need a second store on top.
- ours: ``RedisIndex``: one pipelined lookup of the batch's document *and* paragraph keys
  under the shared lock, a fetch of the candidates' shingle sets for exact verification,
  and one MULTI/EXEC with documents, keys and cluster sets.

    python bench/dedup_redis.py [N]
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    import redis
    from datasketch import MinHash, MinHashLSH

    from bench.feedgen import generate
    from reconcile.dedup import DedupConfig, Record
    from reconcile.dedup._prepare import Prepared, prepare
    from reconcile.dedup.index.redis import RedisIndex
    from reconcile.dedup.stored import StoredDoc

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    binary = shutil.which("redis-server")
    if binary is None:
        print("redis-server not installed")
        return 1
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    try:
        client = redis.Redis(port=port)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        cfg = DedupConfig()
        docs = [prepare(Record(d.id, d.text, d.id), cfg) for d in generate(n, seed=3)]
        prepared = [d for d in docs if isinstance(d, Prepared)]
        batches = [prepared[i : i + 512] for i in range(0, len(prepared), 512)]

        lsh = MinHashLSH(
            threshold=0.7,
            num_perm=cfg.num_perm,
            storage_config={"type": "redis", "basename": b"ds", "redis": {"port": port}},
        )
        start = time.perf_counter()
        for batch in batches:
            sigs = [
                MinHash(num_perm=cfg.num_perm, scheme="affine32", hashvalues=d.signature)
                for d in batch
            ]
            for m in sigs:
                lsh.query(m)
            with lsh.insertion_session(buffer_size=512) as session:
                for d, m in zip(batch, sigs, strict=True):
                    session.insert(d.id, m)
        ds_rate = len(prepared) / (time.perf_counter() - start)

        index = RedisIndex(f"redis://127.0.0.1:{port}/1", cfg.params())
        start = time.perf_counter()
        for batch in batches:
            with index.batch():
                first = index.allocate(len(batch))
                found = index.lookup([int(k) for d in batch for k in d.keys.tolist()])
                index.fetch({s for seqs in found.values() for s in seqs})
                index.add(
                    [
                        StoredDoc(
                            first + i,
                            d.id,
                            first + i,
                            None,
                            1.0,
                            None,
                            None,
                            0.0,
                            (),
                            d.length,
                            None,
                            0.0,
                            1,
                            d.signature,
                            d.shingles,
                            d.bounds,
                            d.spans,
                            d.keys,
                        )
                        for i, d in enumerate(batch)
                    ]
                )
        ours_rate = len(prepared) / (time.perf_counter() - start)
        print(f"{len(prepared):,} documents, batches of 512, Redis on loopback")
        print(f"  datasketch MinHashLSH redis storage  {ds_rate:8,.0f} documents/s (buckets only)")
        print(f"  our RedisIndex                       {ours_rate:8,.0f} documents/s"
              " (+ paragraph keys, shingle sets, clusters)")  # fmt: skip
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())

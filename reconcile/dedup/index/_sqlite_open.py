"""Opening the SQLite index: refuse what is not one, say plainly what is wrong.

SQLite's own messages name the symptom, not the cause: "unable to open database file"
for a directory that does not exist, "attempt to write a readonly database" for a file
the user cannot write. And ``CREATE TABLE IF NOT EXISTS`` would happily add our tables
to any other program's database, so a file with tables of its own is refused.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ...errors import ReconcileError

# New indexes: rows of ~2 KB (a document's shingles and signature) leave half of every
# 4 KB page empty, since two do not fit in one; 16 KB pages hold seven.
_PAGE_SIZE = 16_384
_CACHE_KIB = 131_072  # 128 MiB of page cache: the band keys are no longer in SQLite


def explain(location: str, exc: sqlite3.Error) -> ReconcileError:
    """A SQLite failure on the index as a one-line error naming the cause."""
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return ReconcileError(
            f"index {location} is read-only ({text}); make it writable or use another --index"
        )
    if "unable to open" in text:
        return ReconcileError(
            f"cannot open index {location} for writing ({text}): the file and its directory "
            "must be writable, since SQLite keeps its write-ahead log beside the file"
        )
    if "disk is full" in text or "disk I/O" in text:
        return ReconcileError(f"index {location}: cannot write ({text})")
    if "locked" in text or "busy" in text:
        return ReconcileError(
            f"index {location} is locked by another process ({text}); try again when it ends"
        )
    return ReconcileError(f"index {location}: {text}")


def connect(location: str) -> tuple[sqlite3.Connection, set[str]]:
    """A connection to the index file (created if new) and the tables it holds.

    Raises:
        ReconcileError: the directory is missing, the path is a directory, or the file is
            not a SQLite database, or is another program's one.
    """
    if location != ":memory:" and not location.startswith("file:"):
        path = Path(location)
        parent = path.parent
        if not parent.is_dir():
            raise ReconcileError(
                f"cannot create index {location}: directory {parent} does not exist"
            )
        if path.is_dir():
            raise ReconcileError(f"index {location} is a directory, not an index file")
        if not path.exists() and not os.access(parent, os.W_OK):
            raise ReconcileError(
                f"cannot create index {location}: directory {parent} is not writable"
            )
    try:
        db = sqlite3.connect(location, isolation_level=None, timeout=60)
    except sqlite3.Error as exc:
        raise explain(location, exc) from None
    try:
        tables = {
            str(r[0]) for r in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
        }
        if tables and not _is_index(db, tables):
            shown = ", ".join(sorted(tables)[:6])
            raise ReconcileError(
                f"{location} is a SQLite database of another program (tables: {shown}), "
                "not a reconcile dedup index; refusing to change it: use a new file"
            )
        if not tables:
            db.execute(f"PRAGMA page_size={_PAGE_SIZE}")
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(f"PRAGMA cache_size=-{_CACHE_KIB}")
        db.execute("PRAGMA temp_store=MEMORY")
        # A merge commits a whole run at once; do not leave a WAL that size on disk after.
        db.execute("PRAGMA journal_size_limit=67108864")
    except ReconcileError:
        db.close()
        raise
    except sqlite3.DatabaseError as exc:
        db.close()
        if isinstance(exc, sqlite3.OperationalError):
            raise explain(location, exc) from None
        raise ReconcileError(f"{location}: not a usable dedup index ({exc})") from None
    return db, tables


def _is_index(db: sqlite3.Connection, tables: set[str]) -> bool:
    if not {"meta", "docs"} <= tables:
        return False
    try:
        row = db.execute("SELECT 1 FROM meta WHERE key = 'params'").fetchone()
    except sqlite3.OperationalError:  # a table called meta, but not ours
        return False
    return row is not None

"""``reconcile dedup --engine spark``: a one-off backfill of an archive on Spark.

The same answer as the streaming engine (:mod:`.engine`), computed for the whole
archive at once instead of document by document:

1. read the feeds (JSONL lines are read and parsed by the executors; directories,
   single files and stdin by the driver, with the streaming reader);
2. shingle, sign and band each partition with ``prepare_many``, the streaming workers'
   own function, 64 records a call (``mapPartitions``);
3. candidate pairs: a self-join of the band table on the key; each document keeps the
   ``max_candidates`` *earlier* documents sharing most bands, as the streaming lookup does;
4. exact verification with ``strongest``, the streaming engine's own choice of match;
5. clusters: connected components of the "joined this earlier document" links, by
   min-label propagation in DataFrames (the smallest number is the cluster's opener);
6. output with ``relate``, the streaming engine's own cluster lines; optionally the
   documents are written to a new embedded (SQLite) or Redis index, numbered by the
   index, so that streaming runs continue incrementally from the backfill.

Because every document looks only at earlier ones and joins its strongest match, the
clusters are the streaming engine's for the same input order; ``docs/dedup.md`` says
where the two can still differ.

Example:
    >>> from reconcile.dedup import DedupConfig
    >>> from reconcile.dedup.spark import SparkRun, local_session
    >>> with local_session(2) as spark:  # doctest: +SKIP
    ...     run = SparkRun(["feed.jsonl"], DedupConfig(), None, spark)
    ...     lines = [r.to_json() for r in run]
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import Path
from typing import Any

from py4j.protocol import Py4JError
from pyspark import RDD, SparkConf, StorageLevel
from pyspark.errors import PySparkException
from pyspark.sql import SparkSession

from ..errors import InputError, ReconcileError
from . import _spark_tasks as tasks
from ._spark_graph import candidate_pairs, components
from .config import DedupConfig
from .engine import index_permutations
from .index.base import Index
from .records import Problem
from .results import InputProblem, Result, Summary
from .stages import datasketch_permutations
from .stream import JSONL_SUFFIXES, read_inputs

_PER_PARTITION = 10_000  # documents a partition holds at most (about 50 MB with their sets)
_LOCAL_SHUFFLE_PARTITIONS = 2  # Spark's 200 default costs more in task start-up than it splits


def local_session(cores: int | str = "*", memory: str | None = None) -> SparkSession:
    """A Spark session on this machine, ``local[cores]``, its Python workers this Python.

    The workers must import ``reconcile``: they run this interpreter, not whichever
    ``python3`` comes first on the path. pyspark reads that choice from the environment
    only (``PYSPARK_PYTHON``); one set by the user is kept. ``memory`` is the JVM's heap,
    which holds the cached and shuffled documents: Spark's 1 GB ran out at 100,000 and
    3 GB at 1,000,000, so by default it is a third of the machine's memory (3 to 16 GB).
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    memory = memory or _default_memory()
    session = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("reconcile dedup")
        .config("spark.sql.shuffle.partitions", str(_LOCAL_SHUFFLE_PARTITIONS))
        .config("spark.driver.memory", memory)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.default.parallelism", str(_LOCAL_SHUFFLE_PARTITIONS))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def _failure(exc: BaseException, spark: SparkSession) -> str:
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
    try:
        heap = spark.sparkContext.getConf().get("spark.driver.memory", "1g")
    except (Py4JError, ConnectionError, PySparkException, AttributeError):
        heap = "its heap"
    return (
        f"the Spark job failed ({first}). If Spark's log above says "
        f"java.lang.OutOfMemoryError, give it more than {heap}: RECONCILE_SPARK_MEMORY=16g "
        "on this machine, or spark-submit --driver-memory/--executor-memory on a cluster"
    )


def _default_memory() -> str:
    """RECONCILE_SPARK_MEMORY, else a third of this machine's memory (3 to 16 GB)."""
    if os.environ.get("RECONCILE_SPARK_MEMORY"):
        return os.environ["RECONCILE_SPARK_MEMORY"]
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return "3g"
    return f"{max(3, min(16, total // 3 // 2**30))}g"


def cli_session() -> SparkSession:
    """The session ``spark-submit`` configured (its ``--master``), else ``local[*]``."""
    if SparkConf().contains("spark.master"):
        session = SparkSession.builder.appName("reconcile dedup").getOrCreate()
        session.sparkContext.setLogLevel("ERROR")
        return session
    return local_session()


class SparkRun:
    """A backfill of ``inputs``; iterate it for the results, then read ``summary``.

    Input problems come first (in input order), then one cluster line per cluster in
    the order of their first documents: the streaming engine's output for the same
    input. With ``index``, the documents are also written to it; it must hold no
    documents yet (a backfill verifies the archive against itself, not against an
    index; add later feeds with the streaming engine).
    """

    def __init__(
        self,
        inputs: Sequence[str],
        config: DedupConfig,
        index: Index | None,
        spark: SparkSession,
    ) -> None:
        self.inputs = list(inputs)
        self.config = config
        self.index = index
        self.spark = spark
        self.summary = Summary()
        self.rounds = 0  # label-propagation rounds the components took

    def __iter__(self) -> Iterator[Result]:
        started = time.perf_counter()
        persisted: list[RDD[Any]] = []
        try:
            yield from self._run(persisted)
        except (Py4JError, ConnectionError, PySparkException) as exc:
            # A task that runs out of heap takes the JVM down with it, and Python then
            # sees a refused connection, which says nothing of the cause.
            raise ReconcileError(_failure(exc, self.spark)) from None
        finally:
            for rdd in persisted:
                with suppress(Py4JError, ConnectionError, PySparkException):
                    rdd.unpersist()
            self.summary.seconds = time.perf_counter() - started

    def _run(self, persisted: list[RDD[Any]]) -> Iterator[Result]:
        cfg, index = self.config, self.index
        sc = self.spark.sparkContext
        if index is not None:
            held = index.count()
            if held:
                raise ReconcileError(
                    f"--engine spark fills a new index, and {index.location} already holds "
                    f"{held:,} documents; add to it with the embedded engine instead"
                )
            perms = index_permutations(index, cfg)
            with index.batch():
                run = index.new_run()
        else:
            perms, run = datasketch_permutations(cfg.seed, cfg.num_perm), 1
        items = _read(sc, self.inputs, cfg)
        prepared: RDD[Any] = items.mapPartitions(
            partial(tasks.prepare_partition, cfg, perms, time.time(), run)
        ).persist(StorageLevel.MEMORY_AND_DISK)
        persisted.append(prepared)
        problems: list[tuple[int, Problem]] = prepared.filter(tasks.is_problem).collect()
        found: RDD[Any] = prepared.filter(tasks.is_doc)
        problems += found.map(tasks.id_and_origin).groupByKey().flatMap(tasks.repeated).collect()
        problems.sort(key=lambda p: p[0])
        if problems and cfg.strict:
            p = problems[0][1]
            raise InputError(f"{p.origin}: {p.message} (stopping: --strict)")
        repeated = sc.broadcast({seq for seq, _ in problems})
        docs_in = found.filter(lambda item: item[0] not in repeated.value).map(lambda item: item[1])
        n = docs_in.count()
        first = 1
        if index is not None:
            with index.batch():
                first = index.allocate(n)
        # Every shuffle below uses one hash partitioning by number: the documents are
        # partitioned once, and joins with them then move only the other side.
        parts = max(sc.defaultParallelism, prepared.getNumPartitions(), n // _PER_PARTITION)
        docs = docs_in.zipWithIndex().map(partial(tasks.renumber, first)).partitionBy(parts)
        docs = docs.persist(StorageLevel.MEMORY_AND_DISK)
        persisted.append(docs)
        docs.count()
        prepared.unpersist()  # everything later reads the numbered documents
        self.summary.read = n + len(problems)
        self.summary.errors = len(problems)
        self.summary.indexed = n
        for _, problem in problems:
            yield InputProblem(problem)

        bands = self.spark.createDataFrame(
            docs.flatMap(tasks.band_rows), "key long, seq long", verifySchema=False
        )
        pairs = candidate_pairs(bands, cfg.max_candidates)
        candidates = (
            pairs.rdd.map(tasks.candidate_of)
            .join(docs.mapValues(tasks.for_verification), parts)
            .map(tasks.to_document)
            .groupByKey(parts)
        )
        decisions: RDD[Any] = (
            docs.join(candidates, parts).map(partial(tasks.decide, cfg)).filter(tasks.is_some)
        )
        decisions = decisions.persist(StorageLevel.MEMORY_AND_DISK)
        persisted.append(decisions)
        edges = self.spark.createDataFrame(
            decisions.flatMap(tasks.joined_edge), "src long, dst long", verifySchema=False
        )
        labels_df, self.rounds = components(edges)
        labels: RDD[Any] = labels_df.rdd.map(tuple)
        partner = (
            decisions.flatMap(tasks.overlap_partner)
            .leftOuterJoin(labels, parts)
            .map(tasks.partner_cluster)
        )
        assignments = (
            labels.fullOuterJoin(decisions, parts)
            .leftOuterJoin(partner, parts)
            .mapValues(tasks.assignment)
        )
        final = docs.leftOuterJoin(assignments, parts).map(tasks.assign)
        final = final.persist(StorageLevel.MEMORY_AND_DISK)
        persisted.append(final)
        final.count()
        docs.unpersist()
        decisions.unpersist()

        if index is not None:
            # In any order: each document carries the number the index allocated.
            stored = final.map(tasks.stored_of).toLocalIterator()
            while batch := list(itertools.islice(stored, cfg.batch_size)):
                with index.batch():
                    index.add(batch)
        # Most clusters have one document: those are related where they are, and only
        # the members of larger ones travel to meet.
        alone = final.filter(tasks.is_alone).map(partial(tasks.relate_alone, cfg, run))
        together = (
            final.filter(tasks.is_joined)
            .map(tasks.by_cluster)
            .groupByKey(parts)
            .map(partial(tasks.relate_group, cfg, run))
        )
        lines: RDD[Any] = alone.union(together).sortByKey(numPartitions=parts)
        for _, (cluster, counts) in lines.toLocalIterator():
            self.summary.clusters += 1
            self.summary.relations.update(counts)
            yield cluster
        self.summary.index_size = index.count() if index is not None else n


def _read(sc: Any, inputs: Sequence[str], config: DedupConfig) -> RDD[tasks.Item]:
    """Every input record or problem, with a number that orders them as the input does.

    Input ``i``'s items are numbered ``i * 2**40 + line``, not counted across inputs: a
    running count would read every file once more (the documents are numbered densely
    later, once the problems are out).
    """
    parts: list[RDD[Any]] = []
    for part, name in enumerate(inputs):
        if "://" in name:
            # hdfs://, s3a://, file://: a JSONL feed only Spark can reach.
            parts.append(_jsonl(sc, name, name, part, config))
            continue
        path = Path(name)
        if name != "-" and not path.exists():
            raise InputError(f"{name}: no such file or directory")
        if name != "-" and path.is_file() and path.suffix.lower() in JSONL_SUFFIXES:
            parts.append(_jsonl(sc, path.resolve().as_uri(), name, part, config))
        else:
            # A directory of text files, one file, or stdin: read here, as the streaming
            # engine reads them, and handed to the executors.
            items = read_inputs([name], config)
            parts.append(sc.parallelize([(tasks.number(part, i), r) for i, r in enumerate(items)]))
    if not parts:
        raise InputError("no input given")
    return sc.union(parts) if len(parts) > 1 else parts[0]


def _jsonl(sc: Any, uri: str, name: str, part: int, config: DedupConfig) -> RDD[Any]:
    # Hadoop's 32 MB splits held ~12,000 documents with their shingle sets each, and
    # caching one such partition ran a 3 GB heap out of memory at 1M documents: splits of
    # about 8 MB keep each partition's cached block small.
    lines: RDD[Any] = sc.textFile(uri, minPartitions=_splits(name), use_unicode=False)
    parse = partial(tasks.parse_line, name, part, config)
    return lines.zipWithIndex().map(parse).filter(tasks.is_some)


_SPLIT_BYTES = 8 * 2**20


def _splits(name: str) -> int:
    """Input partitions for a local JSONL file (Spark's default for a remote one)."""
    try:
        size = Path(name).stat().st_size
    except OSError:
        return 2
    return max(2, size // _SPLIT_BYTES)


@contextmanager
def backfill(inputs: Sequence[str], config: DedupConfig, index: Index | None) -> Iterator[SparkRun]:
    """The CLI's run, in the active session or a new one (:func:`cli_session`).

    A session this call started is stopped after the run; an active one (a notebook's,
    a test's) is left running.
    """
    active = SparkSession.getActiveSession()
    try:
        spark = active or cli_session()
    except PySparkException as exc:
        # Typically no Java: pyspark's message names the launcher, not the fix.
        raise ReconcileError(
            f"cannot start Spark ({exc}); --engine spark needs a Java 17 runtime "
            "(java on the PATH, or JAVA_HOME)"
        ) from None
    try:
        yield SparkRun(inputs, config, index, spark)
    finally:
        if active is None:
            spark.stop()

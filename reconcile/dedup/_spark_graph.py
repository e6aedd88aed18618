"""The Spark engine's two relational steps, in DataFrames: candidate pairs and components.

Candidates: a self-join of the ``(key, seq)`` band table on the key, each later document
paired with every earlier one that shares a band, the pairs counted, and the
``max_candidates`` earlier documents sharing most bands kept per document -- the
streaming engine's lookup, done for the whole archive at once.

Components: iterative min-label propagation. Every vertex starts labelled with its own
number and takes the smallest label among itself and its neighbours until no label
changes. The edges are each document's link to the earlier document it joined, so the
smallest number of a component is the document that opened its cluster: the streaming
engine's cluster key. GraphFrames would do the same, but needs Maven at run time.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F


def candidate_pairs(bands: DataFrame, max_candidates: int) -> DataFrame:
    """``(doc, cand)``: for each document, the earlier ones sharing most band keys.

    ``bands`` has columns ``key`` and ``seq``, one row per distinct key of a document.
    Ties on the count go to the earlier candidate.
    """
    later = bands.withColumnRenamed("seq", "doc")
    earlier = bands.withColumnRenamed("seq", "cand")
    shared = (
        later.join(earlier, "key")
        .where(F.col("cand") < F.col("doc"))
        .groupBy("doc", "cand")
        .agg(F.count(F.lit(1)).alias("shared"))
    )
    rank = Window.partitionBy("doc").orderBy(F.desc("shared"), F.asc("cand"))
    return (
        shared.withColumn("rank", F.row_number().over(rank))
        .where(F.col("rank") <= max_candidates)
        .select("doc", "cand")
    )


def components(edges: DataFrame) -> tuple[DataFrame, int]:
    """``(v, label)`` for every vertex of ``edges`` (``src``, ``dst``), and the rounds taken.

    ``label`` is the smallest vertex of ``v``'s connected component. Each round is a join
    and an aggregation; a round's labels are checkpointed so that the plan does not
    grow with the rounds. The rounds needed are about the longest shortest path in a
    component, a handful for chains of reprints.
    """
    both = edges.select(F.col("src").alias("v"), F.col("dst").alias("u")).unionByName(
        edges.select(F.col("dst").alias("v"), F.col("src").alias("u"))
    )
    both = both.localCheckpoint()
    labels = both.select("v").distinct().withColumn("label", F.col("v")).localCheckpoint()
    rounds = 0
    while True:
        rounds += 1
        heard = both.join(labels.withColumnRenamed("v", "u").withColumnRenamed("label", "l"), "u")
        new = (
            labels.unionByName(heard.select("v", F.col("l").alias("label")))
            .groupBy("v")
            .agg(F.min("label").alias("label"))
            .localCheckpoint()
        )
        changed = (
            new.join(labels.withColumnRenamed("label", "old"), "v")
            .where(F.col("label") < F.col("old"))
            .limit(1)
            .count()
        )
        labels = new
        if changed == 0:
            return labels, rounds

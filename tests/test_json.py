"""The ``reconcile/2`` JSON document: published schema, N sources, arbitrary ids."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile import ConfigError, from_text, load_document, reconcile
from reconcile.render._json_text import dumps as dumps_json
from reconcile.render.json import dumps, schema_for

from .collate_support import PENSION, story_docs
from .helpers import MINISTRY, WEB


def _schema(version: int) -> dict[str, Any]:
    path = resources.files("reconcile").joinpath(f"data/reconcile-{version}.schema.json")
    return dict(json.loads(path.read_text("utf-8")))


def _three() -> tuple[Any, ...]:
    text = MINISTRY.read_text(encoding="utf-8")
    # A third report made from the ministry's: one figure changed.
    edited = text.replace("增加值同比增长7.5%", "增加值同比增长7.8%", 1)
    assert edited != text
    return (load_document(MINISTRY, "A"), load_document(WEB, "B"), from_text(edited, "C"))


def test_two_sources_keep_reconcile_1_unless_asked() -> None:
    r = reconcile(MINISTRY, WEB)
    assert json.loads(dumps(r))["schema"] == "reconcile/1"
    doc = json.loads(dumps(r, 2))
    jsonschema.validate(doc, _schema(2))
    assert len(doc["groups"]) == len(r.pairs) + sum(len(v) for v in r.unique.values())
    # Both documents describe the same alignment: the pairs are the two-member groups.
    pairs = [(p.a, p.b) for p in r.pairs]
    twos = [
        (tuple(g["members"][0]["segments"]), tuple(g["members"][1]["segments"]))
        for g in doc["groups"]
        if len(g["members"]) == 2
    ]
    assert sorted(twos) == sorted(pairs)


def test_n_sources_with_corpus_ids_validate() -> None:
    r = reconcile(*story_docs(PENSION))
    assert schema_for(r) == 2
    doc = json.loads(dumps(r))
    jsonschema.validate(doc, _schema(2))
    assert [s["id"] for s in doc["sources"]] == list(PENSION)
    seen = sorted(s for g in doc["groups"] for m in g["members"] for s in m["segments"])
    assert seen == sorted(s["id"] for s in doc["segments"])
    assert sorted(f for k in doc["fact_clusters"] for f in k["facts"]) == sorted(
        f["id"] for f in doc["facts"]
    )
    everywhere = [g for g in doc["groups"] if len(g["members"]) == 4]
    assert everywhere and all(g["relation"] in ("identical", "variant") for g in everywhere)


def test_disputes_point_at_the_cluster_that_names_the_sources() -> None:
    doc = json.loads(dumps(reconcile(*_three())))
    jsonschema.validate(doc, _schema(2))
    [sentence] = [c for c in doc["canonical"] if c["disputes"]]
    cluster = doc["fact_clusters"][sentence["disputes"][0]]
    assert cluster["conflict"] and cluster["outliers"] == ["C"]
    majority = cluster["values"][cluster["majority"]]
    assert majority["text"] == "7.5%" and majority["sources"] == ["A", "B"]
    assert "7.5% in A and B, 7.8% in C" in cluster["reason"]
    assert doc["fact_unique"]["C"] == []


def test_reconcile_1_cannot_describe_three_sources() -> None:
    r = reconcile(*_three())
    with pytest.raises(ConfigError, match="reconcile/1 describes two sources"):
        dumps(r, 1)


def test_the_schema_refuses_an_id_with_a_space() -> None:
    doc = json.loads(dumps(reconcile(*_three())))
    doc["sources"][0]["id"] = "my source"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, _schema(2))


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=8)
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(_VALUES)
def test_json_text_is_what_json_dumps_writes(value: object) -> None:
    assert dumps_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_json_text_leaves_other_keys_and_types_to_json() -> None:
    value = {"a": {1: "x", None: [1.5]}, "b": [Count(3)]}
    assert dumps_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


class Count(int):
    """An int subclass: written by json's own rule."""

"""The plain test of a rule (`Rule.valid`) says yes exactly when its check finds nothing.

A file is tested with `valid` first and walked by `check` only when that fails:
if the two disagreed, a damaged record would pass unseen (valid too lenient)
or a healthy one be refused (check too strict). Every record of the demo
project passes both; then one value at a time inside those records is replaced
by arbitrary JSON (hypothesis), and the two must still agree.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.schema import Context, Rule
from workshop.validation import META_RECORD, table_schemas, validate

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 200) | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(["", "x", "2026-10-12", "2026-13-01", "09:30", "25:00", "1", "7/6", "-1/2", "dot", "retained", "agree"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["1", "x", "id", "text", "choice"]), inner, max_size=3),
    max_leaves=8,
)


@cache
def demo_records() -> list[tuple[str, str, dict[str, Any]]]:
    import tempfile

    from workshop.demo import build_demo

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.atelier"
        build_demo(path)
        data = json.loads(path.read_text(encoding="utf-8"))
    schemas = table_schemas()
    return [(name, doc_id, doc) for name, table in data.items() if name in schemas for doc_id, doc in table.items()]


def agree(rule: Rule, value: Any) -> None:
    ctx = Context("t", "1")
    checked = rule.check(value, (), ctx)
    assert rule.valid(value) == (checked and not ctx.findings), (value, ctx.findings)


def test_every_record_of_the_demo_is_valid_both_ways() -> None:
    records = demo_records()
    assert {name for name, _, _ in records} >= {"rounds", "proposals", "agenda", "swot", "apt", "roadmap"}
    for name, _, doc in records:
        rule = table_schemas()[name].record
        assert rule.valid(doc)
        agree(rule, doc)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value[:3]):
            found += _paths(inner, (*path, index))
    return found


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), replacement=JSON)
def test_valid_and_check_agree_on_damaged_records(data: st.DataObject, replacement: Any) -> None:
    records = demo_records()
    name, _, doc = data.draw(st.sampled_from(records))
    doc = copy.deepcopy(doc)
    path = data.draw(st.sampled_from(_paths(doc)))
    if not path:
        doc = replacement
    else:
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]  # a field gone
        else:
            parent[path[-1]] = replacement
    agree(table_schemas()[name].record, doc)


@given(value=JSON)
def test_the_meta_record_rule_agrees(value: Any) -> None:
    agree(META_RECORD, value)


def test_a_damaged_ballot_is_still_named() -> None:
    # The fast path only decides whether to look closer: the message is the walk's.
    records = demo_records()
    name, doc_id, doc = next(r for r in records if r[0] == "rounds" and r[2].get("ballots"))
    doc = copy.deepcopy(doc)
    doc["ballots"][0]["voter"] = "quelqu'un"
    data = {"meta": {"1": {"name": "P", "format": 1}}, "rounds": {doc_id: doc}}
    findings = validate(data)
    assert [(f.table, f.record, f.field, f.key) for f in findings] == [("rounds", doc_id, "ballots[0].voter", "schema.type")]


def every_rule(rule: Rule) -> list[Rule]:
    from workshop.schema import Either, ListOf, MapOf, Obj

    found = [rule]
    if isinstance(rule, Obj):
        for inner in rule.fields.values():
            found += every_rule(inner)
    elif isinstance(rule, ListOf):
        found += every_rule(rule.item)
    elif isinstance(rule, MapOf):
        found += every_rule(rule.value)
    elif isinstance(rule, Either):
        for inner in rule.rules:
            found += every_rule(inner)
    return found


PROBES: list[Any] = [
    None, True, False, 0, 1, -1, 1.5, float("nan"), float("inf"), "", "x", "2026-10-12", "2026-02-30", "09:30", "24:00",
    "7/6", [], [1], [1, 1], ["a", "a"], [{"id": 1}, {"id": 1}], [{"id": 1, "text": "a"}, {"id": 2, "text": "b"}],
    [{"id": 1, "text": "a"}, {"id": 1, "text": "b"}],
    {}, {"1": 1}, {"x": 1}, {"1": "a"},
]


def test_every_rule_of_every_table_agrees_on_edge_values() -> None:
    from workshop.schema import Choice, Integer

    rules = [META_RECORD] + [rule for schema in table_schemas().values() for rule in every_rule(schema.record)]
    assert any(isinstance(r, Integer) and r.high is not None for r in rules)
    for rule in rules:
        probes = list(PROBES)
        if isinstance(rule, Integer):
            probes += [edge + step for edge in (rule.low, rule.high) if edge is not None for step in (-1, 0, 1)]
        if isinstance(rule, Choice):
            probes += [*rule.values, "zzz"]
        for value in probes:
            agree(rule, value)

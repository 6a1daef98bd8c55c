"""Definition values never reach SQL unescaped: property names and values full of quotes,
backslashes, wildcards, semicolons, comment markers and unicode are compiled through the
real dbt macros, run on DuckDB, and must select exactly the rows the filter means."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heapgen.criteria import _filter
from heapgen.dbt_runner import invoke
from heapgen.definitions import OPERATORS, Filter
from heapgen.render import jinja_literal
from reference import filter_holds

NASTY = "'\"\\*%_;-/#{}$ \n\t" + "aAé€😀ß"
texts = st.text(alphabet=NASTY, min_size=1, max_size=6)
KEYS = texts
STRING_OPS = [
    op
    for op in OPERATORS
    if op not in ("in", "not_in", "gt", "gte", "lt", "lte", "is_set", "is_not_set")
]


@st.composite
def filters(draw, pool: list[str]) -> Filter:
    op = draw(st.sampled_from([*STRING_OPS, "in", "not_in", "gt", "lte", "is_set", "is_not_set"]))
    key = draw(st.sampled_from(pool))
    case_insensitive = draw(st.booleans())
    if op in ("in", "not_in"):
        value = draw(st.lists(texts, min_size=1, max_size=3))
    elif op in ("gt", "lte"):
        value = draw(st.integers(-5, 5))
    elif op in ("is_set", "is_not_set"):
        value = None
    else:
        value = draw(texts)
        if op == "matches":
            value = draw(st.sampled_from(["*", ""])) + value + draw(st.sampled_from(["*", ""]))
    return Filter(property=key, op=op, value=value, case_insensitive=case_insensitive)


@st.composite
def cases(draw):
    keys = draw(st.lists(KEYS, min_size=1, max_size=4, unique=True))
    values = draw(st.lists(texts, min_size=1, max_size=5))
    rows = []
    for _ in range(6):
        props = {}
        for key in keys:
            kind = draw(st.sampled_from(["absent", "null", "text", "number"]))
            if kind == "null":
                props[key] = None
            elif kind == "text":
                props[key] = draw(st.sampled_from(values))
            elif kind == "number":
                props[key] = draw(st.integers(-5, 5))
        rows.append(props)
    chosen = draw(st.lists(filters(keys), min_size=1, max_size=12))
    # make equality-style filters hit something now and then
    for index, f in enumerate(chosen):
        if f.op in STRING_OPS and draw(st.booleans()) and values:
            chosen[index] = f.model_copy(update={"value": draw(st.sampled_from(values))})
    return rows, chosen


def compiled_conditions(project: Path, compiled: list[dict]) -> list[str]:
    sql = (
        "{% set filters = " + jinja_literal(compiled) + " %}"
        "{% for f in filters %}{{ heap_connect.filter_condition(f, 'e', 's') }}"
        "\n-- next filter --\n{% endfor %}"
    )
    run = invoke(["compile", "--inline", sql], project)
    assert run.success
    return [c.strip() for c in run.compiled.split("-- next filter --") if c.strip()]


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(cases())
def test_filters_with_hostile_names_and_values_mean_exactly_the_filter(
    project_for_safety: Path, case
) -> None:
    rows, chosen = case
    compiled = [_filter(f.property, f.op, f.value, f.case_insensitive) for f in chosen]
    conditions = compiled_conditions(project_for_safety, compiled)
    assert len(conditions) == len(chosen)
    con = duckdb.connect()
    con.execute("create table e (row_id integer, properties json)")
    con.executemany(
        "insert into e values (?, ?)", [(i, json.dumps(props)) for i, props in enumerate(rows)]
    )
    for f, condition in zip(chosen, conditions, strict=True):
        got = {r[0] for r in con.execute(f"select row_id from e where {condition}").fetchall()}
        expected = {
            i
            for i, props in enumerate(rows)
            if filter_holds(
                f,
                None
                if props.get(f.property) is None
                else (
                    props[f.property]
                    if isinstance(props[f.property], str)
                    else json.dumps(props[f.property])
                ),
            )
        }
        assert got == expected, (f, condition)


# Texts that would do something if dbt's Jinja or SQL ever evaluated them.
HOSTILE_TEXTS = [
    "{{ env_var('HOME') }}",
    "{{ exceptions.raise_compiler_error('boom') }}",
    "{% endraw %}{% raw %}{{ '{{' }}",
    "{# open comment",
    "close }} %} #}",
    "\\u007b\\u007b x \\u007d\\u007d and \\x7b",
    "quotes ' \" `, a backslash \\ and \\\\",
    "lines\nand\ttabs\r\n, line separator \u2028, emoji 🚀, accents é",
    "'; drop table users; --",
    "{{ doc('heap_col__user_id') }}",
]


def test_definition_texts_reach_dbt_as_inert_data(project: Path) -> None:
    """Names and notes of events, defined properties and segments full of Jinja tags,
    quotes, escapes and newlines: `dbt parse` succeeds, the docs catalogue (manifest
    descriptions and meta) holds exactly the texts, nothing of the environment leaks, and
    _event_metadata's SQL returns the notes as written."""
    import yaml

    from heapgen.generate import prepare, write

    notes = " | ".join(HOSTILE_TEXTS)
    event_name = "Jinja {{ x }} name {% if %} {# #} 'q' \"qq\" \\ é"
    property_name = "Prop {{ env_var('HOME') }}"
    segment_name = "Seg {% raw %} {{ y }}"
    definitions = project / "definitions"
    for path in (definitions / "events").glob("*.yml"):
        path.write_text("events: []\n")
    (definitions / "events" / "custom.yml").write_text(
        yaml.safe_dump(
            {
                "events": [
                    {
                        "name": event_name,
                        "notes": notes,
                        "match": [{"event": "custom", "name": "{{ env_var('HOME') }}"}],
                    }
                ]
            }
        )
    )
    (definitions / "properties.yml").write_text(
        yaml.safe_dump(
            {
                "defined_properties": [
                    {
                        "name": property_name,
                        "scope": "event",
                        "notes": notes,
                        "cases": [
                            {"value": "{{ 1 }}", "when": [{"property": "path", "op": "is_set"}]}
                        ],
                        "default": "{% raw %}",
                    }
                ]
            }
        )
    )
    (definitions / "segments.yml").write_text(
        yaml.safe_dump(
            {
                "segments": [
                    {
                        "name": segment_name,
                        "notes": notes,
                        "where": {"did": {"event": event_name}},
                    }
                ]
            }
        )
    )
    (project / "heapgen.lock.yml").unlink(missing_ok=True)
    write(project, prepare(project, definitions))

    assert invoke(["parse"], project).success
    manifest = (project / "target" / "manifest.json").read_text(encoding="utf-8")
    assert os.environ["HOME"] not in manifest
    nodes = json.loads(manifest)["nodes"]
    event = next(n for n in nodes.values() if n["meta"].get("heap_connect_event"))
    segment = next(n for n in nodes.values() if n["meta"].get("heap_connect_segment"))
    assert event["meta"]["heap_connect_event"] == event_name
    assert event["description"] == (
        f"Labeled event {event_name}: {notes}. "
        "One row per occurrence since the first event, fully retroactive."
    )
    # the defined property's column: the last one, after the built-in columns (described too)
    column = list(event["columns"].values())[-1]
    assert column["description"] == f"Defined property {property_name}: {notes}."
    assert segment["meta"]["heap_connect_segment"] == segment_name
    assert segment["description"] == (
        f"Segment {segment_name}: {notes}. "
        "The user_id of every user in the segment as of the last sync."
    )

    run = invoke(
        ["compile", "--inline", "{{ heap_connect.event_metadata(heap_connect.synced_labels()) }}"],
        project,
    )
    assert run.success
    con = duckdb.connect()
    assert con.execute(f"select ui_name, notes from ({run.compiled})").fetchall() == [
        (event_name, notes)
    ]

"""Names: the Python rules and the dbt macros agree on one table of test vectors."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURES
from heapgen.dbt_runner import invoke
from heapgen.naming import (
    MAX_TABLE_NAME,
    TRANSLITERATION,
    heap_name,
    property_column,
    shorten,
    snake_case,
)
from heapgen.render import jinja_literal

VECTORS = list(csv.DictReader((FIXTURES / "snake_case_vectors.csv").open(encoding="utf-8")))


@pytest.mark.parametrize("row", VECTORS, ids=[row["name"][:40] for row in VECTORS])
def test_python_names(row: dict[str, str]) -> None:
    assert snake_case(row["name"]) == row["snake_case"]
    assert heap_name(row["name"]) == row["heap_name"]


def test_names_are_plain_identifiers_within_the_limit() -> None:
    for row in VECTORS:
        name = heap_name(row["name"])
        assert name == "" or re.fullmatch(r"[a-z_][a-z0-9_]*", name)
        assert len(name) <= MAX_TABLE_NAME


def test_shortening_is_deterministic_and_keeps_long_names_apart() -> None:
    long_a, long_b = "a" * 70 + "_click", "a" * 70 + "_submit"
    assert shorten(long_a) == shorten(long_a)
    assert shorten(long_a) != shorten(long_b)
    assert shorten(long_a).startswith("a" * 54 + "_") and len(shorten(long_a)) == 63
    assert shorten("a" * 63) == "a" * 63


def test_dbt_macros_match_the_vectors(project: Path) -> None:
    names = [row["name"] for row in VECTORS]
    sql = (
        "{% set names = " + jinja_literal(names) + " %}"
        "{% for name in names %}"
        "{{ tojson([heap_connect.snake_case(name), heap_connect.heap_name(name)]) }}\n"
        "{% endfor %}"
    )
    run = invoke(["compile", "--inline", sql], project)
    assert run.success
    compiled = [json.loads(line) for line in run.compiled.splitlines() if line.strip()]
    assert compiled == [[row["snake_case"], row["heap_name"]] for row in VECTORS]


# A custom property key never loses its column: (key, reserved columns, column).
PROPERTY_VECTORS = [
    ("ünï", [], "uni"),
    ("Événement 🚀", [], "evenement"),
    ("type", ["type", "path"], "property_type"),
    ("Path", ["type", "path"], "property_path"),
    ("type", ["type", "property_type"], "property_property_type"),
    ("🚀", [], "property_" + hashlib.md5("🚀".encode()).hexdigest()[:8]),
    ("!!!", [], "property_" + hashlib.md5(b"!!!").hexdigest()[:8]),
    ("coupon", ["type"], "coupon"),
    ("x" * 70, ["x" * 54 + "_" + hashlib.md5(b"x" * 70).hexdigest()[:8]], None),
]


def test_property_columns_match_on_both_sides(project: Path) -> None:
    """heapgen.naming.property_column and the macro heap_connect.property_key_column give
    every key the same column, and no key is left without one."""
    expected = [
        column if column is not None else property_column(key, set(reserved))
        for key, reserved, column in PROPERTY_VECTORS
    ]
    assert [property_column(key, set(reserved)) for key, reserved, _ in PROPERTY_VECTORS] == (
        expected
    )
    assert expected[-1] not in PROPERTY_VECTORS[-1][1] and expected[-1].startswith("property_x")
    sql = (
        "{% set vectors = " + jinja_literal([[k, r] for k, r, _ in PROPERTY_VECTORS]) + " %}"
        "{% for key, reserved in vectors %}"
        "{{ tojson(heap_connect.property_key_column(key, reserved)) }}\n"
        "{% endfor %}"
    )
    run = invoke(["compile", "--inline", sql], project)
    assert run.success
    assert [json.loads(line) for line in run.compiled.splitlines() if line.strip()] == expected


def test_transliteration_table_is_the_generated_macro(project: Path) -> None:
    """The macro's table is heapgen.naming.TRANSLITERATION, generated from it."""
    run = invoke(
        ["compile", "--inline", "{{ tojson(heap_connect.heap_connect_transliteration()) }}"],
        project,
    )
    assert run.success
    assert {int(k): v for k, v in json.loads(run.compiled).items()} == TRANSLITERATION

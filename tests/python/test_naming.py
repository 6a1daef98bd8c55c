"""Names: the Python rules and the dbt macros agree on one table of test vectors."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURES
from heapgen.dbt_runner import invoke
from heapgen.naming import MAX_TABLE_NAME, heap_name, shorten, snake_case
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

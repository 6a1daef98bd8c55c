"""snake_case: the Python rule and the dbt macro agree on one table of test vectors."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURES
from heapgen.dbt_runner import invoke
from heapgen.naming import snake_case
from heapgen.render import jinja_literal

VECTORS = list(csv.DictReader((FIXTURES / "snake_case_vectors.csv").open(encoding="utf-8")))


@pytest.mark.parametrize("row", VECTORS, ids=[row["name"] for row in VECTORS])
def test_python_snake_case(row: dict[str, str]) -> None:
    assert snake_case(row["name"]) == row["expected"]


def test_result_is_a_plain_identifier() -> None:
    for row in VECTORS:
        result = snake_case(row["name"])
        assert result == "" or re.fullmatch(r"[a-z_][a-z0-9_]*", result)


def test_dbt_macro_matches_the_vectors(project: Path) -> None:
    names = [row["name"] for row in VECTORS]
    sql = (
        "{% set names = " + jinja_literal(names) + " %}"
        "{% for name in names %}{{ tojson(heap_connect.snake_case(name)) }}\n{% endfor %}"
    )
    run = invoke(["compile", "--inline", sql], project)
    assert run.success
    compiled = [line for line in run.compiled.splitlines() if line.strip()]
    assert [json.loads(line) for line in compiled] == [row["expected"] for row in VECTORS]

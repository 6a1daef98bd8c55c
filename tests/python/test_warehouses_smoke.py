"""Smoke test of the warehouse stand-ins: the same tiny dbt project on every target.

Not part of `make test` yet (pyproject's addopts deselect the `warehouses` marker until the
project's own SQL is ported to every warehouse); run it with `make test-warehouses`, which
installs the stand-ins and runs `pytest -m warehouses`. A stand-in that cannot start is an
error with its log tail, never a skip.

Per target, in a throw-away project (not the main one, whose SQL is not ported yet): `dbt
debug`; a seed; a table; a view; an incremental merge model with
on_schema_change='append_new_columns' run twice (the second run updates one row, inserts one,
and adds a column); generic and singular data tests; then the rows of every model, read back
through dbt on that warehouse.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "warehouses"))

import stand_ins  # noqa: E402

pytestmark = pytest.mark.warehouses

# duckdb: the reference the others must match. Not spark: the tiny project's merge and
# delete+insert models are not Spark's (parquet), which test_warehouse_sync.py covers.
SMOKE_TARGETS = (*(t for t in stand_ins.TARGETS if t != "spark"), "duckdb")

DBT_PROJECT = """\
name: warehouse_smoke
version: "1.0"
config-version: 2
profile: heap_connect
macro-paths: ["macros"]
# The rows of every model, printed at the end of each build (one dbt process less per check).
on-run-end: ["{{ smoke_dump(['base_table', 'base_view', 'inc_merge']) }}"]
seeds:
  warehouse_smoke:
    +quote_columns: false
"""

RAW_EVENTS_CSV = """\
id,name,amount,phase
1,alpha,10,1
2,beta,20,1
3,gamma,30,1
2,beta two,25,2
4,delta,40,2
"""

BASE_TABLE = """\
{{ config(materialized='table') }}
select id, name, amount from {{ ref('raw_events') }} where phase = 1
"""

BASE_VIEW = """\
{{ config(materialized='view') }}
select id, amount * 2 as double_amount from {{ ref('base_table') }}
"""

INC_MERGE = """\
{{ config(
    materialized='incremental',
    unique_key='id',
    incremental_strategy='merge',
    on_schema_change='append_new_columns',
) }}
select
    id,
    name,
    amount
    {%- if env_var('SMOKE_PHASE') == '2' %},
    cast('phase two' as {{ dbt.type_string() }}) as note
    {%- endif %}
from {{ ref('raw_events') }}
{% if is_incremental() %}
where phase = {{ env_var('SMOKE_PHASE') }}
{% else %}
where phase = 1
{% endif %}
"""

MODELS_YML = """\
version: 2
models:
  - name: inc_merge
    columns:
      - name: id
        data_tests: [unique, not_null]
  - name: base_view
    columns:
      - name: id
        data_tests: [not_null]
"""

SINGULAR_TEST = """\
select * from {{ ref('inc_merge') }} where amount <= 0
"""

# Prints every model's columns and rows as JSON: values as strings, so the agate types of each
# adapter (Decimal, int, float) compare alike after `_normalize`.
DUMP_MACRO = """\
{% macro smoke_dump(models) %}
  {% if not execute %}{{ return('') }}{% endif %}
  {% set out = {} %}
  {% for name in models %}
    {# not ref(): a hook cannot declare dependencies; the graph has each model's relation #}
    {% set node = graph.nodes.values() | selectattr('name', 'equalto', name) | first %}
    {% set relation = adapter.get_relation(node.database, node.schema, node.alias) %}
    {% set columns = adapter.get_columns_in_relation(relation) | map(attribute='name') | list %}
    {% set result = run_query('select * from ' ~ relation) %}
    {% set rows = [] %}
    {% for row in result.rows %}
      {% set values = [] %}
      {% for value in row %}
        {% do values.append(none if value is none else value | string) %}
      {% endfor %}
      {% do rows.append(values) %}
    {% endfor %}
    {% do out.update({name: {'columns': columns, 'rows': rows}}) %}
  {% endfor %}
  {% do print('SMOKE_DUMP ' ~ tojson(out)) %}
  {{ return('') }}
{% endmacro %}
"""

MODELS = ["base_table", "base_view", "inc_merge"]

EXPECTED_PHASE_1 = {
    "base_table": (
        ["id", "name", "amount"],
        [["1", "alpha", "10"], ["2", "beta", "20"], ["3", "gamma", "30"]],
    ),
    "base_view": (["id", "double_amount"], [["1", "20"], ["2", "40"], ["3", "60"]]),
    "inc_merge": (
        ["id", "name", "amount"],
        [["1", "alpha", "10"], ["2", "beta", "20"], ["3", "gamma", "30"]],
    ),
}

EXPECTED_PHASE_2_INC = (
    ["id", "name", "amount", "note"],
    [
        ["1", "alpha", "10", None],
        ["2", "beta two", "25", "phase two"],
        ["3", "gamma", "30", None],
        ["4", "delta", "40", "phase two"],
    ],
)


@pytest.fixture(scope="session")
def warehouses(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[stand_ins.State]:
    directory = tmp_path_factory.mktemp("warehouses")
    started = time.monotonic()
    state = stand_ins.up(directory)  # raises StandInError with the log tail
    _report(request, f"stand-ins up in {time.monotonic() - started:.2f} s: {state.start_seconds}")
    try:
        yield state
    finally:
        report = stand_ins.status(directory)
        peaks = {name: info.get("peak_rss_kb") for name, info in report.items()}
        _report(request, f"stand-in peak RSS (KiB) at the end: {peaks}")
        stand_ins.down(directory)


def _report(request: pytest.FixtureRequest, line: str) -> None:
    """A line on the terminal, captured or not: the timings are part of what this measures."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line(f"\n[warehouses] {line}")


def _write_project(root: Path) -> Path:
    files = {
        "dbt_project.yml": DBT_PROJECT,
        "seeds/raw_events.csv": RAW_EVENTS_CSV,
        "models/base_table.sql": BASE_TABLE,
        "models/base_view.sql": BASE_VIEW,
        "models/inc_merge.sql": INC_MERGE,
        "models/_models.yml": MODELS_YML,
        "tests/assert_amounts_positive.sql": SINGULAR_TEST,
        "macros/smoke_dump.sql": DUMP_MACRO,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    # The project's fakesnow-only macros (inert off fakesnow).
    for macro in (REPO / "macros" / "fakesnow").glob("*.sql"):
        shutil.copy(macro, root / "macros" / macro.name)
    return root


def _normalize(value: str | None) -> str | None:
    """'10', '10.0', '10.000' -> '10' (adapters differ in numeric types); text unchanged."""
    if value is None:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if number == number.to_integral_value():
        return str(int(number))
    return str(number.normalize())


def _dump(result: stand_ins.DbtResult) -> dict[str, tuple[list[str], list[list[str | None]]]]:
    match = re.search(r"^.*?SMOKE_DUMP (\{.*\})\s*$", result.output, re.MULTILINE)
    assert match, f"no SMOKE_DUMP in the output:\n{result.output[-3000:]}"
    data = json.loads(match.group(1))
    tables = {}
    for name, table in data.items():
        columns = [column.lower() for column in table["columns"]]
        rows = sorted(([_normalize(v) for v in row] for row in table["rows"]), key=lambda r: r[0])
        tables[name] = (columns, rows)
    return tables


def _run_results(project: Path) -> dict[str, str]:
    results = json.loads((project / "target" / "run_results.json").read_text())["results"]
    return {r["unique_id"]: r["status"] for r in results}


@pytest.mark.parametrize("target", SMOKE_TARGETS)
def test_dbt_smoke(
    warehouses: stand_ins.State, target: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    project = _write_project(tmp_path / "project")
    runs: list[stand_ins.DbtResult] = []

    def dbt(*args: str, phase: str = "1") -> stand_ins.DbtResult:
        result = stand_ins.run_dbt(warehouses, target, list(args), project, {"SMOKE_PHASE": phase})
        runs.append(result)
        return result.check()

    started = time.monotonic()
    dbt("debug")

    # Phase 1: seed, table, view, incremental (first run: create), 4 data tests.
    first = dbt("build", phase="1")
    statuses = _run_results(project)
    tests = {uid: s for uid, s in statuses.items() if uid.startswith("test.")}
    assert len(tests) == 4, first.output
    assert set(tests.values()) == {"pass"}, statuses
    assert all(s == "success" for uid, s in statuses.items() if not uid.startswith("test."))
    assert _dump(first) == EXPECTED_PHASE_1

    # Phase 2: the incremental merge updates id 2, inserts id 4, appends the column `note`.
    second = dbt("build", phase="2")
    statuses = _run_results(project)
    assert set(statuses.values()) <= {"success", "pass"}, statuses
    tables = _dump(second)
    assert tables["inc_merge"] == EXPECTED_PHASE_2_INC
    assert tables["base_table"] == EXPECTED_PHASE_1["base_table"]
    assert tables["base_view"] == EXPECTED_PHASE_1["base_view"]

    seconds = time.monotonic() - started
    steps = ", ".join(f"{r.args[0]} {r.seconds:.1f} s" for r in runs)
    peak_mib = max(r.max_rss_kb for r in runs) / 1024
    _report(request, f"{target}: {seconds:.1f} s ({steps}); dbt peak RSS {peak_mib:.0f} MiB")

"""Running dbt in-process (dbt's programmatic API) for heapgen's commands."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from heapgen.contract import MARKERS, build_of, marked

if TYPE_CHECKING:
    from dbt.cli.main import dbtRunnerResult


class DbtError(RuntimeError):
    """dbt failed; the message holds dbt's own error lines."""


@dataclass
class NodeResult:
    name: str  # model, seed or test name
    resource_type: str
    relation: str | None  # schema.alias for models and seeds
    status: str
    seconds: float
    message: str | None
    build: str | None = (
        None  # incremental models: "batch[, columns reordered: ...]" or "rebuild: <reason>"
    )


@dataclass
class DbtRun:
    success: bool
    nodes: list[NodeResult] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # log lines from macros
    errors: list[str] = field(default_factory=list)  # dbt's error lines (not on the console)
    compiled: str = ""  # `compile --inline`: the compiled SQL
    manifest: Any = None  # `parse`: dbt's manifest, for later commands to reuse


def _base_args(project_dir: Path, target: str | None) -> list[str]:
    args = ["--project-dir", str(project_dir), "--profiles-dir", str(project_dir)]
    if target:
        args += ["--target", target]
    return args


def invoke(
    command: list[str],
    project_dir: Path,
    target: str | None = None,
    on_event: Callable[[Any], None] | None = None,
    quiet: bool = True,
    manifest: Any = None,
) -> DbtRun:
    """Run one dbt command; collect node results, the info lines macros log and dbt's
    error lines. `quiet`: dbt prints nothing (heapgen reports failures itself, in one
    place; logs/dbt.log keeps everything). `manifest`: a `parse` run's, so that this
    command does not parse the project again."""
    messages: list[str] = []
    errors: list[str] = []

    def collect(event: Any) -> None:
        if event.info.name == "JinjaLogInfo":
            messages.append(event.info.msg)
        elif event.info.level == "error" and event.info.msg:
            errors.append(str(event.info.msg))
        if on_event:
            on_event(event)

    flags = ["--log-level", "none", "--log-level-file", "debug"] if quiet else []
    # dbt's newer way of making a build's nodes wait for their parents' tests: the same order
    # (the same transitive reduction, dbt's own docstring), without walking every node's
    # ancestors' tests (about a second of every build at 1,000 labels; decision 0015)
    flags.append("--use-fast-test-edges")
    # imported here: dbt takes ~2 s to import, which commands that never reach dbt (check,
    # --help, an error in the input) should not pay
    from dbt.cli.main import dbtRunner

    runner = dbtRunner(manifest=manifest, callbacks=[collect])
    args = [*flags, *command[:1], *_base_args(project_dir, target), *command[1:]]
    result: dbtRunnerResult = runner.invoke(args)
    run = DbtRun(success=result.success, messages=messages, errors=errors)
    if result.exception is not None:
        reason = " ".join(str(result.exception).split())  # one line
        raise DbtError(f"dbt {command[0]} could not run: {reason}")
    if command[0] == "parse":
        run.manifest = result.result
    for node_result in getattr(result.result, "results", None) or []:
        node = getattr(node_result, "node", None)
        if node is None:  # run-operation results carry no node
            continue
        relation = None
        compiled = getattr(node, "compiled_code", None)
        run.compiled = compiled or run.compiled
        if node.resource_type in ("model", "seed"):
            relation = f"{node.schema}.{node.alias}"
        run.nodes.append(
            NodeResult(
                name=node.name,
                resource_type=str(node.resource_type),
                relation=relation,
                status=str(node_result.status),
                seconds=float(node_result.execution_time or 0.0),
                message=node_result.message,
                build=build_of(compiled or ""),
            )
        )
    return run


def output_row_counts(run: DbtRun) -> dict[str, tuple[int, int]]:
    """Per relation of the output schema, its row count and the rows the sync wrote (the
    batch's for a table built from it, else all), as a successful sync's on-run-end logged
    them (macro output_row_counts); {} when it did not."""
    found = marked(run.messages, "row_counts")
    if found is None:
        return {}
    counts = json.loads(found)
    return {name: (total, inserted) for name, (total, inserted) in counts.items()}


def event_table_builds(run: DbtRun) -> dict[str, str]:
    """Per event table a run synced, how: "batch[, columns reordered: <why>]" or
    "rebuild: <reason>", as heap_connect.apply_event_tables logged it (one line per call:
    {table: build})."""
    prefix = MARKERS["event_table_builds"]
    builds: dict[str, str] = {}
    for message in run.messages:
        if message.startswith(prefix):
            builds.update(json.loads(message[len(prefix) :]))
    return builds


STATE_MARKER = MARKERS["sync_state"]


@dataclass
class WarehouseState:
    """What the warehouse holds before a sync (macro sync_states)."""

    states: dict[str, str]  # incremental model: the state hash it was last built from
    logic: dict[str, str]  # incremental model: its logic hash now (macro model_logic_hash)
    nothing_to_read: bool  # a sync would find no new event, identify or migration
    tables: list[str]  # nothing_to_read: the event tables with a sync state that exist


def sync_states(
    project_dir: Path, target: str | None = None, dbt_vars: dict[str, Any] | None = None
) -> WarehouseState:
    """What each incremental model was last built from (heapgen.contract.parse_state) and
    its logic hash now, whether a sync would find anything new to read, and the event tables
    that exist; `dbt_vars` as the sync's build gets them (schemas can depend on them)."""
    command = ["run-operation", "sync_states"]
    if dbt_vars:
        command += ["--vars", json.dumps(dbt_vars)]
    run = invoke(command, project_dir, target)
    found = marked(run.messages, "sync_state")
    if found is not None:
        return WarehouseState(**json.loads(found))
    raise DbtError(f"cannot read the warehouse's sync state: {first_error(run)}")


def raw_property_keys(project_dir: Path, target: str | None = None) -> dict[str, list[str]]:
    """Every distinct property key in heap_raw, by scope: "event" (events) and "user"
    (user_properties); macro raw_property_keys."""
    run = invoke(["run-operation", "raw_property_keys"], project_dir, target)
    found = marked(run.messages, "property_keys")
    if found is not None:
        return json.loads(found)
    raise DbtError("dbt run-operation raw_property_keys logged no keys")


def renamed_property_keys(run: DbtRun) -> dict[str, dict[str, str]]:
    """Per table, the property keys a run gave a column other than their snake_case (or
    that hold non-ASCII characters): key -> column, as the models logged them."""
    renamed: dict[str, dict[str, str]] = {}
    for message in run.messages:
        # macros/properties/property_columns.sql: a key whose column is not its snake_case
        if message.startswith(MARKERS["property_name"]):
            entry = json.loads(message[len(MARKERS["property_name"]) :])
            renamed.setdefault(entry["table"] or "", {})[entry["key"]] = entry["column"]
    return renamed


def first_error(run: DbtRun) -> str:
    """The first error dbt reported, in one line (else where to look)."""
    lines = run.errors[0].strip().splitlines() if run.errors else []
    return lines[0] if lines else "no result (see logs/dbt.log)"


def deleted_users(run: DbtRun) -> tuple[int, dict[str, int]]:
    """The users a run's deletion requests deleted, and the rows it removed per table
    (schema.table) of those users and of users deleted before (late raw rows)."""
    found = marked(run.messages, "deleted_users")  # macros/deletion/apply_user_deletions.sql
    if found is None:
        return 0, {}
    entry = json.loads(found)
    return entry["users"], entry["rows"]

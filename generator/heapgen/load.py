"""Load raw capture files (JSONL, CSV, Parquet) into the `heap_raw` tables of a DuckDB file,
or a tracker's export files into its own tables (PostHog's events: heapgen.posthog).

`load_directory` takes every `events*`, `identifies*` and `user_properties*` file of a
directory (for a source of one table, every data file), checks all of them, and only when
every row of every file is valid appends them to `<schema>.<table>` in one transaction. It
never deduplicates: the same row may arrive twice (at-least-once delivery) and the dbt
staging layer removes the copies.

How a file is read and checked, set-based in DuckDB (no Python per row):
1. The file is read as a *text relation*: one VARCHAR column per contract column, NULL
   when the key or column is absent. JSONL has a second relation over the same lines,
   the *shape* of each line: malformed, not an object, or with keys outside the contract.
   CSV and Parquet headers are checked before reading any row.
2. One query counts the rows and whether any is bad (fails one of `_value_checks`).
   Only then does a second query number the rows and fetch the first few bad ones with
   their reasons; Python turns a row number into the file's physical line.
3. The insert casts the same text relation to the contract's types.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import duckdb
import orjson

from heapgen.duckdb_settings import apply_duckdb_settings
from heapgen.raw_contract import LIBRARIES, TABLES, Column, Table
from heapgen.warehouse import require_folder

FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}
# Compressed files DuckDB reads as they are (PostHog's S3 export writes .jsonl.gz, and
# .parquet.zst for Parquet compressed inside): a suffix of a suffix in FORMATS.
COMPRESSIONS = {"jsonl": (".gz",), "csv": (".gz",), "parquet": (".zst", ".gz", ".snappy")}
MAX_PROBLEMS_PER_FILE = 20
SHOWN_VALUE_CHARS = 60

# 'YYYY-MM-DD HH:MM:SS[.fff…]', ' ' or 'T' between date and time, optional 'Z' or offset.
TIME_SHAPE = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?"
    r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)?"
)
TIME_OFFSET = r"[+-][0-9]{2}(:?[0-9]{2})?$"
TIME_FORMATS_HINT = "expected YYYY-MM-DD HH:MM:SS[.fff], optionally with T, Z or +hh:mm"

# SQL helpers shared by the checks and the insert; temporary: they live in our connection.
SQL_MACROS = (
    # A time as UTC without time zone; NULL when it is not one of the accepted forms.
    # Without an offset (or with 'Z') the text is already UTC; an offset is converted.
    f"""
    CREATE OR REPLACE TEMP MACRO heapgen_parse_time(x) AS
    CASE
        WHEN NOT regexp_full_match(x, '{TIME_SHAPE}') THEN NULL
        WHEN regexp_matches(x, '{TIME_OFFSET}') THEN timezone('UTC', TRY_CAST(x AS TIMESTAMPTZ))
        ELSE TRY_CAST(x AS TIMESTAMP)
    END
    """,
    # Digits only (not '1.0', '1e3', '0x10', '1_000', which a cast would take), in range.
    """
    CREATE OR REPLACE TEMP MACRO heapgen_is_bigint(x) AS
    regexp_full_match(x, '-?[0-9]+') AND TRY_CAST(x AS BIGINT) IS NOT NULL
    """,
    """
    CREATE OR REPLACE TEMP MACRO heapgen_is_json_object(x) AS
    coalesce(json_type(TRY_CAST(x AS JSON)) = 'OBJECT', false)
    """,
    # A value quoted for an error message, cut after SHOWN_VALUE_CHARS characters.
    f"""
    CREATE OR REPLACE TEMP MACRO heapgen_show(x) AS
    '''' || left(x, {SHOWN_VALUE_CHARS})
         || CASE WHEN length(x) > {SHOWN_VALUE_CHARS} THEN '…' ELSE '' END || ''''
    """,
)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be loaded. `line` is the physical 1-based line (JSONL;
    CSV, whose header is line 1), "row N" or "header" (Parquet), or None (whole file)."""

    file: Path
    line: int | str | None
    reason: str

    def __str__(self) -> str:
        where = str(self.file) if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.reason}"


class LoadError(Exception):
    """Bad input; nothing was loaded. str() renders one problem per line."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class FileLoad:
    path: Path
    table: str
    rows: int


@dataclass(frozen=True)
class LoadReport:
    files: tuple[FileLoad, ...]
    loaded_at: dt.datetime  # UTC, naive: the value given to rows without loaded_at
    tables: tuple[str, ...] = tuple(TABLES)  # every table of the contract loaded into

    @property
    def total_rows(self) -> int:
        return sum(f.rows for f in self.files)

    def rows_by_table(self) -> dict[str, int]:
        totals = dict.fromkeys(self.tables, 0)
        for f in self.files:
            totals[f.table] += f.rows
        return totals


@dataclass(frozen=True)
class RawFile:
    path: Path
    table: Table
    format: str  # "jsonl" | "csv" | "parquet"


@dataclass(frozen=True)
class CheckedFile:
    raw: RawFile
    columns: dict[str, str]  # CSV/Parquet: the file's columns (name -> type); JSONL: {}
    rows: int


@dataclass(frozen=True)
class Check:
    """A rule on one row of a text relation: SQL that is true when the row breaks it,
    and SQL for the message saying how."""

    fails: str
    reason: str


# --------------------------------------------------------------------------- public API


def load_directory(
    db_path: Path,
    in_dir: Path,
    progress: Callable[[str], None] | None = None,
    tables: dict[str, Table] = TABLES,
) -> LoadReport:
    """Append every file of `in_dir` to its table of `tables` (default: the raw capture
    contract, heap_raw) in `db_path`, all or nothing.

    Raises LoadError (and loads nothing) when a file or any row of it is bad."""
    say = progress or (lambda _message: None)
    if db_path != ":memory:":
        require_folder(Path(db_path))
    loaded_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    files = find_raw_files(Path(in_dir), tables)

    with _connect(":memory:") as con:  # checking needs no database, so none is created
        checked = check_files(con, files, say)

    with _connect(db_path) as con:
        loads = insert_files(con, checked, loaded_at, say, tables)
    return LoadReport(files=tuple(loads), loaded_at=loaded_at, tables=tuple(tables))


def ensure_raw_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, Table] = TABLES) -> None:
    """Create the tables' schemas and the tables (contract column order) if missing."""
    for schema in dict.fromkeys(table.schema for table in tables.values()):
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {_ident(_catalog(con))}.{_ident(schema)}")
    for table in tables.values():
        columns = ",\n    ".join(f"{_ident(c.name)} {c.type}" for c in table.columns)
        con.execute(f"CREATE TABLE IF NOT EXISTS {_qualified(con, table)} (\n    {columns}\n)")


# --------------------------------------------------------------------------- finding files


def find_raw_files(in_dir: Path, tables: dict[str, Table] = TABLES) -> list[RawFile]:
    """The directory's files to load, sorted by name. A file named like a table but with
    another suffix is a problem: skipping it silently would lose its rows."""
    if not in_dir.is_dir():
        raise LoadError([Problem(in_dir, None, "not a directory")])
    found: list[RawFile] = []
    problems: list[Problem] = []
    for path in sorted(p for p in in_dir.iterdir() if p.is_file()):
        table = _table_for_file_name(path.name, tables)
        if table is None:
            continue
        file_format = file_format_of(path)
        if file_format is None:
            reason = (
                "unsupported file type; expected .jsonl, .csv or .parquet "
                "(.jsonl.gz, .csv.gz, .parquet.zst too)"
            )
            problems.append(Problem(path, None, reason))
        else:
            found.append(RawFile(path, table, file_format))
    if problems:
        raise LoadError(problems)
    if not found:
        names = ", ".join(f"{name}*" for name in tables) if len(tables) > 1 else "data files"
        reason = f"no files to load: expected {names} with suffix .jsonl, .csv or .parquet"
        raise LoadError([Problem(in_dir, None, reason)])
    return found


def file_format_of(path: Path) -> str | None:
    """jsonl, csv or parquet from the file's suffix (a compression suffix after it allowed);
    None for any other file."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes and suffixes[-1] in FORMATS:
        return FORMATS[suffixes[-1]]
    if len(suffixes) >= 2 and suffixes[-2] in FORMATS:
        kind = FORMATS[suffixes[-2]]
        return kind if suffixes[-1] in COMPRESSIONS[kind] else None
    return None


def _table_for_file_name(name: str, tables: dict[str, Table]) -> Table | None:
    """The table a file's name says (`events*`, ...); every file is the table's when there
    is only one (a tracker's export: its files are named by time, not by table)."""
    if name.startswith(".") or name == "manifest.json":  # PostHog's S3 export lists its files
        return None
    if len(tables) == 1:
        return next(iter(tables.values()))
    return next((table for prefix, table in tables.items() if name.startswith(prefix)), None)


# --------------------------------------------------------------------------- checking


def check_files(
    con: duckdb.DuckDBPyConnection, files: list[RawFile], say: Callable[[str], None]
) -> list[CheckedFile]:
    """Check every file; raise LoadError with the problems of all of them, if any."""
    problems: list[Problem] = []
    checked: list[CheckedFile] = []
    for f in files:
        result, file_problems = check_file(con, f)
        checked.append(result)
        problems += file_problems
        verdict = f"{len(file_problems)} problem(s)" if file_problems else "ok"
        say(f"checked {f.path.name}: {result.rows:,} rows, {verdict}")
    if problems:
        raise LoadError(problems)
    return checked


def check_file(con: duckdb.DuckDBPyConnection, f: RawFile) -> tuple[CheckedFile, list[Problem]]:
    """The file's columns and row count, and its problems (at most MAX_PROBLEMS_PER_FILE
    rows are reported, then a line saying how many more there are)."""
    columns, header_problems = _columns_in_file(con, f)
    if header_problems or _is_empty_csv(f, columns):
        return CheckedFile(f, columns, 0), header_problems
    try:
        rows, any_bad = _count_rows(con, f, columns)
    except duckdb.Error as e:
        return CheckedFile(f, columns, 0), _unreadable_file_problems(f, columns, e)
    problems = _bad_row_problems(con, f, columns) if any_bad else []
    return CheckedFile(f, columns, rows), problems


def _is_empty_csv(f: RawFile, columns: dict[str, str]) -> bool:
    """An empty CSV file (not even a header) has no rows, like an empty JSONL file."""
    return f.format == "csv" and not columns


def _count_rows(
    con: duckdb.DuckDBPyConnection, f: RawFile, columns: dict[str, str]
) -> tuple[int, bool]:
    """(rows, whether any row has a problem), in one pass over the file (two for JSONL)."""
    any_fails = " OR ".join(f"({check.fails})" for check in _value_checks(f.table))
    rows, bad_rows = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE {any_fails}) FROM {_text_relation(f, columns)}",
        {"path": str(f.path)},
    ).fetchone()
    if f.format == "jsonl":
        (bad_shapes,) = con.execute(
            f"SELECT count(*) FILTER (WHERE problem IS NOT NULL) FROM {_jsonl_shapes(f.table)}",
            {"path": str(f.path)},
        ).fetchone()
        bad_rows += bad_shapes
    return rows, bad_rows > 0


def _bad_row_problems(
    con: duckdb.DuckDBPyConnection, f: RawFile, columns: dict[str, str]
) -> list[Problem]:
    """The first bad rows of a file with their reasons, located by line (or row).
    A JSONL line that is not an object gets that reason only."""
    reasons = _reasons_sql(f.table)
    numbered_reasons = (
        f"SELECT row_number() OVER () AS record, {reasons} AS reasons "
        f"FROM {_text_relation(f, columns)}"
    )
    if f.format == "jsonl":
        numbered_reasons = f"""
            SELECT record, CASE
                WHEN problem IS NULL THEN reasons
                WHEN is_object THEN list_prepend(problem, reasons)
                ELSE [problem]
            END AS reasons
            FROM ({numbered_reasons}) AS value_reasons
            JOIN (SELECT row_number() OVER () AS record, * FROM {_jsonl_shapes(f.table)})
                AS shapes USING (record)
        """
    bad = con.execute(
        f"""
        SELECT record, reasons, count(*) OVER () AS bad_rows
        FROM ({numbered_reasons})
        WHERE len(reasons) > 0
        ORDER BY record
        LIMIT {MAX_PROBLEMS_PER_FILE}
        """,
        {"path": str(f.path)},
    ).fetchall()
    located = _locate_records(f, [record for record, _, _ in bad])
    problems = [
        Problem(f.path, located[record][0], _explain(reason, located[record][1]))
        for record, reasons_of_row, _ in bad
        for reason in reasons_of_row
    ]
    not_shown = bad[0][2] - len(bad) if bad else 0
    if not_shown > 0:
        problems.append(Problem(f.path, None, f"... and {not_shown:,} more bad rows not shown"))
    return problems


def _reasons_sql(table: Table) -> str:
    """SQL for the list of what is wrong with one row of a text relation (empty: nothing)."""
    cases = ",\n        ".join(
        f"CASE WHEN {check.fails} THEN {check.reason} END" for check in _value_checks(table)
    )
    return f"list_filter([\n        {cases}\n    ], lambda r: r IS NOT NULL)"


def _value_checks(table: Table) -> list[Check]:
    return [check for column in table.columns for check in _column_checks(column)]


def _column_checks(column: Column) -> list[Check]:
    """The rules for one column's text value, from its contract type and flags."""
    col, name = _ident(column.name), column.name
    checks = []
    if column.required:
        checks.append(Check(f"{col} IS NULL", _literal(f"missing required column {name!r}")))
    if column.type == "BIGINT":
        checks.append(
            Check(
                f"NOT heapgen_is_bigint({col})",
                f"{_literal(f'{name} is not a 64-bit integer: ')} || heapgen_show({col})",
            )
        )
    elif column.type == "TIMESTAMP":
        checks.append(
            Check(
                f"{col} IS NOT NULL AND heapgen_parse_time({col}) IS NULL",
                f"{_literal(f'{name} is not a valid time: ')} || heapgen_show({col}) "
                f"|| {_literal(f' ({TIME_FORMATS_HINT})')}",
            )
        )
    elif column.type == "BOOLEAN":
        checks.append(
            Check(
                f"lower({col}) NOT IN ('true', 'false')",
                f"{_literal(f'{name} is not a boolean (true or false): ')} || heapgen_show({col})",
            )
        )
    elif column.type == "JSON" and column.any_json:
        checks.append(
            Check(
                f"{col} IS NOT NULL AND NOT coalesce(json_valid({col}), false)",
                f"{_literal(f'{name} is not JSON: ')} || heapgen_show({col})",
            )
        )
    elif column.type == "JSON":
        checks.append(
            Check(
                f"{col} IS NOT NULL AND NOT heapgen_is_json_object({col})",
                f"{_literal(f'{name} is not a JSON object: ')} || heapgen_show({col})",
            )
        )
    if column.name == "library":
        allowed = ", ".join(_literal(library) for library in LIBRARIES)
        checks.append(
            Check(
                f"{col} NOT IN ({allowed})",
                f"'library ' || heapgen_show({col}) "
                f"|| {_literal(' is not one of ' + ', '.join(LIBRARIES))}",
            )
        )
    return checks


# --------------------------------------------------------------------------- reading files


def _columns_in_file(
    con: duckdb.DuckDBPyConnection, f: RawFile
) -> tuple[dict[str, str], list[Problem]]:
    """The columns of a CSV or Parquet file (name -> type) and the problems of its header.
    JSONL lines carry their own keys: they are checked line by line."""
    if f.format == "jsonl":
        return {}, []
    if f.format == "csv":
        names = _csv_header(f.path)
        return dict.fromkeys(names, "VARCHAR"), _header_problems(f, names, where=1)
    try:
        described = con.execute(
            "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($path))",
            {"path": str(f.path)},
        ).fetchall()
    except duckdb.Error as e:
        return {}, [Problem(f.path, None, f"cannot read Parquet file: {_first_line(e)}")]
    names = [name for name, _ in described]
    return dict(described), _header_problems(f, names, where="header")


def _csv_header(path: Path) -> list[str]:
    """The column names on line 1; [] for an empty file."""
    with _open(path, "rt", newline="", encoding="utf-8-sig") as fh:
        return next(csv.reader(fh), [])


def _header_problems(f: RawFile, names: list[str], where: int | str) -> list[Problem]:
    if f.format == "csv" and not names:
        if f.path.stat().st_size == 0:  # an empty file: no header, no rows
            return []
        return [Problem(f.path, where, "no header: line 1 must name the columns")]
    contract = f.table.column_names
    problems = [
        Problem(f.path, where, f"column {name!r} appears more than once")
        for name in sorted({n for n in names if names.count(n) > 1})
    ]
    problems += [
        Problem(f.path, where, f"unknown column {name!r}: not a column of {_dotted(f.table)}")
        for name in names
        if name not in contract and not f.table.open_columns
    ]
    problems += [
        Problem(f.path, where, f"missing required column {name!r}")
        for name in f.table.required
        if name not in names
    ]
    return problems


def _text_relation(f: RawFile, columns: dict[str, str]) -> str:
    """SQL for the file's rows with every contract column as VARCHAR, in file order.
    The file path is the query's parameter `$path`."""
    if f.format == "jsonl":
        return _jsonl_values(f.table)
    if f.format == "csv":
        return _csv_values(f.table, list(columns))
    return _parquet_values(f.table, columns)


def _jsonl_values(table: Table) -> str:
    """One row per non-blank line; a line that is not an object comes as a row of NULLs
    (ignore_errors), so rows stay aligned with `_jsonl_shapes`. BOOLEAN and JSON columns
    are read as raw JSON, so that the string "true" is not taken for true."""
    read_as = _struct_literal({c.name: _jsonl_read_type(c) for c in table.columns})
    return f"""(
        SELECT * FROM read_json($path, format = 'newline_delimited', columns = {read_as},
                                ignore_errors = true)
    )"""


def _jsonl_read_type(column: Column) -> str:
    return "JSON" if column.type in ("BOOLEAN", "JSON") else "VARCHAR"


def _jsonl_shapes(table: Table) -> str:
    """One row per non-blank line: `problem` says why the line is not an object with
    contract keys only (NULL when it is one); `is_object` whether it is an object."""
    known = "[" + ", ".join(_literal(name) for name in table.column_names) + "]"
    unknown = f"unknown key(s), not columns of {_dotted(table)}: "
    return f"""(
        SELECT CASE
            WHEN line IS NULL THEN 'malformed JSON'
            WHEN json_type(line) <> 'OBJECT' THEN 'not a JSON object but ' || lower(json_type(line))
            WHEN len(unknown_keys) > 0 AND NOT {str(table.open_columns).lower()}
                THEN {_literal(unknown)} || array_to_string(
                    list_transform(unknown_keys, lambda k: heapgen_show(k)), ', ')
        END AS problem,
        coalesce(json_type(line) = 'OBJECT', false) AS is_object
        FROM (
            SELECT json AS line,
                   list_filter(json_keys(json), lambda k: NOT list_contains({known}, k))
                       AS unknown_keys
            FROM read_json_objects($path, format = 'newline_delimited', ignore_errors = true)
        )
    )"""


def _csv_values(table: Table, header: list[str]) -> str:
    """The header has been checked: every name in it is a contract column."""
    read_as = _struct_literal(dict.fromkeys(header, "VARCHAR"))
    derived = table.derived_columns(header) if table.derived_columns else {}
    columns = ", ".join(
        _ident(name)
        if name in header
        else f"{derived.get(name, 'NULL')}::VARCHAR AS {_ident(name)}"
        for name in table.column_names
    )
    return f"""(
        SELECT {columns}
        FROM read_csv($path, header = true, auto_detect = false, columns = {read_as},
                      delim = ',', quote = '"', escape = '"', strict_mode = true,
                      null_padding = false, allow_quoted_nulls = false)
    )"""


def _parquet_values(table: Table, types: dict[str, str]) -> str:
    columns = ", ".join(_parquet_text(column, types.get(column.name)) for column in table.columns)
    return f"(SELECT {columns} FROM read_parquet($path))"


def _parquet_text(column: Column, file_type: str | None) -> str:
    """A Parquet column as text; a nested JSON column (STRUCT, MAP) as JSON text."""
    col = _ident(column.name)
    if file_type is None:
        return f"NULL::VARCHAR AS {col}"
    if column.type == "JSON" and file_type not in ("VARCHAR", "JSON"):
        return f"to_json({col})::VARCHAR AS {col}"
    return f"{col}::VARCHAR AS {col}"


# --------------------------------------------------------------------------- locating rows
# Error path only: Python reads the file to turn a row number into a physical line.


def _locate_records(f: RawFile, records: list[int]) -> dict[int, tuple[int | str, bytes | None]]:
    """1-based record numbers -> (physical line or "row N", the JSONL line's bytes)."""
    if f.format == "parquet":
        return {r: (f"row {r}", None) for r in records}
    if f.format == "csv":
        return {r: (line, None) for r, line in _csv_record_lines(f.path, set(records)).items()}
    return _jsonl_record_lines(f.path, set(records))


def _jsonl_record_lines(path: Path, wanted: set[int]) -> dict[int, tuple[int, bytes]]:
    """Record number -> (physical line, its bytes), counting records as DuckDB does:
    every line that is not blank."""
    found: dict[int, tuple[int, bytes]] = {}
    record = 0
    with _open(path, "rb") as fh:
        for line_number, text in enumerate(fh, start=1):
            if not text.strip():
                continue
            record += 1
            if record in wanted:
                found[record] = (line_number, text)
                if len(found) == len(wanted):
                    break
    return found


def _csv_record_lines(path: Path, wanted: set[int]) -> dict[int, int]:
    """Record number -> physical line where the record starts. The header is line 1 and
    blank lines are not records (DuckDB skips them); a quoted value may span lines."""
    found: dict[int, int] = {}
    with _open(path, "rt", newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        next(reader, None)
        record, starts_at = 0, reader.line_num + 1
        for row in reader:
            if row:
                record += 1
                if record in wanted:
                    found[record] = starts_at
                    if len(found) == len(wanted):
                        break
            starts_at = reader.line_num + 1
    return found


def _open(path: Path, mode: str, **kwargs: Any) -> IO[Any]:
    """A data file, gzip-compressed or not (error path only: DuckDB reads both itself)."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, mode, **kwargs)  # type: ignore[return-value]
    return path.open(mode, **kwargs)


def _explain(reason: str, line: bytes | None) -> str:
    """Add the JSON parser's own words to 'malformed JSON'."""
    if reason != "malformed JSON" or line is None:
        return reason
    try:
        orjson.loads(line)
    except orjson.JSONDecodeError as e:
        return f"malformed JSON ({e})"
    return reason


def _unreadable_file_problems(
    f: RawFile, columns: dict[str, str], error: duckdb.Error
) -> list[Problem]:
    """DuckDB could not read the file. For CSV, find the structural problems (wrong
    number of fields, unterminated quote) with their lines; else quote DuckDB."""
    if f.format == "csv":
        problems = _csv_structure_problems(f.path, len(columns))
        if problems:
            return problems
    return [Problem(f.path, None, f"cannot read {f.format.upper()} file: {_first_line(error)}")]


def _csv_structure_problems(path: Path, width: int) -> list[Problem]:
    problems: list[Problem] = []
    with _open(path, "rt", newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh, strict=True)
        starts_at = 1
        try:
            next(reader, None)
            starts_at = reader.line_num + 1
            for row in reader:
                if row and len(row) != width:
                    reason = f"expected {width} fields as in the header, found {len(row)}"
                    problems.append(Problem(path, starts_at, reason))
                    if len(problems) >= MAX_PROBLEMS_PER_FILE:
                        break
                starts_at = reader.line_num + 1
        except csv.Error as e:
            problems.append(Problem(path, starts_at, f"invalid CSV: {e}"))
        except UnicodeDecodeError as e:
            problems.append(Problem(path, starts_at, f"not UTF-8 text: {e.reason}"))
    return problems


# --------------------------------------------------------------------------- inserting


def insert_files(
    con: duckdb.DuckDBPyConnection,
    files: list[CheckedFile],
    loaded_at: dt.datetime,
    say: Callable[[str], None],
    tables: dict[str, Table] = TABLES,
) -> list[FileLoad]:
    """Append the checked files in one transaction (creating every table of `tables` that
    is missing, loaded into or not); on any error nothing is kept."""
    loads: list[FileLoad] = []
    con.execute("SET preserve_insertion_order = false")  # raw rows have no order; 2x faster
    con.execute("BEGIN TRANSACTION")
    try:
        ensure_raw_tables(con, tables)
        for f in files:
            rows = insert_file(con, f, loaded_at)
            loads.append(FileLoad(f.raw.path, f.raw.table.name, rows))
            say(f"loaded {f.raw.path.name}: {rows:,} rows into {_dotted(f.raw.table)}")
        con.execute("COMMIT")
    except duckdb.Error as e:
        con.execute("ROLLBACK")
        reason = f"loading failed, nothing was loaded: {_first_line(e)}"
        raise LoadError([Problem(files[len(loads)].raw.path, None, reason)]) from e
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return loads


def insert_file(con: duckdb.DuckDBPyConnection, f: CheckedFile, loaded_at: dt.datetime) -> int:
    """Append one checked file to its table; returns the number of rows."""
    if f.rows == 0:
        return 0
    table = f.raw.table
    names = ", ".join(_ident(name) for name in table.column_names)
    values = ", ".join(_typed(column, table) for column in table.columns)
    (rows,) = con.execute(
        f"INSERT INTO {_qualified(con, table)} ({names}) "
        f"SELECT {values} FROM {_text_relation(f.raw, f.columns)}",
        {"path": str(f.raw.path), "loaded_at": loaded_at},
    ).fetchone()
    return rows


def _typed(column: Column, table: Table) -> str:
    """A checked text value cast to its contract type; the arrival column (loaded_at)
    defaults to the load's start."""
    col = _ident(column.name)
    if column.type == "TIMESTAMP":
        parsed = f"heapgen_parse_time({col})"
        return f"coalesce({parsed}, $loaded_at)" if column.name == table.arrival else parsed
    if column.type == "VARCHAR":
        return col
    return f"CAST({col} AS {column.type})"


# --------------------------------------------------------------------------- SQL helpers


def _connect(db_path: Path | str) -> duckdb.DuckDBPyConnection:
    try:
        con = duckdb.connect(str(db_path))
        apply_duckdb_settings(con)
    except duckdb.Error as e:
        reason = f"cannot open the database: {_first_line(e)}"
        raise LoadError([Problem(Path(db_path), None, reason)]) from e
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET enable_progress_bar = false")
    for macro in SQL_MACROS:
        con.execute(macro)
    return con


def _catalog(con: duckdb.DuckDBPyConnection) -> str:
    """The database's own name (its file's stem), so that a schema named like the file
    (posthog.duckdb, schema posthog) is not ambiguous."""
    (name,) = con.execute("SELECT current_database()").fetchone()  # type: ignore[misc]
    return str(name)


def _qualified(con: duckdb.DuckDBPyConnection, table: Table) -> str:
    return f"{_ident(_catalog(con))}.{_ident(table.schema)}.{_ident(table.name)}"


def _dotted(table: Table) -> str:
    return f"{table.schema}.{table.name}"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _struct_literal(items: dict[str, str]) -> str:
    """{'name': 'TYPE', ...}: the `columns` argument of DuckDB's readers."""
    return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in items.items()) + "}"


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__

"""heapgen.load: raw capture files (JSONL, CSV, Parquet) into heap_raw, all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
import orjson
import pytest

from heapgen import load as load_module
from heapgen.load import (
    MAX_PROBLEMS_PER_FILE,
    LoadError,
    Problem,
    ensure_raw_tables,
    load_directory,
)
from heapgen.raw_contract import EVENTS, IDENTIFIES, TABLES, USER_PROPERTIES

REPO_ROOT = Path(__file__).resolve().parents[2]
REAL_DATA = REPO_ROOT.parent / "shared" / "data" / "real"
DATASETS = ("apache", "otto", "snowplow")
FORMATS = (".jsonl", ".csv", ".parquet")


# --------------------------------------------------------------------------- helpers


def table_counts(db: Path) -> dict[str, int]:
    """Rows per heap_raw table; {} when the database does not exist yet."""
    if not db.exists():
        return {}
    with duckdb.connect(str(db)) as con:
        ensure_raw_tables(con)
        return {
            name: con.execute(f"SELECT count(*) FROM heap_raw.{name}").fetchone()[0]
            for name in TABLES
        }


def line_count(path: Path) -> int:
    return sum(1 for line in path.read_bytes().splitlines() if line.strip())


def csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return orjson.dumps(value).decode()
    return str(value)


def write_rows(path: Path, rows: list[dict | bytes]) -> Path:
    """Write rows in the format of path's suffix.
    JSONL: a dict is one line (stdlib json writes integers of any size), bytes verbatim.
    CSV: the header is the union of the keys; None is an empty field.
    Parquet: as CSV, then copied with every column VARCHAR (so bad values survive)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".jsonl":
        path.write_bytes(
            b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in rows)
        )
        return path
    header = list(dict.fromkeys(key for row in rows for key in row))
    csv_path = path.with_suffix(".csv") if path.suffix == ".parquet" else path
    with csv_path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows([csv_text(row.get(key)) for key in header] for row in rows)
    if path.suffix == ".parquet":
        with duckdb.connect() as con:
            con.execute(
                f"COPY (SELECT * FROM read_csv({sql_string(csv_path)}, header = true, "
                "all_varchar = true, delim = ',', quote = '\"')) "
                f"TO {sql_string(path)} (FORMAT parquet)"
            )
        csv_path.unlink()
    return path


def sql_string(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def event(n: int, **changes: object) -> dict:
    row = {
        "event_id": 1000 + n,
        "user_id": 77,
        "session_id": 5,
        "time": f"2024-03-01 10:00:0{n}.250",
        "loaded_at": f"2024-03-01 10:00:1{n}.000",
        "library": "web",
        "type": "click",
        "is_custom": False,
        "path": "/pricing",
        "properties": {"plan": "pro"},
    }
    row.update(changes)
    return {k: v for k, v in row.items() if v is not DROP}


DROP = object()  # event(n, key=DROP) leaves the key out


def three_events(bad: dict) -> list[dict]:
    """Two good events and a bad third one: JSONL line 3, CSV line 4, Parquet row 3."""
    return [event(1), event(2), bad]


def bad_location(suffix: str) -> int | str:
    return {".jsonl": 3, ".csv": 4, ".parquet": "row 3"}[suffix]


@pytest.fixture(scope="module")
def seeded_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    load_directory(db, REAL_DATA / "snowplow")
    return db


@pytest.fixture
def seeded_db(seeded_db_template: Path, tmp_path: Path) -> Path:
    """A database that already holds the snowplow dataset (192 / 150 / 41 rows)."""
    db = tmp_path / "heap.duckdb"
    shutil.copy(seeded_db_template, db)
    return db


def expect_load_error(db: Path, in_dir: Path) -> LoadError:
    """Loading fails, and every table keeps the rows it had."""
    before = table_counts(db)
    with pytest.raises(LoadError) as info:
        load_directory(db, in_dir)
    assert table_counts(db) == before
    return info.value


# --------------------------------------------------------------------------- real datasets


@pytest.mark.parametrize("dataset", DATASETS)
def test_real_dataset_loads_every_line(dataset: str, tmp_path: Path) -> None:
    db = tmp_path / "heap.duckdb"
    report = load_directory(db, REAL_DATA / dataset)

    expected = {name: line_count(REAL_DATA / dataset / f"{name}.jsonl") for name in TABLES}
    assert table_counts(db) == expected
    assert report.rows_by_table() == expected
    assert report.total_rows == sum(expected.values())
    assert {(f.path.name, f.table, f.rows) for f in report.files} == {
        (f"{name}.jsonl", name, rows) for name, rows in expected.items()
    }


@pytest.mark.parametrize("dataset", DATASETS)
def test_real_dataset_values_round_trip(dataset: str, tmp_path: Path) -> None:
    """Every column of a sample of lines is in the table exactly as in the file."""
    db = tmp_path / "heap.duckdb"
    load_directory(db, REAL_DATA / dataset)
    lines = (REAL_DATA / dataset / "events.jsonl").read_bytes().splitlines()
    sample = [orjson.loads(line) for line in lines[:: max(1, len(lines) // 50)]]
    names = EVENTS.column_names
    with duckdb.connect(str(db)) as con:
        for expected in sample:
            rows = con.execute(
                f"SELECT {', '.join(names)} FROM heap_raw.events WHERE event_id = ?",
                [expected["event_id"]],
            ).fetchall()
            stored = [dict(zip(names, row, strict=True)) for row in rows]
            assert as_stored(expected) in stored  # a repeated event_id has several rows


def as_stored(row: dict) -> dict:
    """A JSONL row as DuckDB returns it: times as datetime, properties as JSON text."""
    stored = {name: row.get(name) for name in EVENTS.column_names}
    for name in ("time", "loaded_at"):
        stored[name] = dt.datetime.fromisoformat(row[name])
    if row.get("properties") is not None:
        stored["properties"] = orjson.dumps(row["properties"]).decode()
    return stored


def test_known_values_round_trip(tmp_path: Path) -> None:
    """An event id, a time with milliseconds and a properties object from otto."""
    db = tmp_path / "heap.duckdb"
    load_directory(db, REAL_DATA / "otto")
    with duckdb.connect(str(db)) as con:
        row = con.execute(
            "SELECT user_id, time, loaded_at, type, is_custom, properties "
            "FROM heap_raw.events WHERE event_id = 559441039384404"
        ).fetchone()
    assert row[:5] == (
        2504326138767078,
        dt.datetime(2022, 7, 31, 22, 0, 0, 134000),
        dt.datetime(2022, 7, 31, 22, 0, 2, 538000),
        "clicks",
        True,
    )
    assert orjson.loads(row[5]) == {"aid": 87774}


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_csv_and_parquet_load_like_jsonl(suffix: str, tmp_path: Path) -> None:
    from_jsonl = tmp_path / "from_jsonl.duckdb"
    load_directory(from_jsonl, REAL_DATA / "snowplow")
    copies = tmp_path / "copies"
    copies.mkdir()
    options = "(HEADER, DELIMITER ',')" if suffix == ".csv" else "(FORMAT parquet)"
    with duckdb.connect(str(from_jsonl)) as con:
        for name in TABLES:
            target = sql_string(copies / f"{name}{suffix}")
            con.execute(f"COPY heap_raw.{name} TO {target} {options}")

    from_copies = tmp_path / "from_copies.duckdb"
    report = load_directory(from_copies, copies)

    assert {f.path.suffix for f in report.files} == {suffix}
    assert table_counts(from_copies) == table_counts(from_jsonl)
    with duckdb.connect(str(from_copies)) as con:
        con.execute(f"ATTACH {sql_string(from_jsonl)} AS original (READ_ONLY)")
        for name in TABLES:
            for a, b in (("heap_raw", "original.heap_raw"), ("original.heap_raw", "heap_raw")):
                differing = con.execute(
                    f"SELECT count(*) FROM (FROM {a}.{name} EXCEPT ALL FROM {b}.{name})"
                ).fetchone()[0]
                assert differing == 0, (name, a, b)


def test_loading_twice_appends(tmp_path: Path) -> None:
    db = tmp_path / "heap.duckdb"
    load_directory(db, REAL_DATA / "snowplow")
    once = table_counts(db)
    load_directory(db, REAL_DATA / "snowplow")
    assert table_counts(db) == {name: 2 * rows for name, rows in once.items()}


def test_several_files_per_table_and_formats(tmp_path: Path) -> None:
    in_dir = tmp_path / "in"
    write_rows(in_dir / "events_a.jsonl", [event(1), event(2)])
    write_rows(in_dir / "events_b.csv", [event(3)])
    write_rows(in_dir / "events_c.parquet", [event(4), event(5), event(6)])
    (in_dir / "notes.md").write_text("not raw data: ignored")
    progress: list[str] = []

    report = load_directory(tmp_path / "heap.duckdb", in_dir, progress.append)

    assert [(f.path.name, f.rows) for f in report.files] == [
        ("events_a.jsonl", 2),
        ("events_b.csv", 1),
        ("events_c.parquet", 3),
    ]
    assert table_counts(tmp_path / "heap.duckdb")["events"] == 6
    assert all(any(f.path.name in message for message in progress) for f in report.files)


# --------------------------------------------------------------------------- times


@pytest.mark.parametrize("suffix", FORMATS)
def test_times_with_zone_are_converted_to_utc(suffix: str, tmp_path: Path) -> None:
    times = {
        1: ("2024-03-01T10:00:00Z", dt.datetime(2024, 3, 1, 10, 0, 0)),
        2: ("2024-03-01T12:30:00.5+02:00", dt.datetime(2024, 3, 1, 10, 30, 0, 500000)),
        3: ("2024-03-01 05:00:00-0530", dt.datetime(2024, 3, 1, 10, 30, 0)),
        4: ("2024-03-01T23:00:00.123456-03:00", dt.datetime(2024, 3, 2, 2, 0, 0, 123456)),
        5: ("2024-03-01 10:00:00.123", dt.datetime(2024, 3, 1, 10, 0, 0, 123000)),
    }
    db = tmp_path / "heap.duckdb"
    rows = [event(n, time=text, loaded_at=text) for n, (text, _) in times.items()]
    load_directory(db, write_rows(tmp_path / "in" / f"events{suffix}", rows).parent)
    with duckdb.connect(str(db)) as con:
        stored = dict(con.execute("SELECT event_id - 1000, time FROM heap_raw.events").fetchall())
        same = con.execute("SELECT bool_and(time = loaded_at) FROM heap_raw.events").fetchone()
    assert same == (True,)
    assert stored == {n: utc for n, (_, utc) in times.items()}


@pytest.mark.parametrize("suffix", FORMATS)
def test_missing_loaded_at_is_the_load_start(suffix: str, tmp_path: Path) -> None:
    db = tmp_path / "heap.duckdb"
    rows = [event(1, loaded_at=DROP), event(2, loaded_at=None), event(3)]
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    report = load_directory(db, write_rows(tmp_path / "in" / f"events{suffix}", rows).parent)
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)

    assert before <= report.loaded_at <= after
    with duckdb.connect(str(db)) as con:
        loaded_at = dict(con.execute("SELECT event_id, loaded_at FROM heap_raw.events").fetchall())
    assert loaded_at == {
        1001: report.loaded_at,
        1002: report.loaded_at,
        1003: dt.datetime(2024, 3, 1, 10, 0, 13),
    }


def test_missing_optional_keys_are_null(tmp_path: Path) -> None:
    db = tmp_path / "heap.duckdb"
    minimal = {"event_id": 1, "user_id": 2, "time": "2024-01-01 00:00:00", "library": "server",
               "type": "invoice paid"}  # fmt: skip
    load_directory(db, write_rows(tmp_path / "in" / "events.jsonl", [minimal]).parent)
    with duckdb.connect(str(db)) as con:
        row = con.execute("SELECT * FROM heap_raw.events").fetchone()
    nulls = {name for name, value in zip(EVENTS.column_names, row, strict=True) if value is None}
    assert nulls == set(EVENTS.column_names) - set(minimal) - {"loaded_at"}


# --------------------------------------------------------------------------- bad rows

BAD_VALUES = [
    # (case, the bad third event, words the reason must contain)
    ("event_id not numeric", event(3, event_id="abc"), "event_id is not a 64-bit integer: 'abc'"),
    ("user_id not integer", event(3, user_id=1.5), "user_id is not a 64-bit integer: '1.5'"),
    ("session_id not numeric", event(3, session_id="s-1"), "session_id is not a 64-bit integer"),
    ("event_id too big", event(3, event_id=2**70), "event_id is not a 64-bit integer"),
    ("time unparseable", event(3, time="yesterday"), "time is not a valid time: 'yesterday'"),
    ("time impossible", event(3, time="2024-02-30 10:00:00"), "time is not a valid time"),
    ("loaded_at unparseable", event(3, loaded_at="3/1/2024"), "loaded_at is not a valid time"),
    ("library unknown", event(3, library="windows"), "library 'windows' is not one of web, iOS"),
    ("is_custom not boolean", event(3, is_custom="yes"), "is_custom is not a boolean"),
    ("properties a list", event(3, properties=[1, 2]), "properties is not a JSON object"),
    ("properties a string", event(3, properties="plan=pro"), "properties is not a JSON object"),
    ("required key null", event(3, type=None), "missing required column 'type'"),
]


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize(("case", "bad", "words"), BAD_VALUES, ids=[c[0] for c in BAD_VALUES])
def test_bad_value_names_file_line_and_reason(
    case: str, bad: dict, words: str, suffix: str, seeded_db: Path, tmp_path: Path
) -> None:
    path = write_rows(tmp_path / "in" / f"events{suffix}", three_events(bad))
    error = expect_load_error(seeded_db, path.parent)
    first = error.problems[0]
    assert (first.file, first.line) == (path, bad_location(suffix))
    assert words in first.reason
    assert str(error).splitlines()[0] == f"{path}:{bad_location(suffix)}: {first.reason}"


def test_string_true_is_not_a_boolean_in_jsonl(seeded_db: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "in" / "events.jsonl", three_events(event(3, is_custom="true")))
    error = expect_load_error(seeded_db, path.parent)
    assert error.problems[0].line == 3
    assert error.problems[0].reason == "is_custom is not a boolean (true or false): '\"true\"'"


def test_numeric_strings_are_accepted_as_ids(tmp_path: Path) -> None:
    """Trackers often send 64-bit ids as JSON strings (JavaScript numbers lose digits)."""
    db = tmp_path / "heap.duckdb"
    row = event(1, event_id="9007199254740993", user_id="-42", session_id=None)
    load_directory(db, write_rows(tmp_path / "in" / "events.jsonl", [row]).parent)
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT event_id, user_id FROM heap_raw.events").fetchone() == (
            9007199254740993,
            -42,
        )


def test_malformed_json_line(seeded_db: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "in" / "events.jsonl", [event(1), event(2), b'{"event_id": 3,'])
    error = expect_load_error(seeded_db, path.parent)
    assert (error.problems[0].file, error.problems[0].line) == (path, 3)
    assert "malformed JSON" in error.problems[0].reason


@pytest.mark.parametrize("line", [b"[1, 2]", b"42", b'"event"', b"null"])
def test_json_line_that_is_not_an_object(line: bytes, seeded_db: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "in" / "events.jsonl", [event(1), event(2), line])
    error = expect_load_error(seeded_db, path.parent)
    assert error.problems[0].line == 3
    assert error.problems[0].reason.startswith("not a JSON object but ")


def test_blank_lines_count_in_jsonl_line_numbers(seeded_db: Path, tmp_path: Path) -> None:
    path = write_rows(
        tmp_path / "in" / "events.jsonl",
        [b"", event(1), b"   ", b"", event(2), event(3, library="tv"), b"{oops"],
    )
    error = expect_load_error(seeded_db, path.parent)
    assert [(p.line, p.reason[:14]) for p in error.problems] == [
        (6, "library 'tv' i"),
        (7, "malformed JSON"),
    ]


def test_jsonl_row_missing_a_required_key(seeded_db: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "in" / "events.jsonl", three_events(event(3, user_id=DROP)))
    error = expect_load_error(seeded_db, path.parent)
    assert (error.problems[0].line, error.problems[0].reason) == (
        3,
        "missing required column 'user_id'",
    )


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_header_missing_a_required_column(suffix: str, seeded_db: Path, tmp_path: Path) -> None:
    rows = [event(n, library=DROP) for n in (1, 2, 3)]
    path = write_rows(tmp_path / "in" / f"events{suffix}", rows)
    error = expect_load_error(seeded_db, path.parent)
    assert [(p.file, p.line, p.reason) for p in error.problems] == [
        (path, 1 if suffix == ".csv" else "header", "missing required column 'library'")
    ]


@pytest.mark.parametrize("suffix", FORMATS)
def test_unknown_column_is_an_error(suffix: str, seeded_db: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "in" / f"events{suffix}", three_events(event(3, colour="red")))
    error = expect_load_error(seeded_db, path.parent)
    first = error.problems[0]
    where = {".jsonl": 3, ".csv": 1, ".parquet": "header"}[suffix]
    assert (first.file, first.line) == (path, where)
    assert "unknown" in first.reason and "colour" in first.reason


def test_csv_empty_required_value_names_its_line(seeded_db: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "in" / "identifies.csv", [
        {"user_id": 1, "identity": "a@example.com", "time": "2024-01-01 00:00:00"},
        {"user_id": 2, "identity": None, "time": "2024-01-01 00:00:00"},
    ])  # fmt: skip
    error = expect_load_error(seeded_db, path.parent)
    assert (error.problems[0].line, error.problems[0].reason) == (
        3,
        "missing required column 'identity'",
    )


def test_csv_line_numbers_follow_multiline_values(seeded_db: Path, tmp_path: Path) -> None:
    rows = [event(1, target_text="Sign\nup\nnow"), event(2), event(3, user_id="x")]
    path = write_rows(tmp_path / "in" / "events.csv", rows)
    error = expect_load_error(seeded_db, path.parent)
    assert error.problems[0].line == 6  # header, 3 lines for event 1, event 2, then this


def test_csv_row_with_wrong_number_of_fields(seeded_db: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "in" / "events.csv", [event(1), event(2), event(3)])
    text = path.read_text().splitlines()
    path.write_text("\n".join([*text[:3], text[3] + ",extra"]) + "\n")
    error = expect_load_error(seeded_db, path.parent)
    assert error.problems[0].line == 4
    assert error.problems[0].reason == "expected 10 fields as in the header, found 11"


def test_csv_unterminated_quote(seeded_db: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "in" / "events.csv", [event(1), event(2)])
    path.write_text(path.read_text() + '1003,77,5,"2024-03-01 10:00:03\n')
    error = expect_load_error(seeded_db, path.parent)
    assert error.problems[0].line == 4
    assert error.problems[0].reason.startswith("invalid CSV")


def test_file_that_is_not_parquet(seeded_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "in" / "events.parquet"
    path.parent.mkdir()
    path.write_text("event_id\n1\n")
    error = expect_load_error(seeded_db, path.parent)
    assert (error.problems[0].file, error.problems[0].line) == (path, None)
    assert error.problems[0].reason.startswith("cannot read Parquet file")


def test_user_properties_must_be_an_object(seeded_db: Path, tmp_path: Path) -> None:
    rows = [
        {"user_id": 1, "time": "2024-01-01 00:00:00", "properties": {"plan": "pro"}},
        {"user_id": 1, "time": "2024-01-01 00:00:00", "properties": None},
        {"user_id": 1, "time": "2024-01-01 00:00:00", "properties": ["pro"]},
    ]
    path = write_rows(tmp_path / "in" / "user_properties.jsonl", rows)
    error = expect_load_error(seeded_db, path.parent)
    assert [(p.line, p.reason[:28]) for p in error.problems] == [
        (2, "missing required column 'pro"),
        (3, "properties is not a JSON obj"),
    ]


def test_every_problem_of_a_row_is_reported(seeded_db: Path, tmp_path: Path) -> None:
    bad = event(3, event_id="x", library="tv", colour="red")
    path = write_rows(tmp_path / "in" / "events.jsonl", three_events(bad))
    error = expect_load_error(seeded_db, path.parent)
    assert [p.line for p in error.problems] == [3, 3, 3]
    assert [p.reason.split()[0] for p in error.problems] == ["unknown", "event_id", "library"]


def test_problems_are_capped_per_file(seeded_db: Path, tmp_path: Path) -> None:
    rows = [event(1, library="tv") for _ in range(MAX_PROBLEMS_PER_FILE + 5)]
    path = write_rows(tmp_path / "in" / "events.jsonl", rows)
    error = expect_load_error(seeded_db, path.parent)
    assert [p.line for p in error.problems] == [*range(1, MAX_PROBLEMS_PER_FILE + 1), None]
    assert error.problems[-1].reason == "... and 5 more bad rows not shown"


# --------------------------------------------------------------------------- all or nothing


def test_one_bad_file_loads_no_file(seeded_db: Path, tmp_path: Path) -> None:
    in_dir = tmp_path / "in"
    at = "2024-01-01 00:00:00"
    write_rows(in_dir / "events_1_good.jsonl", [event(1), event(2)])
    write_rows(in_dir / "identifies.csv", [{"user_id": 1, "identity": "a", "time": at}])
    bad = write_rows(in_dir / "events_2_bad.jsonl", [event(3), event(4, time="soon")])
    good_properties = {"user_id": 1, "time": at, "properties": {"a": 1}}
    write_rows(in_dir / "user_properties.parquet", [good_properties])

    error = expect_load_error(seeded_db, in_dir)
    assert [(p.file, p.line) for p in error.problems] == [(bad, 2)]


def test_a_failing_insert_keeps_nothing(
    seeded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files are inserted in one transaction: when the second insert fails, the first
    file's rows are gone too."""
    in_dir = tmp_path / "in"
    write_rows(in_dir / "events.jsonl", [event(1), event(2)])
    identity = {"user_id": 1, "identity": "a", "time": "2024-01-01 00:00:00"}
    identifies = write_rows(in_dir / "identifies.jsonl", [identity])
    real_insert = load_module.insert_file

    def insert_then_fail(con, f, loaded_at):
        if f.raw.path == identifies:
            raise duckdb.IOException("disk full")
        return real_insert(con, f, loaded_at)

    monkeypatch.setattr(load_module, "insert_file", insert_then_fail)
    error = expect_load_error(seeded_db, in_dir)
    assert error.problems == [
        Problem(identifies, None, "loading failed, nothing was loaded: disk full")
    ]


def test_problems_of_all_files_are_reported(tmp_path: Path) -> None:
    in_dir = tmp_path / "in"
    first = write_rows(in_dir / "events_a.jsonl", three_events(event(3, library="tv")))
    second = write_rows(in_dir / "events_b.csv", three_events(event(3, event_id="x")))
    error = expect_load_error(tmp_path / "heap.duckdb", in_dir)
    assert [(p.file, p.line) for p in error.problems] == [(first, 3), (second, 4)]
    assert not (tmp_path / "heap.duckdb").exists()  # nothing at all was written


def test_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "README.md").write_text("no raw files here")
    error = expect_load_error(tmp_path / "heap.duckdb", tmp_path / "in")
    assert "no files to load" in str(error)


def test_missing_directory(tmp_path: Path) -> None:
    error = expect_load_error(tmp_path / "heap.duckdb", tmp_path / "nowhere")
    assert error.problems == [Problem(tmp_path / "nowhere", None, "not a directory")]


def test_raw_file_with_unsupported_suffix(tmp_path: Path) -> None:
    in_dir = tmp_path / "in"
    write_rows(in_dir / "events.jsonl", [event(1)])
    (in_dir / "events_more.json").write_text("{}")
    error = expect_load_error(tmp_path / "heap.duckdb", in_dir)
    assert error.problems[0].file == in_dir / "events_more.json"
    assert "unsupported file type" in error.problems[0].reason


def test_empty_files_load_nothing(tmp_path: Path) -> None:
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    (in_dir / "identifies.jsonl").write_bytes(b"")
    (in_dir / "user_properties.csv").write_bytes(b"")
    write_rows(in_dir / "events.csv", [event(1)])
    report = load_directory(tmp_path / "heap.duckdb", in_dir)
    assert report.rows_by_table() == {"events": 1, "identifies": 0, "user_properties": 0}


@pytest.mark.parametrize("suffix", FORMATS)
def test_paths_with_quotes_and_spaces(suffix: str, tmp_path: Path) -> None:
    in_dir = tmp_path / 'it\'s a "dir"'
    write_rows(in_dir / f"events o'clock{suffix}", [event(1), event(2)])
    report = load_directory(tmp_path / "heap's.duckdb", in_dir)
    assert report.total_rows == 2


# --------------------------------------------------------------------------- tables


def test_ensure_raw_tables_creates_the_contract_tables_once(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "heap.duckdb")) as con:
        ensure_raw_tables(con)
        ensure_raw_tables(con)
        for table in (EVENTS, IDENTIFIES, USER_PROPERTIES):
            columns = con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'heap_raw' AND table_name = ? ORDER BY ordinal_position",
                [table.name],
            ).fetchall()
            assert columns == [(c.name, c.type) for c in table.columns]

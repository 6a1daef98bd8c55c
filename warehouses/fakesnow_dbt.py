"""Run one dbt command with dbt-snowflake talking to fakesnow, in process; exit with dbt's code.

    python warehouses/fakesnow_dbt.py --db-path build/warehouses/snowflake -- build -t snowflake

fakesnow (https://github.com/tekumara/fakesnow) patches `snowflake.connector.connect` so
every Snowflake connection runs on DuckDB, translating Snowflake SQL with sqlglot.
`--db-path` keeps each database as a DuckDB file in that directory, so data outlives the
process; without it everything is in memory and gone at exit. Only one process may use a
db path at a time (DuckDB file locks).

Sets HEAP_CONNECT_FAKESNOW=1, which turns on the project's fakesnow-only macros
(macros/fakesnow/). Exit codes are dbt's: 0 success, 1 a node failed,
2 dbt itself failed.

One fakesnow bug is patched here (`variables_outside_string_literals`): fakesnow 0.12.1
looks for session variables (`$name`) in a statement's whole text, string literals and
comments included, so `where event = '$pageview'` fails with `Session variable '$PAGEVIEW'
does not exist`. Snowflake reads `$name` as a variable only outside them; so does the patch.

Why not `fakesnow -s` (server mode): any unhandled error there is an HTTP 500 the Snowflake
connector retries for minutes, so a bad query hangs dbt instead of failing it.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence

# A single-quoted Snowflake string literal ('' and backslash escapes inside), or a comment.
LITERAL_OR_COMMENT = re.compile(r"'(?:[^'\\]|\\.|'')*'|--[^\n]*|/\*.*?\*/", re.S)


def variables_outside_string_literals() -> None:
    """Make fakesnow look for unset session variables outside string literals and comments
    only (see the module's docstring). With variables set, fakesnow's own substitution runs
    unchanged."""
    from fakesnow.variables import Variables

    inline = Variables.inline_variables
    if getattr(inline, "outside_string_literals", False):
        return

    def inline_variables(self: Variables, sql: str) -> str:
        if self._variables:
            return inline(self, sql)
        inline(self, LITERAL_OR_COMMENT.sub("''", sql))  # raises for one outside them
        return sql

    inline_variables.outside_string_literals = True  # type: ignore[attr-defined]
    Variables.inline_variables = inline_variables  # type: ignore[method-assign]


def run(dbt_args: Sequence[str], db_path: str | None) -> int:
    os.environ["HEAP_CONNECT_FAKESNOW"] = "1"
    # Imported here so `--help` works without them, and after the environment is set.
    import fakesnow
    from dbt.cli.main import dbtRunner

    variables_outside_string_literals()
    if db_path:
        os.makedirs(db_path, exist_ok=True)
    with fakesnow.patch(db_path=db_path):
        result = dbtRunner().invoke(list(dbt_args))
    if result.success:
        return 0
    return 2 if result.exception is not None else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Run a dbt command against fakesnow (dbt-snowflake, in process)",
        usage="%(prog)s [--db-path DIR] -- DBT_ARGS...",
    )
    parser.add_argument(
        "--db-path",
        default=os.environ.get("HEAP_CONNECT_FAKESNOW_DB"),
        help="directory of fakesnow's DuckDB files (default: $HEAP_CONNECT_FAKESNOW_DB, "
        "else in memory)",
    )
    parser.add_argument("dbt_args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    dbt_args = args.dbt_args[1:] if args.dbt_args[:1] == ["--"] else args.dbt_args
    if not dbt_args:
        parser.error("no dbt command given (e.g. -- build)")
    return run(dbt_args, args.db_path)


if __name__ == "__main__":
    sys.exit(main())

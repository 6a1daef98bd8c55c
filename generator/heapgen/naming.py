"""Heap Connect names: snake_case of display names, as the seed describes.

"Sign Up - Click Link (Any)" -> "sign_up_click_link_any". The dbt macro
`heap_connect.snake_case` implements the same rule; tests/fixtures/snake_case_vectors.csv
holds the shared test vectors both are checked against.
"""

from __future__ import annotations

import hashlib
import re

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def snake_case(name: str) -> str:
    """Lower-case, every run of characters other than a-z and 0-9 becomes one `_`,
    no leading or trailing `_`; a leading digit gets a `_` prefix so the result is a
    valid unquoted identifier everywhere. Returns "" when nothing alphanumeric is left."""
    text = _NON_ALNUM.sub("_", name.lower()).strip("_")
    if text[:1].isdigit():
        text = "_" + text
    return text


# The longest identifier every target accepts: PostgreSQL's 63 bytes (Redshift 127,
# Snowflake 255, BigQuery 1,024). Names are ASCII, so characters are bytes.
MAX_TABLE_NAME = 63
# Tables of the Heap Connect schema that an event or segment table must not take.
RESERVED_TABLES = frozenset(
    {
        "users",
        "sessions",
        "pageviews",
        "all_events",
        "user_migrations",
        "_sync_history",
        "_sync_info",
        "_dropped_tables",
        "_event_metadata",
    }
)


# dbt model names of generated models (their aliases are the table and view names).
EVENT_MODEL_PREFIX = "heap_event__"
SEGMENT_MODEL_PREFIX = "heap_segment__"


def shorten(name: str, limit: int = MAX_TABLE_NAME) -> str:
    """`name` itself when it fits, else its first characters, `_` and the first 8 hex digits
    of its MD5 (dbt's `local_md5`, so the macro can do the same): deterministic, and two long
    names that share a prefix stay different."""
    if len(name) <= limit:
        return name
    digest = hashlib.md5(name.encode("utf-8")).hexdigest()[:8]
    return f"{name[: limit - 9]}_{digest}"


def heap_name(display_name: str) -> str:
    """The table or column name of a display name or property key: snake_case, shortened to
    MAX_TABLE_NAME. The macro heap_connect.heap_name is the same rule."""
    return shorten(snake_case(display_name))

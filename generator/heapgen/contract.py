"""The sync contract's shared strings and formats: the one place both sides read them.

Python imports this module; dbt's macros read the same values from the generated macro
`heap_connect_sync_contract()` (macros/heap_generated/heap_connect_sync_contract.sql, written
by `heapgen generate` from CONTRACT below, decision 0001), so no string is spelled twice.
tests/python/test_contract.py renders each format through dbt and checks that Python
produces and parses the same text, and that no other file spells a contract string.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# dbt model names of generated models (their aliases are the table and view names), and
# the tags their configs carry.
EVENT_MODEL_PREFIX = "heap_event__"
SEGMENT_MODEL_PREFIX = "heap_segment__"
EVENT_TAG = "heap_event"
SEGMENT_TAG = "heap_segment"
ARCHIVED_TAG = "heap_archived"
# A custom property key's column when its own name is taken or empty
# (heapgen.naming.property_column, macros/properties/property_key_column.sql).
PROPERTY_PREFIX = "property_"

# The SQL comment every incremental model's compiled code carries (macros/incremental/
# build_comment.sql): `-- heap_connect build: rebuild: <reason>`, `... batch` or
# `... batch, columns reordered: <why>`.
BUILD_COMMENT = "-- heap_connect build: "
BUILD_REBUILD = "rebuild: "
BUILD_BATCH = "batch"
BUILD_REORDERED = ", columns reordered: "
# A table or view built whole on every sync (not incremental): how `heapgen sync`'s summary
# and `heapgen status` (from _heap_table_builds, macros/sync/record_table_builds.sql) say so.
BUILD_FULL = "full"

# Why a model is built from all history (macros/incremental/rebuild_reason.sql).
REASONS = {
    "new_table": "new table",
    "no_sync_state": "no sync state",
    "definition_changed": "definition changed",
    "properties_changed": "defined properties changed",
    "logic_changed": "logic changed",
    "un_archived": "un-archived",
    "users_deleted": "users deleted",
    "copied_columns_changed": "copied table's columns changed",
    "full_refresh": "full refresh",
    "offline": "offline compile",
}

# _heap_sync_state.state_hash: `own|properties|logic` for an incremental model (own: an
# event table's definition hash, int_events_labeled's label hashes, else `v1`; properties:
# the event-scope defined properties hash, or empty; logic: the model's logic hash), the
# fixed value STATE_ARCHIVED for an archived event's table and STATE_VIEW for a segment view.
# A state written before the logic hash existed has no third part (and maybe no second).
STATE_SEPARATOR = "|"
STATE_ARCHIVED = "archived"
STATE_VIEW = "view"
STATE_DEFAULT_OWN = "v1"
# int_events_labeled's own part: `label_id:definition_hash;...`, sorted
# (macros/incremental/label_hashes.sql); the defined properties: `column:hash+...`, sorted.
LABEL_SEPARATOR = ";"
PROPERTY_SEPARATOR = "+"
HASH_SEPARATOR = ":"

# Lines macros log for heapgen to read: the marker, then one JSON value (or a number).
MARKERS = {
    "row_counts": "heap_connect_row_counts ",
    "sync_state": "heap_connect_sync_state ",
    "property_keys": "heap_connect_property_keys ",
    "property_name": "heap_connect_property_name ",
    "deleted_users": "heap_connect_deleted_users ",
    "deletion_requests": "heap_connect_deletion_requests ",
    "event_table_builds": "heap_connect_event_table_builds ",
    "nothing_new": "heap_connect_nothing_new ",
    "nothing_to_read": "heap_connect_nothing_to_read ",
    "preview": "heap_connect_preview ",
    "status": "heap_connect_status ",
}

# The logic hash (macros/incremental/model_logic_hash.sql) leaves out the macros heapgen
# generates from definitions (their hashes are in the state's other parts), this contract
# and the sync machinery (how a sync reaches the tables a full build gives, not what they
# hold).
LOGIC_EXCLUDED_MACROS = (
    "heap_connect_labels",
    "heap_connect_defined_properties",
    "heap_connect_segments",
    "heap_connect_settings",
    "heap_connect_sync_contract",
)
MACHINERY_MACRO_PATHS = ("macros/incremental/", "macros/sync/")
# Models generated from definitions: their file is a thin call site whose text comes from a
# definition, so only the macros they call are their logic.
GENERATED_MODEL_PATH = "models/heap_generated/"

CONTRACT = {
    "event_model_prefix": EVENT_MODEL_PREFIX,
    "segment_model_prefix": SEGMENT_MODEL_PREFIX,
    "event_tag": EVENT_TAG,
    "segment_tag": SEGMENT_TAG,
    "archived_tag": ARCHIVED_TAG,
    "property_prefix": PROPERTY_PREFIX,
    "build_comment": BUILD_COMMENT,
    "build_rebuild": BUILD_REBUILD,
    "build_batch": BUILD_BATCH,
    "build_reordered": BUILD_REORDERED,
    "build_full": BUILD_FULL,
    "reasons": REASONS,
    "state_separator": STATE_SEPARATOR,
    "state_archived": STATE_ARCHIVED,
    "state_view": STATE_VIEW,
    "state_default_own": STATE_DEFAULT_OWN,
    "label_separator": LABEL_SEPARATOR,
    "property_separator": PROPERTY_SEPARATOR,
    "hash_separator": HASH_SEPARATOR,
    "markers": MARKERS,
    "logic_excluded_macros": list(LOGIC_EXCLUDED_MACROS),
    "machinery_macro_paths": list(MACHINERY_MACRO_PATHS),
    "generated_model_path": GENERATED_MODEL_PATH,
}


class State(NamedTuple):
    """A state hash in its parts; logic None: written before the logic hash existed."""

    own: str
    properties: str
    logic: str | None


def state_hash(own: str, properties: str, logic: str) -> str:
    """An incremental model's state hash (macros/incremental/state_hash.sql)."""
    return STATE_SEPARATOR.join((own, properties, logic))


def parse_state(state: str) -> State:
    """The parts of a state hash (also of one written before the logic part existed)."""
    parts = state.split(STATE_SEPARATOR)
    return State(parts[0], parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else None)


def state_change(held: str, wanted: str) -> str | None:
    """Why a table built from state `held` is rebuilt for state `wanted`, or None when it
    takes the batch (macros/incremental/rebuild_reason.sql decides the same): an archived
    table stays frozen, an un-archived one is rebuilt, else the first part that differs."""
    if held == wanted or wanted == STATE_ARCHIVED:
        return None
    if held == STATE_ARCHIVED:
        return REASONS["un_archived"]
    before, now = parse_state(held), parse_state(wanted)
    if before.own != now.own:
        return REASONS["definition_changed"]
    if before.properties != now.properties:
        return REASONS["properties_changed"]
    return REASONS["logic_changed"]


def hashes(items: dict[str, str], separator: str) -> str:
    """`key:hash` items, sorted, joined by `separator` (label hashes, defined properties)."""
    return separator.join(sorted(f"{key}{HASH_SEPARATOR}{value}" for key, value in items.items()))


_BUILD = re.compile(re.escape(BUILD_COMMENT) + r"(.+)")


def build_of(compiled_code: str) -> str | None:
    """What an incremental model's build comment says: `batch[, columns reordered: ...]`
    or `rebuild: <reason>`; None when the code carries none."""
    found = _BUILD.search(compiled_code or "")
    return found.group(1).strip() if found else None


def took_batch(build: str | None) -> bool:
    """Whether a model with this build (build_of) took only the batch."""
    return bool(build) and build.startswith(BUILD_BATCH)


def marked(messages: list[str], marker: str) -> str | None:
    """The text after the first log line of `messages` with marker MARKERS[marker]."""
    prefix = MARKERS[marker]
    for message in messages:
        if message.startswith(prefix):
            return message[len(prefix) :]
    return None

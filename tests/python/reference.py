"""An independent Python reading of the labeled-event semantics (DESIGN.md), used by the
tests to recompute which raw events each definition matches. It works on raw JSONL rows and
the parsed definitions only: no compiled criteria, no regex compiled from selectors, no SQL.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from heapgen import raw_contract
from heapgen.definitions import EventDefinition, Filter, LabeledCriterion
from heapgen.selectors import matches as selector_matches

KINDS = {  # kind -> (libraries, types, is_custom); None: no constraint
    "view page": ({"web"}, {"view page"}, False),
    "click": ({"web"}, {"click"}, False),
    "submit": ({"web"}, {"submit"}, False),
    "change": ({"web"}, {"change"}, False),
    "touch": ({"iOS", "android"}, {"touch"}, False),
    "edit field": ({"iOS"}, {"edit field"}, False),
    "view screen": ({"iOS", "android"}, {"view screen"}, False),
    "custom": (None, None, True),
    "any": (None, None, None),
}


def read_jsonl(*paths: Path) -> list[dict[str, Any]]:
    rows = []
    for path in paths:
        rows += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return rows


def unique_events(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per event_id: the first loaded (copies are identical anyway)."""
    first: dict[int, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: (r.get("loaded_at") or "", r["time"])):
        first.setdefault(row["event_id"], row)
    return list(first.values())


def sessions_of(events: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """session_id -> its `session` event, else its first event."""
    sessions: dict[int, dict[str, Any]] = {}
    ranked = sorted(
        (e for e in events if e.get("session_id") is not None),
        key=lambda e: (e["type"] != "session", e["time"], e["event_id"]),
    )
    for event in ranked:
        sessions.setdefault(event["session_id"], event)
    return sessions


def text_of(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value)


def value_of(name: str, event: dict[str, Any], session: dict[str, Any] | None) -> str | None:
    if name in raw_contract.SESSION_FIELDS:
        return text_of((session or {}).get(name))
    if name in raw_contract.EVENT_FIELDS or name in ("library", "type"):
        return text_of(event.get(name))
    return text_of((event.get("properties") or {}).get(name))


def wildcard(pattern: str, text: str) -> bool:
    return re.fullmatch(".*".join(re.escape(p) for p in pattern.split("*")), text, re.S) is not None


def number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def filter_holds(f: Filter, value: str | None) -> bool:
    op = f.op
    fold = (lambda t: t.lower()) if f.case_insensitive else (lambda t: t)
    if op == "is_set":
        return value is not None
    if op == "is_not_set":
        return value is None
    if op in ("gt", "gte", "lt", "lte"):
        n = number(value)
        if n is None:
            return False
        return {"gt": n > f.value, "gte": n >= f.value, "lt": n < f.value, "lte": n <= f.value}[op]
    negative = op in ("not_equals", "not_contains", "not_in")
    if value is None:
        return negative
    value = fold(value)
    if op in ("in", "not_in"):
        found = value in [fold(text_of(v)) for v in f.value]
        return found != negative
    target = fold(text_of(f.value))
    result = {
        "equals": value == target,
        "not_equals": value == target,
        "contains": target in value,
        "not_contains": target in value,
        "starts_with": value.startswith(target),
        "ends_with": value.endswith(target),
        "matches": wildcard(target, value),
    }[op]
    return result != negative


def criterion_holds(criterion: Any, event: dict, session: dict | None) -> bool:
    libraries, types, is_custom = KINDS[criterion.event]
    if libraries is not None and event["library"] not in libraries:
        return False
    if types is not None and event["type"] not in types:
        return False
    if is_custom is not None and bool(event.get("is_custom")) != is_custom:
        return False
    if criterion.name is not None and not _shorthand(criterion.name, event["type"]):
        return False
    for name, expected in criterion.shorthands().items():
        if not _shorthand(expected, value_of(name, event, session)):
            return False
    if criterion.selector is not None and not any(
        selector_matches(part, event.get("hierarchy")) for part in [criterion.selector]
    ):
        return False
    return all(filter_holds(f, value_of(f.property, event, session)) for f in criterion.where)


def _shorthand(expected: str, value: str | None) -> bool:
    if value is None:
        return False
    return wildcard(expected, value) if "*" in expected else value == expected


def definition_holds(
    definition: EventDefinition,
    event: dict,
    session: dict | None,
    by_name: dict[str, EventDefinition],
) -> bool:
    for criterion in definition.match:
        if isinstance(criterion, LabeledCriterion):
            if definition_holds(by_name[criterion.labeled], event, session, by_name):
                return True
        elif criterion_holds(criterion, event, session):
            return True
    return False


def expected_event_ids(
    definitions: list[EventDefinition], raw_events: list[dict[str, Any]]
) -> dict[str, set[int]]:
    """Event name -> the ids of the raw events it matches (never `session` events)."""
    events = unique_events(raw_events)
    sessions = sessions_of(events)
    by_name = {d.name: d for d in definitions}
    result: dict[str, set[int]] = {d.name: set() for d in definitions}
    for event in events:
        if event["type"] == "session":
            continue
        session = sessions.get(event.get("session_id"))
        for definition in definitions:
            if definition_holds(definition, event, session, by_name):
                result[definition.name].add(event["event_id"])
    return result


def defined_value(prop: Any, lookup: Any) -> tuple[int, str | None]:
    """A defined property's value on a row, and which case gave it (-1: the default), by
    DESIGN.md: the first case whose `when` filters all hold, else the default. `lookup(name)`
    is the text of field / property `name` on the row, or None when unset."""

    def value(v: Any) -> str | None:
        if v is None:
            return None
        if hasattr(v, "property"):
            return lookup(v.property)
        return text_of(v)

    for index, case in enumerate(prop.cases):
        if all(filter_holds(f, lookup(f.property)) for f in case.when):
            return index, value(case.value)
    return -1, value(prop.default)


def session_value(name: str, session: dict[str, Any]) -> str | None:
    """A field as a `sessions` row reads it (an event-scope defined property on sessions):
    its session-level fields and library; it has no event fields or custom properties."""
    if name in raw_contract.SESSION_FIELDS or name == "library":
        return session.get(name)
    return None


def migrations(identifies: list[dict[str, Any]]) -> dict[int, int]:
    """user_id -> the user it is merged into directly, by DESIGN.md: the first user identified
    with an identity (time, then loaded_at, then the lower id) owns it; another user
    identified with it moves to that owner, with its earliest such identify (time, loaded_at,
    then the lower owner). The same identify loaded twice counts once."""
    ordered = sorted(identifies, key=lambda r: (r["time"], r["loaded_at"], r["user_id"]))
    owner: dict[str, int] = {}
    for row in ordered:
        owner.setdefault(row["identity"], row["user_id"])
    candidates = sorted(
        (r["time"], r["loaded_at"], owner[r["identity"]], r["user_id"])
        for r in ordered
        if r["user_id"] != owner[r["identity"]]
    )
    moves: dict[int, int] = {}
    for _, _, to_user, from_user in candidates:
        moves.setdefault(from_user, to_user)
    return moves


def resolved(user_id: int, moves: dict[int, int]) -> int:
    """The user `user_id` belongs to after every migration (chains followed; no cycles)."""
    seen = {user_id}
    while user_id in moves:
        user_id = moves[user_id]
        assert user_id not in seen, "a migration cycle"
        seen.add(user_id)
    return user_id


def is_pageview(event: dict[str, Any]) -> bool:
    """A pageview by DESIGN.md: web `view page`, iOS / Android `view screen`."""
    return (event["library"], event["type"]) in (
        ("web", "view page"),
        ("iOS", "view screen"),
        ("android", "view screen"),
    )

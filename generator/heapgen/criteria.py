"""Definitions -> the arguments of the tagging macros (plain data, never SQL strings).

Each labeled event becomes a list of criteria; each criterion is a dict the macro
`heap_connect.criterion_condition` turns into SQL, with every value passed through
`heap_connect.sql_string`:

    {"libraries": ["web"] | None, "types": ["click"] | None, "is_custom": False | True | None,
     "filters": [{"source": "event" | "session" | "property", "name": "path",
                  "op": "starts_with", "value": "/pricing", "values": None,
                  "case_insensitive": False}]}

`op` is a definition operator, or `regex` for compiled selectors and wildcards (the pattern
is in `value`). Combos (`labeled:`) are expanded into the criteria of the events they name,
so the SQL never refers from one label to another; a cycle is a definition error.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from heapgen import raw_contract
from heapgen.definitions import (
    DefinitionError,
    EventCriterion,
    LabeledCriterion,
    LocatedEvent,
)
from heapgen.selectors import SelectorError, compile_selector

ALL_LIBRARIES = ("web", "iOS", "android", "server")
# event kind -> (libraries, raw types, is_custom)
EVENT_KINDS: dict[str, tuple[tuple[str, ...] | None, tuple[str, ...] | None, bool | None]] = {
    "view page": (("web",), ("view page",), False),
    "click": (("web",), ("click",), False),
    "submit": (("web",), ("submit",), False),
    "change": (("web",), ("change",), False),
    "touch": (("iOS", "android"), ("touch",), False),
    "edit field": (("iOS",), ("edit field",), False),
    "view screen": (("iOS", "android"), ("view screen",), False),
    "custom": (None, None, True),
    "any": (None, None, None),
}
# Regular-expression metacharacters of POSIX ERE (a subset of RE2's and Python's): escaped
# with a backslash, every other character stands for itself in all of them.
_REGEX_META = set(".[]()*+?{}|^$\\")


@dataclass(frozen=True)
class CompiledEvent:
    name: str
    criteria: list[dict[str, Any]]
    libraries: list[str]  # the libraries whose events it can match, in ALL_LIBRARIES order
    definition_hash: str  # changes exactly when the set of matching events can change


def regex_literal(text: str) -> str:
    return "".join("\\" + char if char in _REGEX_META else char for char in text)


# Any one character, newlines included: RE2's `.` (DuckDB, BigQuery) skips a newline, so the
# alternative spells a (real) newline out; a literal character needs no escape anywhere.
ANY_CHARACTER = "(.|\n)"


def wildcard_regex(pattern: str) -> str:
    """`*` matches any run of characters (newlines too); everything else (%, _, \\ too) is
    literal."""
    return "^" + f"{ANY_CHARACTER}*".join(regex_literal(p) for p in pattern.split("*")) + "$"


def _text(value: Any) -> str:
    """A definition value as the text a field or JSON property holds."""
    return value if isinstance(value, str) else json.dumps(value)


def _source(name: str) -> str:
    if name in raw_contract.SESSION_FIELDS:
        return "session"
    if name in raw_contract.EVENT_FIELDS or name in ("library", "type"):
        return "event"
    return "property"


def _filter(name: str, op: str, value: Any, case_insensitive: bool = False) -> dict[str, Any]:
    fold = (lambda text: text.lower()) if case_insensitive else (lambda text: text)
    values = None
    if op in ("in", "not_in"):
        values, value = [fold(_text(v)) for v in value], None
    elif op in ("gt", "gte", "lt", "lte"):
        value = float(value)
    elif op == "matches":
        op, value = "regex", wildcard_regex(fold(_text(value)))
    elif value is not None:
        value = fold(_text(value))
    return {
        "source": _source(name),
        "name": name,
        "op": op,
        "value": value,
        "values": values,
        "case_insensitive": case_insensitive,
    }


def field_source(name: str) -> str:
    """Where an event-row filter or defined-property value named `name` is read from:
    `event` (an event field), `session` (a session-level field) or `property` (custom)."""
    return _source(name)


def compile_filter(
    name: str, op: str, value: Any, case_insensitive: bool = False, *, source: str | None = None
) -> dict[str, Any]:
    """One `{property, op, value, case_insensitive}` filter as macro arguments, for event
    criteria, defined-property cases and segment conditions alike. `source` overrides where
    the value is read from (`user`: a users column, named in `column`)."""
    compiled = _filter(name, op, value, case_insensitive)
    if source is not None:
        compiled["source"] = source
    return compiled


def _shorthand(name: str, value: str) -> dict[str, Any]:
    return _filter(name, "matches" if "*" in value else "equals", value)


def compile_criterion(criterion: EventCriterion) -> dict[str, Any]:  # type: ignore[valid-type]
    """One event criterion -> its macro arguments. Raises SelectorError for a selector the
    compiler does not support."""
    libraries, types, is_custom = EVENT_KINDS[criterion.event]
    filters = [_shorthand(name, value) for name, value in criterion.shorthands().items()]
    if criterion.name is not None:
        filters.insert(0, _shorthand("type", criterion.name))
    if criterion.selector is not None:
        filters.append(
            {
                "source": "event",
                "name": "hierarchy",
                "op": "regex",
                "value": compile_selector(criterion.selector),
                "values": None,
                "case_insensitive": False,
            }
        )
    filters += [_filter(f.property, f.op, f.value, f.case_insensitive) for f in criterion.where]
    return {
        "libraries": list(libraries) if libraries else None,
        "types": list(types) if types else None,
        "is_custom": is_custom,
        "filters": filters,
    }


def _criterion_libraries(criterion: dict[str, Any]) -> set[str]:
    libraries = set(criterion["libraries"] or ALL_LIBRARIES)
    for f in criterion["filters"]:
        if f["name"] == "library" and f["op"] == "equals":
            libraries &= {f["value"]}
    return libraries


def _definition_hash(criteria: list[dict[str, Any]]) -> str:
    canonical = json.dumps(criteria, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def compile_events(events: list[LocatedEvent]) -> dict[str, CompiledEvent]:
    """Every event's criteria with combos expanded, by event name. All problems (a bad
    selector, an unknown or cyclic combo) are collected and raised together."""
    by_name = {e.definition.name: e for e in events}
    own: dict[str, list[dict[str, Any] | str]] = {}
    problems: list[tuple[Any, int, str]] = []
    for event in events:
        items: list[dict[str, Any] | str] = []
        for index, criterion in enumerate(event.definition.match):
            if isinstance(criterion, LabeledCriterion):
                if criterion.labeled not in by_name:
                    problems.append(
                        (
                            event.file,
                            event.line_of("match", index, "labeled"),
                            f"event {event.definition.name!r}: "
                            f"`labeled: {criterion.labeled}` names no defined event",
                        )
                    )
                items.append(criterion.labeled)
                continue
            try:
                items.append(compile_criterion(criterion))
            except SelectorError as exc:
                problems.append(
                    (
                        event.file,
                        event.line_of("match", index, "selector"),
                        f"event {event.definition.name!r}: {exc}",
                    )
                )
        own[event.definition.name] = items
    if problems:
        raise DefinitionError(problems)

    expanded: dict[str, list[dict[str, Any]]] = {}

    def expand(name: str, trail: tuple[str, ...]) -> list[dict[str, Any]]:
        if name in trail:
            cycle = " -> ".join((*trail[trail.index(name) :], name))
            event = by_name[trail[0]]
            raise DefinitionError([(event.file, event.line_of("match"), f"combo cycle: {cycle}")])
        if name not in expanded:
            result: list[dict[str, Any]] = []
            for item in own[name]:
                for criterion in expand(item, (*trail, name)) if isinstance(item, str) else [item]:
                    if criterion not in result:
                        result.append(criterion)
            expanded[name] = result
        return expanded[name]

    compiled = {}
    for event in events:
        criteria = expand(event.definition.name, ())
        libraries = set().union(*(_criterion_libraries(c) for c in criteria))
        compiled[event.definition.name] = CompiledEvent(
            name=event.definition.name,
            criteria=criteria,
            libraries=[lib for lib in ALL_LIBRARIES if lib in libraries],
            definition_hash=_definition_hash(criteria),
        )
    return compiled

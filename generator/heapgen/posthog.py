"""PostHog's autocapture `elements_chain` as Heap's `hierarchy`: the Python statement of the
rule that macros/sources/posthog/posthog_hierarchy.sql applies in each warehouse (the tests
compare both on a matrix of chains in PostHog's own formats).

A chain (PostHog's plugin-server, `elements-chain.ts`) lists the clicked element first, its
ancestors after it, separated by `;` outside double quotes. Each element is
`tag.class1.class2:key="value"key2="value2"...`: the part before the first `:` that starts
a `key=` is the tag and its classes; the keys are `attr__<name>` for each HTML attribute,
`attr_id` (an older spelling of the id), `href`, `text`, `nth-child` and `nth-of-type`, and a
`"` inside a value is written `\\"`.

Heap's hierarchy lists the root first, elements joined by ` > `, each written
`tag#id.class1.class2[name=value]` (heapgen.selectors). From each element: the tag, the id
(`attr__id`, else `attr_id`), its classes, and every other `attr__<name>` attribute as
`[name=value]`. What Heap's grammar cannot hold is left out the way no selector could match
it anyway: an id or class holding a space, `#`, `.` or `[`, an attribute name holding a space,
`=`, `[` or `]`. An attribute whose value holds whitespace or `]` keeps its name
(`[aria-label]`), so `[aria-label]` matches as on Heap and `[aria-label=...]` cannot, as no
selector value may hold whitespace or `]`. `text`, `href`, `nth-child` and `nth-of-type` are
not attributes in Heap's hierarchy (`text` and `href` fill target_text and href).
"""

from __future__ import annotations

import re

from heapgen.raw_contract import Column, Table
from heapgen.selectors import SEPARATOR

# Every element of a chain: runs of characters that are not whitespace, `;` or `"`, and
# quoted strings (with backslash escapes).
CHAIN_ELEMENT = r'(?:[^\s;"]|"(?:[^"\\]|\\.)*")+'
# The tag and classes: up to the first `:` that starts a `key=`.
ELEMENT_HEAD = r"^(.*?)(?::[a-zA-Z0-9_-]*=|$)"
# One key="value" pair.
CHAIN_ATTRIBUTE = r'([a-zA-Z0-9_-]+)="((?:[^"\\]|\\.)*)"'
ATTRIBUTE_PREFIX = "attr__"

# Events that only change identity or person properties: not events in Heap (stg_identifies
# and stg_user_properties read them).
IDENTITY_EVENTS = ("$identify", "$create_alias", "$set", "$groupidentify")
# Properties without a `$` that the mapping reads into Heap columns (utm_* into the session's
# UTM fields, a page view's title into title): not custom properties. Every other property
# whose key does not start with `$` is one.
FIELD_PROPERTIES = ("utm_source", "utm_campaign", "utm_medium", "utm_term", "utm_content", "title")
NAME_STOPS = " #.["  # what ends a tag, id or class name in a hierarchy element
ATTRIBUTE_NAME_STOPS = " =[]"
VALUE_STOPS = "] \t\n\r\f\v"  # the same set in SQL: Python's isspace() knows more


def chain_elements(chain: str | None) -> list[str]:
    """The chain's elements, clicked element first."""
    return re.findall(CHAIN_ELEMENT, chain or "")


def element_head(element: str) -> str:
    match = re.match(ELEMENT_HEAD, element)
    return match.group(1) if match else element


def element_attributes(element: str) -> list[tuple[str, str]]:
    """(key, value) pairs in the chain's order, values unescaped."""
    rest = element[len(element_head(element)) :]
    return [(key, value.replace('\\"', '"')) for key, value in re.findall(CHAIN_ATTRIBUTE, rest)]


def _name_ok(name: str) -> bool:
    return bool(name) and not any(char in NAME_STOPS for char in name)


def heap_element(element: str) -> str:
    """One chain element in Heap's `tag#id.class[name=value]` form."""
    head = element_head(element)
    tag, *classes = head.split(".")
    attributes = element_attributes(element)
    ids = [v for k, v in attributes if k == "attr__id"] or [
        v for k, v in attributes if k == "attr_id"
    ]
    text = tag
    if ids and _name_ok(ids[0]):
        text += "#" + ids[0]
    text += "".join("." + name for name in classes if _name_ok(name))
    for key, value in attributes:
        name = key[len(ATTRIBUTE_PREFIX) :]
        if not key.startswith(ATTRIBUTE_PREFIX) or name in ("id", "class"):
            continue
        if not name or any(char in ATTRIBUTE_NAME_STOPS for char in name):
            continue
        if any(char in VALUE_STOPS for char in value):
            text += f"[{name}]"
        else:
            text += f"[{name}={value}]"
    return text


def hierarchy_from_chain(chain: str | None) -> str | None:
    """Heap's hierarchy (root first) of a PostHog elements_chain; null for an empty chain."""
    elements = chain_elements(chain)
    if not elements:
        return None
    return SEPARATOR.join(heap_element(element) for element in reversed(elements))


def chain_value(chain: str | None, key: str) -> str | None:
    """The first value of `key` (e.g. `href`, `text`) on the clicked element."""
    elements = chain_elements(chain)
    if not elements:
        return None
    return next((value for k, value in element_attributes(elements[0]) if k == key), None)


def events_table(schema: str = "posthog", table: str = "events") -> Table:
    """PostHog's batch-export events model as its S3 export writes it (JSON lines or Parquet;
    docs/sources/posthog.md): what `heapgen load --source posthog` loads, and the s3 layout's
    columns. Columns PostHog adds later are ignored."""
    return Table(
        table,
        (
            Column("uuid", "VARCHAR", required=True),
            Column("event", "VARCHAR", required=True),
            Column("distinct_id", "VARCHAR", required=True),
            Column("person_id", "VARCHAR"),
            Column("properties", "JSON"),
            Column("person_properties", "JSON"),
            Column("elements_chain", "VARCHAR"),
            Column("timestamp", "TIMESTAMP", required=True),
            Column("created_at", "TIMESTAMP"),
            Column("_inserted_at", "TIMESTAMP"),
        ),
        schema=schema,
        arrival="_inserted_at",
        open_columns=True,
    )

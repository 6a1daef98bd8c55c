"""Heap Connect names: snake_case of display names, as the seed describes.

"Sign Up - Click Link (Any)" -> "sign_up_click_link_any", "Événement" -> "evenement". The
dbt macro `heap_connect.snake_case` implements the same rule (with TRANSLITERATION from the
generated macro heap_connect_transliteration); tests/fixtures/snake_case_vectors.csv holds the
shared test vectors both are checked against.
"""

from __future__ import annotations

import hashlib
import re

# dbt model names of generated models (their aliases are the table and view names), and a
# custom property key's column prefix when its own name is taken or empty (property_column)
from heapgen.contract import EVENT_MODEL_PREFIX as EVENT_MODEL_PREFIX
from heapgen.contract import PROPERTY_PREFIX as PROPERTY_PREFIX
from heapgen.contract import SEGMENT_MODEL_PREFIX as SEGMENT_MODEL_PREFIX

_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Accented Latin letters (after lower-casing) and the ASCII letters they become, a fixed
# table so every warehouse and both sides (Python here, Jinja in the macro) give the same
# names; combining marks (U+0300-U+036F, as in decomposed text) are removed.
_LATIN = {
    "a": "àáâãäåāăąǎǟǡǻȁȃȧ",
    "ae": "æ",
    "c": "çćĉċč",
    "d": "ðďđ",
    "dz": "ǆǳ",
    "e": "èéêëēĕėęěȅȇȩ",
    "g": "ĝğġģǧǵ",
    "h": "ĥħȟ",
    "i": "ìíîïĩīĭįıǐȉȋ",
    "ij": "ĳ",
    "j": "ĵǰ",
    "k": "ķǩ",
    "l": "ĺļľŀł",
    "lj": "ǉ",
    "n": "ñńņňŉǹ",
    "nj": "ǌ",
    "o": "òóôõöøōŏőơǒǫǭȍȏȫȭȯȱ",
    "oe": "œ",
    "r": "ŕŗřȑȓ",
    "s": "śŝşšſș",
    "ss": "ß",
    "t": "ţťŧț",
    "th": "þ",
    "u": "ùúûüũūŭůűųưǔǖǘǚǜȕȗ",
    "w": "ŵ",
    "y": "ýÿŷȳ",
    "z": "źżž",
}
# str.translate's table: code point -> replacement.
TRANSLITERATION: dict[int, str] = {
    **{ord(char): ascii for ascii, chars in _LATIN.items() for char in chars},
    **{code: "" for code in range(0x300, 0x370)},
}


def snake_case(name: str) -> str:
    """Lower-case, accented Latin letters as their ASCII letters (TRANSLITERATION), every
    run of characters other than a-z and 0-9 becomes one `_`, no leading or trailing `_`;
    a leading digit gets a `_` prefix so the result is a valid unquoted identifier
    everywhere. Returns "" when nothing alphanumeric is left."""
    text = _NON_ALNUM.sub("_", name.lower().translate(TRANSLITERATION)).strip("_")
    if text[:1].isdigit():
        text = "_" + text
    return text


# The longest identifier every target accepts: PostgreSQL's 63 bytes (Redshift 127,
# Snowflake 255, BigQuery 1,024). Names are ASCII, so characters are bytes.
MAX_TABLE_NAME = 63
# Tables of the Heap Connect schema that an event or segment table must not take, with the
# opt-in marts' (models/heap_connect_marts: reserved whether or not they are turned on, so
# turning them on never clashes with a table synced before).
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
        "users_enhanced",
        "sessions_enhanced",
    }
)


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


def property_column(key: str, reserved: frozenset[str] | set[str] = frozenset()) -> str:
    """The column of a custom event or user property key: heap_name(key); a key with no
    letter or digit left gets `property_` and 8 hex digits of the key's MD5; a name that is
    one of `reserved` (the table's built-in and defined-property columns) gets `property_`
    in front until it is free (`type` -> `property_type`). The macro
    heap_connect.property_key_column is the same rule."""
    name = heap_name(key) or PROPERTY_PREFIX + hashlib.md5(key.encode("utf-8")).hexdigest()[:8]
    while name in reserved:
        name = heap_name(PROPERTY_PREFIX + name)
    return name


def property_rename(key: str, column: str) -> str | None:
    """Why a custom property key's column is not just the key in snake_case, or None when
    it is: the words heapgen prints for every renamed key."""
    if column != heap_name(key):
        if not heap_name(key):
            return "no letter or digit to name a column: hashed"
        return f"{heap_name(key)} is a built-in or defined-property column of the table"
    if not key.isascii():
        kept = key.lower().translate(TRANSLITERATION)
        if kept.isascii():
            return "accented letters transliterated"
        return "characters other than Latin letters and digits left out"
    return None

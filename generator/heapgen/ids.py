"""String ids (PostHog uuids and distinct ids, ...) as the BIGINT ids of Heap Connect's
tables: the rule of macros/cross_db/string_id.sql, which every warehouse applies in SQL."""

from __future__ import annotations

import hashlib

HEX_DIGITS = 15  # 60 bits: positive in every warehouse's signed 64-bit integer


def string_id(value: str) -> int:
    """The first 15 hexadecimal digits of the MD5 of `value`'s UTF-8 bytes, as a number."""
    return int(hashlib.md5(value.encode("utf-8")).hexdigest()[:HEX_DIGITS], 16)

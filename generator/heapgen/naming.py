"""Heap Connect names: snake_case of display names, as the seed describes.

"Sign Up - Click Link (Any)" -> "sign_up_click_link_any". The dbt macro
`heap_connect.snake_case` implements the same rule; tests/fixtures/snake_case_vectors.csv
holds the shared test vectors both are checked against.
"""

from __future__ import annotations

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

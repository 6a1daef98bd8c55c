"""Jinja2 rendering of generated dbt files.

The templates use `<% %>` / `<< >>` / `<# #>` delimiters, so dbt's own `{{ }}` and
`{% %}` pass through untouched; StrictUndefined turns a missing argument into an error.
Values reach the generated Jinja only through `jinja_literal`, never pasted as text.
"""

from __future__ import annotations

import json
from typing import Any

import jinja2

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("heapgen", "templates"),
    block_start_string="<%",
    block_end_string="%>",
    variable_start_string="<<",
    variable_end_string=">>",
    comment_start_string="<#",
    comment_end_string="#>",
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    autoescape=False,
)

# Characters that could open or close a Jinja tag inside dbt's templating, escaped
# inside string literals so no value can change the meaning of a generated file.
_JINJA_UNSAFE = {"{": "\\u007b", "}": "\\u007d", "%": "\\u0025", "#": "\\u0023"}


def jinja_literal(value: Any) -> str:
    """A Jinja (and Python) literal for a JSON-like value: str, int, float, bool, None,
    lists and dicts of them. Strings are JSON-escaped with Jinja's tag characters escaped."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        for char, escaped in _JINJA_UNSAFE.items():
            text = text.replace(char, escaped)
        return text
    if isinstance(value, list | tuple):
        return "[" + ", ".join(jinja_literal(item) for item in value) + "]"
    if isinstance(value, dict):
        items = (f"{jinja_literal(str(k))}: {jinja_literal(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    raise TypeError(f"cannot render {type(value).__name__} as a Jinja literal")


_ENV.filters["literal"] = jinja_literal


def comment_text(value: Any) -> str:
    """Text safe inside a generated SQL or Jinja comment: one line, no Jinja delimiters."""
    text = " ".join(str(value).split())
    for char in "{}%#":
        text = text.replace(char, "?")
    return text


_ENV.filters["comment"] = comment_text

# dbt renders a schema .yml's descriptions and config values as Jinja, but leaves a text
# without `{`, `}`, `%` and `#` as it is. Printable ASCII other than these stays as written in
# a single-quoted YAML string; inside a Jinja string literal, quotes and backslashes do not.
_YAML_PLAIN = frozenset(chr(code) for code in range(0x20, 0x7F)) - set("{}%#")
_JINJA_PLAIN = _YAML_PLAIN - set("'\"\\")


def _jinja_ascii_string(value: str) -> str:
    """A double-quoted Jinja string literal of `value` in printable ASCII without `{ } % #`
    or quotes: every other character as a backslash escape (Jinja decodes its string
    literals as Python's unicode-escape does), which YAML keeps as written."""
    out = []
    for char in value:
        code = ord(char)
        if char in _JINJA_PLAIN:
            out.append(char)
        elif code < 0x100:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def yaml_text(value: Any) -> str:
    """A YAML scalar for a text dbt renders as Jinja (a description, a config value of a
    schema .yml) that dbt renders back to exactly `value`, so no definition text is ever
    evaluated: printable ASCII without `{ } % #` as a single-quoted YAML string, anything
    else as a Jinja expression of an escaped string literal, `'{{ "..." }}'`."""
    text = str(value)
    if set(text) <= _YAML_PLAIN:
        return "'" + text.replace("'", "''") + "'"
    return "'{{ " + _jinja_ascii_string(text) + " }}'"


_ENV.filters["yaml_text"] = yaml_text


def render(template: str, **context: Any) -> str:
    return _ENV.get_template(template).render(**context)

"""CSS selectors for labeled events, matched against the raw `hierarchy` column.

A hierarchy is the clicked element and its ancestors, root first, joined by `` > ``, each
element written ``tag#id.class1.class2[attr=value][attr2=value2]`` (id, classes and
attributes optional, in that order), e.g.
``body > div#app > nav.top > a#signup.cta.primary[href=/signup]``.

Supported selectors (parsed with :mod:`cssselect`): tag (case-insensitive), ``#id``,
``.class`` (any order, several), ``[attr]``, ``[attr=value]`` (value quoted or bare, exact,
case-sensitive), ``*``, the descendant (space) and child (``>``) combinators, and ``,`` as OR.
A selector matches an event when its rightmost compound matches the target element or any
ancestor, the preceding compounds matching that element's ancestors per the combinators.

Two implementations of the same semantics live here:

* :func:`compile_selector` turns a selector into one regular expression for the warehouses'
  "search anywhere" regex functions (DuckDB ``regexp_matches``, BigQuery ``REGEXP_CONTAINS``,
  PostgreSQL ``~``, Snowflake ``REGEXP_INSTR``) and Python's ``re.search``. It only uses the
  subset those engines agree on: groups, ``|``, ``*``, ``+``, ``?``, ``^``/``$``, negated
  bracket expressions of plain characters and backslash-escaped metacharacters.
* :func:`matches` is an independent reference: it parses the hierarchy into
  :class:`Element` objects and evaluates the parsed selector right to left.

Both agree on every well-formed hierarchy. An element that does not follow the grammar
(for example one containing a space) matches no compound in either implementation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import permutations
from math import factorial

import cssselect
from cssselect import parser as css

__all__ = [
    "MAX_ALTERNATIVES",
    "MAX_ATTRIBUTES_PER_COMPOUND",
    "MAX_CLASSES_PER_COMPOUND",
    "AttributeTest",
    "ComplexSelector",
    "Compound",
    "Element",
    "SelectorError",
    "compile_selector",
    "complex_matches",
    "compound_matches",
    "escape",
    "matches",
    "parse_element",
    "parse_hierarchy",
    "parse_selector",
]

# Classes and attributes may appear in any order, so the regex alternates over their
# permutations; these bounds keep the pattern small.
MAX_CLASSES_PER_COMPOUND = 4
MAX_ATTRIBUTES_PER_COMPOUND = 3
MAX_ALTERNATIVES = 120

SEPARATOR = " > "
DESCENDANT = " "
CHILD = ">"

# Characters that end a tag, id or class name in a hierarchy element.
_NAME_STOPS = " #.["
# Characters that an attribute name / value of a selector may not contain, because a
# hierarchy could never hold them there.
_ATTR_NAME_STOPS = " =[]"
_ATTR_VALUE_STOPS = "]"

# ---------------------------------------------------------------------------------------
# Errors and the parsed selector model
# ---------------------------------------------------------------------------------------


class SelectorError(ValueError):
    """A selector that is invalid, unsupported, or too large to compile."""

    def __init__(self, problem: str, selector: str, position: int | None = None) -> None:
        where = f" at position {position}" if position is not None else ""
        super().__init__(f"{problem}{where} in CSS selector {selector!r}")
        self.problem = problem
        self.selector = selector
        self.position = position


@dataclass(frozen=True)
class AttributeTest:
    """``[name]`` (``value is None``) or ``[name=value]``."""

    name: str
    value: str | None = None


@dataclass(frozen=True)
class Compound:
    """One compound selector such as ``a#signup.cta[href=/signup]``; ``tag None`` is ``*``."""

    tag: str | None = None
    id: str | None = None
    classes: frozenset[str] = frozenset()
    attributes: tuple[AttributeTest, ...] = ()


@dataclass(frozen=True)
class ComplexSelector:
    """Compounds left to right; ``combinators[i]`` joins ``compounds[i]`` and ``[i + 1]``."""

    compounds: tuple[Compound, ...]
    combinators: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------
# Parsing selectors (cssselect) into the model
# ---------------------------------------------------------------------------------------

_BARE_ATTRIBUTE = re.compile(r"\[\s*[-\w]+\s*[~|^$*!]?=\s*(?P<value>[^\s\]\"'\\]+)\s*\]")
_TOKEN_POSITION = re.compile(r" at (\d+)>")
_ESCAPED_BACKSLASH = re.compile(r"\\(?:\\|0{0,4}5c(?![0-9a-f]))", re.IGNORECASE)


def _quote_bare_values(selector: str) -> tuple[str, list[int]]:
    """Quote bare attribute values that CSS would reject, e.g. ``[href=/signup]``.

    CSS only allows identifiers unquoted, but hierarchies are written with bare values, so
    users copy them. Returns the rewritten text and the rewritten positions of the inserted
    quote characters (to map cssselect's error positions back).
    """
    out = ""
    inserted: list[int] = []
    i = 0
    while i < len(selector):
        char = selector[i]
        match = _BARE_ATTRIBUTE.match(selector, i) if char == "[" else None
        if char in "\"'":
            end = _string_end(selector, i)
            out, i = out + selector[i:end], end
        elif match is None:
            out, i = out + char, i + 1
        else:
            start, end = match.span("value")
            out += selector[i:start]
            inserted += [len(out), len(out) + 1 + end - start]
            out += f'"{selector[start:end]}"{selector[end : match.end()]}'
            i = match.end()
    return out, inserted


def _string_end(text: str, start: int) -> int:
    """Index just past the CSS string starting at ``start`` (or the end of ``text``)."""
    quote, i = text[start], start + 1
    while i < len(text) and text[i] != quote:
        i += 2 if text[i] == "\\" else 1
    return min(i + 1, len(text))


def _original_position(position: int, inserted: list[int]) -> int:
    """Map a position in the rewritten selector back to the user's text."""
    return position - sum(1 for p in inserted if p < position)


@lru_cache(maxsize=1024)
def parse_selector(selector: str) -> tuple[ComplexSelector, ...]:
    """Parse a selector list into complex selectors (OR-ed); raise :class:`SelectorError`."""
    if not isinstance(selector, str) or not selector.strip():
        raise SelectorError("empty selector", str(selector))
    backslash = _ESCAPED_BACKSLASH.search(selector)
    if backslash:
        # cssselect decodes escapes twice (CSS `"a\\b"` becomes "a" + U+000B and `"a\5c b"`
        # becomes "ab"), so a backslash in a name or value cannot be expressed reliably.
        raise SelectorError("unsupported escaped backslash", selector, backslash.start())
    text, inserted = _quote_bare_values(selector)
    try:
        parsed = cssselect.parse(text)
    except css.SelectorSyntaxError as exc:
        message = str(exc)
        positions = [int(p) for p in _TOKEN_POSITION.findall(message)]
        position = _original_position(positions[-1], inserted) if positions else None
        message = _TOKEN_POSITION.sub(">", message)
        raise SelectorError(f"invalid selector syntax ({message})", selector, position) from exc
    _reject_namespaces(text, selector, inserted)
    groups = []
    for group in parsed:
        if group.pseudo_element is not None:
            name = getattr(group.pseudo_element, "name", group.pseudo_element)
            raise SelectorError(f"unsupported pseudo-element '::{name}'", selector)
        groups.append(_complex(group.parsed_tree, selector))
    result = tuple(groups)
    _check_size(result, selector)
    return result


def _reject_namespaces(text: str, selector: str, inserted: list[int]) -> None:
    """cssselect drops an empty namespace (``|a``), so look for ``|`` in the tokens."""
    tokens = list(css.tokenize(text))
    for token, following in zip(tokens, tokens[1:], strict=False):
        if token == ("DELIM", "|") and following != ("DELIM", "="):
            position = _original_position(token.pos, inserted)
            raise SelectorError("unsupported namespace ('|')", selector, position)


def _complex(tree: css.Tree, selector: str) -> ComplexSelector:
    """Flatten cssselect's left-nested ``CombinedSelector`` chain."""
    compounds: list[Compound] = []
    combinators: list[str] = []
    while isinstance(tree, css.CombinedSelector):
        if tree.combinator not in (DESCENDANT, CHILD):
            raise SelectorError(f"unsupported combinator '{tree.combinator}'", selector)
        compounds.append(_compound(tree.subselector, selector))
        combinators.append(tree.combinator)
        tree = tree.selector
    compounds.append(_compound(tree, selector))
    return ComplexSelector(tuple(reversed(compounds)), tuple(reversed(combinators)))


def _compound(tree: css.Tree, selector: str) -> Compound:
    """Collect one compound's tag, id, classes and attribute tests (innermost node last)."""
    ids: list[str] = []
    classes: list[str] = []
    attributes: list[AttributeTest] = []
    node = tree
    while not isinstance(node, css.Element):
        if isinstance(node, css.Class):
            classes.append(_checked_name(node.class_name, "class", selector))
        elif isinstance(node, css.Hash):
            ids.append(_checked_name(node.id, "id", selector))
        elif isinstance(node, css.Attrib):
            attributes.append(_attribute_test(node, selector))
        else:
            raise SelectorError(f"unsupported {_describe(node)}", selector)
        node = node.selector
    if node.namespace is not None:
        raise SelectorError(f"unsupported namespace '{node.namespace}|'", selector)
    tag = _checked_name(node.element.lower(), "tag", selector) if node.element else None
    if len(set(ids)) > 1:
        listed = ", ".join(f"#{name}" for name in reversed(ids))
        raise SelectorError(f"two different ids ({listed}) in one compound", selector)
    return Compound(
        tag=tag,
        id=ids[0] if ids else None,
        classes=frozenset(classes),
        attributes=_merge_attributes(reversed(attributes), selector),
    )


def _describe(node: object) -> str:
    """Name an unsupported cssselect node for an error message."""
    if isinstance(node, css.Pseudo):
        return f"pseudo-class ':{node.ident}'"
    if isinstance(node, css.Function):
        return f"pseudo-class ':{node.name}()'"
    if isinstance(node, css.Negation):
        return "pseudo-class ':not()'"
    functional = {"Matching": ":is()", "Relation": ":has()", "SpecificityAdjustment": ":where()"}
    name = type(node).__name__
    return f"pseudo-class '{functional[name]}'" if name in functional else f"construct {name}"


def _checked_name(name: str, kind: str, selector: str) -> str:
    """A tag, id or class must be writable in a hierarchy element (no ``space # . [``)."""
    if not name or any(char in _NAME_STOPS for char in name):
        raise SelectorError(f"{kind} {name!r} can never appear in a hierarchy", selector)
    return name


def _attribute_test(node: css.Attrib, selector: str) -> AttributeTest:
    """``[name]`` / ``[name=value]``; any other operator, flag or namespace is an error."""
    if node.namespace is not None:
        raise SelectorError(f"unsupported namespace '{node.namespace}|'", selector)
    name = node.attrib
    if not name or any(char in _ATTR_NAME_STOPS for char in name):
        raise SelectorError(f"attribute {name!r} can never appear in a hierarchy", selector)
    if node.operator == "exists":
        return AttributeTest(name)
    if node.operator != "=":
        raise SelectorError(f"unsupported attribute operator '{node.operator}'", selector)
    if getattr(node, "flag", None) == "i":  # cssselect >= 1.3 parses `[a=b i]`
        raise SelectorError("unsupported case-insensitive attribute flag 'i'", selector)
    value = node.value.value
    if any(char in _ATTR_VALUE_STOPS or char.isspace() for char in value):
        raise SelectorError(
            f"attribute value {value!r} can never appear in a hierarchy "
            "(hierarchy values hold no whitespace or ']')",
            selector,
        )
    return AttributeTest(name, value)


def _merge_attributes(tests: Iterable[AttributeTest], selector: str) -> tuple[AttributeTest, ...]:
    """One test per attribute name, in first-seen order (``[x][x=1]`` is ``[x=1]``)."""
    merged: dict[str, AttributeTest] = {}
    for test in tests:
        known = merged.get(test.name)
        if known is None or known.value is None:
            merged[test.name] = test
        elif test.value is not None and test.value != known.value:
            raise SelectorError(
                f"attribute {test.name!r} required to equal both {known.value!r} "
                f"and {test.value!r}",
                selector,
            )
    return tuple(merged.values())


def _alternatives(compound: Compound) -> int:
    """How many regex alternatives the compound's any-order parts need."""
    count = 0
    for size in (len(compound.classes), len(compound.attributes)):
        count += factorial(size) if size > 1 else 0
    return count


def _check_size(groups: tuple[ComplexSelector, ...], selector: str) -> None:
    """Enforce the per-compound and per-selector limits on regex size."""
    total = len(groups)
    for group in groups:
        for compound in group.compounds:
            if len(compound.classes) > MAX_CLASSES_PER_COMPOUND:
                raise SelectorError(
                    f"too many classes in one compound ({len(compound.classes)}, "
                    f"at most {MAX_CLASSES_PER_COMPOUND})",
                    selector,
                )
            if len(compound.attributes) > MAX_ATTRIBUTES_PER_COMPOUND:
                raise SelectorError(
                    f"too many attributes in one compound ({len(compound.attributes)}, "
                    f"at most {MAX_ATTRIBUTES_PER_COMPOUND})",
                    selector,
                )
            total += _alternatives(compound)
    if total > MAX_ALTERNATIVES:
        raise SelectorError(
            f"selector too complex ({total} regex alternatives, at most {MAX_ALTERNATIVES}); "
            "split it or use fewer classes/attributes per compound",
            selector,
        )


# ---------------------------------------------------------------------------------------
# Compiling to a portable regex
# ---------------------------------------------------------------------------------------

_METACHARACTERS = frozenset(".[]()*+?{}|^$\\")
# Bracket expressions hold plain characters only: no backslash, no `[.` `[:` `[=`.
_NAME = "[^ #.[]+"  # a tag, id or class name
_ID = f"(#{_NAME})?"
_CLASS = rf"\.{_NAME}"
_ATTRIBUTE = r"\[[^ =]+(=[^ ]*)?\]"
_ELEMENT = "[^ ]+"  # any element, for descendant chains
_START = f"(^|{SEPARATOR})"
_END = f"({SEPARATOR}|$)"


def escape(text: str) -> str:
    """Backslash-escape ERE metacharacters, leaving every other character as is."""
    return "".join("\\" + char if char in _METACHARACTERS else char for char in text)


def _any_order(required: list[str], filler: str) -> str:
    """``required`` pieces in any order, with any number of ``filler`` pieces around them."""
    others = f"({filler})*"
    if not required:
        return others
    orders = [others.join(order) for order in permutations(required)]
    middle = orders[0] if len(orders) == 1 else f"({'|'.join(orders)})"
    return f"{others}{middle}{others}"


def _attribute_pattern(test: AttributeTest) -> str:
    """``[name]`` matches with or without a value; an empty value also matches ``[name]``."""
    name = escape(test.name)
    if test.value is None:
        return rf"\[{name}(=[^ ]*)?\]"
    if test.value == "":
        return rf"\[{name}=?\]"
    return rf"\[{name}={escape(test.value)}\]"


def _compound_pattern(compound: Compound) -> str:
    """A regex for one whole hierarchy element satisfying ``compound``."""
    tag = escape(compound.tag) if compound.tag else _NAME
    element_id = f"#{escape(compound.id)}" if compound.id else _ID
    classes = [rf"\.{escape(name)}" for name in sorted(compound.classes)]
    attributes = [_attribute_pattern(test) for test in compound.attributes]
    return f"{tag}{element_id}{_any_order(classes, _CLASS)}{_any_order(attributes, _ATTRIBUTE)}"


def _complex_pattern(group: ComplexSelector) -> str:
    """Compounds joined by ``" > "`` (child) or ``" > " + any elements`` (descendant)."""
    parts = [_compound_pattern(group.compounds[0])]
    for combinator, compound in zip(group.combinators, group.compounds[1:], strict=True):
        if combinator == DESCENDANT:
            parts.append(f"({SEPARATOR}{_ELEMENT})*")
        parts.append(SEPARATOR)
        parts.append(_compound_pattern(compound))
    return f"{_START}{''.join(parts)}{_END}"


@lru_cache(maxsize=1024)
def compile_selector(selector: str) -> str:
    r"""Compile a selector to one portable regex that finds an element of the chain (the
    target or an ancestor) matching it. Raises :class:`SelectorError`.

    Each OR-group becomes ``(^| > )`` + one whole-element pattern per compound + ``( > |$)``;
    ``"nav > a#signup"`` gives (wrapped here)::

        ((^| > )nav(#[^ #.[]+)?(\.[^ #.[]+)*(\[[^ =]+(=[^ ]*)?\])*
         > a#signup(\.[^ #.[]+)*(\[[^ =]+(=[^ ]*)?\])*( > |$))
    """
    return f"({'|'.join(_complex_pattern(group) for group in parse_selector(selector))})"


# ---------------------------------------------------------------------------------------
# Reference implementation: parse the hierarchy, evaluate the selector tree
# ---------------------------------------------------------------------------------------

_ELEMENT_GRAMMAR = re.compile(
    r"(?P<tag>[^ #.\[]+)"
    r"(?:#(?P<id>[^ #.\[]+))?"
    r"(?P<classes>(?:\.[^ #.\[]+)*)"
    r"(?P<attrs>(?:\[[^ =\]]+(?:=[^ \]]*)?\])*)"
)
_ATTRIBUTE_GRAMMAR = re.compile(r"\[(?P<name>[^ =\]]+)(?:=(?P<value>[^ \]]*))?\]")


@dataclass(frozen=True)
class Element:
    """One hierarchy element. ``[attr]`` without a value is stored as ``""``.

    ``well_formed`` is false for text that does not follow the element grammar; such an
    element keeps its text in ``tag`` and matches no compound.
    """

    tag: str
    id: str | None = None
    classes: frozenset[str] = frozenset()
    attrs: dict[str, str] = field(default_factory=dict)
    well_formed: bool = True


def parse_element(text: str) -> Element:
    """Parse ``tag#id.class1.class2[attr=value]`` (see :class:`Element`)."""
    match = _ELEMENT_GRAMMAR.fullmatch(text)
    if match is None:
        return Element(tag=text, well_formed=False)
    classes = match["classes"].split(".")[1:]
    attrs = {
        attr["name"]: attr["value"] or "" for attr in _ATTRIBUTE_GRAMMAR.finditer(match["attrs"])
    }
    return Element(match["tag"], match["id"], frozenset(classes), attrs)


def parse_hierarchy(hierarchy: str | None) -> list[Element]:
    """Elements root first; a null or empty hierarchy has none."""
    if not hierarchy:
        return []
    return [parse_element(text) for text in hierarchy.split(SEPARATOR)]


def compound_matches(compound: Compound, element: Element) -> bool:
    """Whether one element satisfies every simple selector of ``compound``."""
    if not element.well_formed:
        return False
    if compound.tag is not None and element.tag != compound.tag:
        return False
    if compound.id is not None and element.id != compound.id:
        return False
    if not compound.classes <= element.classes:
        return False
    return all(
        test.name in element.attrs and test.value in (None, element.attrs[test.name])
        for test in compound.attributes
    )


def _matches_at(group: ComplexSelector, index: int, elements: list[Element], at: int) -> bool:
    """``compounds[index]`` matches ``elements[at]`` and the compounds before it match its
    ancestors (root-first list, so ancestors have smaller positions)."""
    if not compound_matches(group.compounds[index], elements[at]):
        return False
    if index == 0:
        return True
    if group.combinators[index - 1] == CHILD:
        return at > 0 and _matches_at(group, index - 1, elements, at - 1)
    return any(_matches_at(group, index - 1, elements, up) for up in range(at - 1, -1, -1))


def complex_matches(group: ComplexSelector, elements: list[Element]) -> bool:
    """The rightmost compound may match any element: the target or an ancestor."""
    last = len(group.compounds) - 1
    return any(_matches_at(group, last, elements, at) for at in range(len(elements)))


def matches(selector: str, hierarchy: str | None) -> bool:
    """Reference matcher: does ``selector`` match the event with this ``hierarchy``?"""
    groups = parse_selector(selector)
    elements = parse_hierarchy(hierarchy)
    return any(complex_matches(group, elements) for group in groups)

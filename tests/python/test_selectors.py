"""CSS selectors for labeled events: the compiled regex agrees with the reference matcher.

Every case is checked by the reference matcher (`matches`), Python `re.search`, DuckDB
`regexp_matches` (RE2, one batched query) and, on glibc, POSIX `regcomp(REG_EXTENDED)`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import platform
import re
from collections.abc import Iterator

import duckdb
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from heapgen.selectors import (
    MAX_ALTERNATIVES,
    Element,
    SelectorError,
    compile_selector,
    matches,
    parse_hierarchy,
    parse_selector,
)

NAV = "body > div#app > nav.top > a#signup.cta.primary[href=/signup]"
MOBILE = (
    "body > div#app > header.site-header.is-mobile > div.drawer.nav[data-state=open]"
    " > a#signup.primary.cta[href=/signup]"
)
FORM = "body > div#app > header.site-header > form#search.search-form[action=/search][role=search]"
LIST = "html > body > nav > ul.menu > li.item > a.link[href=/a]"
PRO = "body > main#content > section.plans > a.btn[href=/signup?plan=pro]"
TAB = "body > div#product > a.tab[href=#reviews]"
EXTERNAL = "footer > a.external[href=https://x.io/a.b][rel=noopener]"
TRICKY = "div[data-id=#signup] > span[title=.cta] > i[data-x=a:b]"
ONE = "button#go.btn"
ODD_VALUE = "body > i[data-x=a{1}(c)$^|*+?]"

# (selector, hierarchy, expected)
MATRIX: list[tuple[str, str | None, bool]] = [
    # classes: any order, several, all required
    ("a.cta.primary", NAV, True),
    ("a.primary.cta", NAV, True),
    ("a.cta.primary", MOBILE, True),
    (".primary.cta#signup", MOBILE, True),
    ("a.cta.secondary", NAV, False),
    ("header.is-mobile.site-header", MOBILE, True),
    ("header.site-header.is-desktop", MOBILE, False),
    ("div.a.b.c.d", "div.d.x.c.b.a", True),
    ("div.a.b.c.d", "div.d.x.c.a", False),
    # class prefix / suffix traps
    (".cta", "a.cta-primary", False),
    (".cta-primary", "a.cta", False),
    (".cta", "a.cta-primary.cta", True),
    (".a", "div.ab", False),
    (".ab", "div.a", False),
    (".b", "div.ab", False),
    (".a", "div.ab.a[x=1]", True),
    # id
    ("#signup", NAV, True),
    ("a#signup", NAV, True),
    ("#sign", NAV, False),
    ("#signup-x", NAV, False),
    ("a#app", NAV, False),
    ("div#app", NAV, True),
    ("#top", NAV, False),
    (".app", NAV, False),
    ("#app.x", "div#app", False),
    # tag only (a tag is exact, not a prefix)
    ("nav", NAV, True),
    ("na", NAV, False),
    ("button", NAV, False),
    ("b", NAV, False),
    ("a", "abbr.x", False),
    ("abbr", "abbr.x", True),
    # universal
    ("*", NAV, True),
    ("*.top", NAV, True),
    ("* > a", NAV, True),
    ("* > body", NAV, False),
    ("* *", ONE, False),
    # child vs descendant, deeper chains
    ("div > a", NAV, False),
    ("div a", NAV, True),
    ("nav > a", NAV, True),
    ("body > nav", NAV, False),
    ("body nav", NAV, True),
    ("a nav", NAV, False),
    ("nav > ul a", LIST, True),
    ("nav ul > a", LIST, False),
    ("nav > ul > li > a", LIST, True),
    ("nav > li a", LIST, False),
    ("html body li.item > a.link", LIST, True),
    ("html > nav a", LIST, False),
    ("body>nav>ul", LIST, True),
    ("div.drawer > a.cta", MOBILE, True),
    ("header > a.cta", MOBILE, False),
    # [attr]
    ("[href]", NAV, True),
    ("a[href]", NAV, True),
    ("nav[href]", NAV, False),
    ("[hre]", NAV, False),
    ("[ref]", NAV, False),
    ("[data-state]", MOBILE, True),
    ("div[data-state][href]", MOBILE, False),
    # [attr=value], quoted and bare, exact and case-sensitive
    ('a[href="/signup"]', NAV, True),
    ("a[href='/signup']", NAV, True),
    ("a[href=/signup]", NAV, True),
    ("a[href = /signup]", NAV, True),
    ("a[href=/sign]", NAV, False),
    ("a[href=/signup/x]", NAV, False),
    ("a[href=/Signup]", NAV, False),
    ("div[data-state=open]", MOBILE, True),
    ("div[data-state=closed]", MOBILE, False),
    ("form[role=search][action=/search]", FORM, True),
    ("form[action=/search][role=search]", FORM, True),
    ("form[role=search][action=/find]", FORM, False),
    ("[role=search]", FORM, True),
    # values containing = / ? # . :
    ("a[href=/signup?plan=pro]", PRO, True),
    ('a[href="/signup?plan=pro"]', PRO, True),
    ("a[href=/signup?plan=free]", PRO, False),
    ("a[href=/signup]", PRO, False),
    ("a[href=#reviews]", TAB, True),
    ("a[href='#reviews']", TAB, True),
    ("#reviews", TAB, False),
    ("a[href=https://x.io/a.b]", EXTERNAL, True),
    ("a[rel=noopener][href=https://x.io/a.b]", EXTERNAL, True),
    ("a[href=x.io]", EXTERNAL, False),
    (".b", EXTERNAL, False),
    ("a.io", EXTERNAL, False),
    ("i[data-x=a:b]", TRICKY, True),
    ("i[data-x=a]", TRICKY, False),
    (r"div.a\:b", "div.a:b", True),
    ('i[data-x="a{1}(c)$^|*+?"]', ODD_VALUE, True),
    ("i[data-x=a{1}(c)$^|*+?]", ODD_VALUE, True),
    ('i[data-x="a{1}(c)$"]', ODD_VALUE, False),
    ('i[data-x="a{1}"]', ODD_VALUE, False),
    # attribute values that look like a class or an id
    (".cta", TRICKY, False),
    ("span.cta", TRICKY, False),
    ("span[title=.cta]", TRICKY, True),
    ("#signup", TRICKY, False),
    ("div[data-id=#signup]", TRICKY, True),
    ("div[data-id='#signup'] > span", TRICKY, True),
    (".cta", "span[title=.cta.x]", False),
    ("span.x", "span[title=.cta.x]", False),
    ("#go", "a[href=#go.x]", False),
    ("a[href=#go.x]", "a[href=#go.x]", True),
    # ancestor match: the selector matches a non-target ancestor
    ("nav.top", NAV, True),
    ("body", NAV, True),
    ("header.site-header", MOBILE, True),
    ("div.nav.drawer[data-state=open]", MOBILE, True),
    ("form#search.search-form", FORM, True),
    ("ul.menu", LIST, True),
    # OR groups
    ("button#signup, a.cta", NAV, True),
    ("button#signup, a.missing", NAV, False),
    ("a.missing, nav.top", NAV, True),
    ("a.missing,nav.top", NAV, True),
    ("form, nav > a", NAV, True),
    ("a.cta.signup, button#signup", NAV, False),
    # tag case: tags are case-insensitive, ids and classes are not
    ("A.cta", NAV, True),
    ("NAV > A", NAV, True),
    ("DIV#app", NAV, True),
    ("div#APP", NAV, False),
    (".CTA", NAV, False),
    # a hierarchy of one element
    ("button", ONE, True),
    ("button.btn#go", ONE, True),
    ("#go", ONE, True),
    ("* > button", ONE, False),
    ("button button", ONE, False),
    # [attr] written without a value; empty values
    ("input[disabled]", "form > input.field[disabled][name=q]", True),
    ('input[disabled=""]', "form > input.field[disabled][name=q]", True),
    ('input[name=""]', "form > input.field[disabled][name=q]", False),
    ('input[name=""]', "input[name=]", True),
    ("input[name=q]", "form > input[disabled] > a[x][name=q]", False),
    ("a[name=q]", "form > input[disabled] > a[x][name=q]", True),
    # null, empty, and a malformed element (a space in a value) match nothing there
    ("a", None, False),
    ("*", None, False),
    ("*", "", False),
    ("a", "", False),
    ("a[title=Sign]", "div > a[title=Sign up]", False),
    ("div", "div > a[title=Sign up]", True),
]

UNSUPPORTED: list[tuple[str, str]] = [
    ("a:hover", "pseudo-class ':hover'"),
    ("a:first-child", "pseudo-class ':first-child'"),
    ("li:nth-child(2)", "pseudo-class ':nth-child()'"),
    ("a:not(.cta)", "pseudo-class ':not()'"),
    ("div:has(a)", "pseudo-class ':has()'"),
    ("div:is(nav, header)", "pseudo-class ':is()'"),
    ("p::before", "pseudo-element '::before'"),
    ("p::first-line", "pseudo-element '::first-line'"),
    ("nav ~ a", "combinator '~'"),
    ("nav + a", "combinator '+'"),
    ("a[href^=/sign]", "attribute operator '^='"),
    ("a[href$=up]", "attribute operator '$='"),
    ("a[href*=sign]", "attribute operator '*='"),
    ("a[class~=cta]", "attribute operator '~='"),
    ("a[lang|=en]", "attribute operator '|='"),
    ("a[href!=x]", "attribute operator '!='"),
    ("a[href=x i]", "flag 'i'"),
    ("svg|a", "namespace"),
    ("*|a", "namespace"),
    ("|a", "namespace"),
    ("a[xlink|href]", "namespace"),
    ("", "empty selector"),
    ("   ", "empty selector"),
    ("a >", "invalid selector syntax"),
    ("a,", "invalid selector syntax"),
    ("a[href=/x", "invalid selector syntax"),
    ("a..b", "invalid selector syntax"),
    ('a[title="a\\\\b"]', "escaped backslash"),
    ('a[title="a\\5c b"]', "escaped backslash"),
    ("div.a\\00005C", "escaped backslash"),
    ('a[title="Sign up"]', "can never appear in a hierarchy"),
    ("#a#b", "two different ids (#a, #b)"),
    ("[x=1][x=2]", "required to equal both '1' and '2'"),
    (".a.b.c.d.e", "too many classes"),
    ("[a][b][c][d]", "too many attributes"),
    (", ".join(f"x{n}.a.b.c.d" for n in range(5)), "too complex"),
]


# ---------------------------------------------------------------------------------------
# engines
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    yield connection
    connection.close()


def duckdb_search(
    con: duckdb.DuckDBPyConnection, cases: list[tuple[str, str | None]]
) -> list[bool]:
    """`regexp_matches(hierarchy, pattern)` for every (pattern, hierarchy), one query."""
    rows = con.execute(
        """
        select i, coalesce(regexp_matches(h, p), false)
        from (select unnest($1) as i, unnest($2) as p, unnest($3) as h)
        order by i
        """,
        [list(range(len(cases))), [p for p, _ in cases], [h for _, h in cases]],
    ).fetchall()
    return [bool(found) for _, found in rows]


def _glibc() -> ctypes.CDLL | None:
    """glibc's `regcomp`/`regexec`/`regfree`, or None elsewhere."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.regcomp.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    libc.regexec.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_size_t,
        ctypes.c_void_p,
        ctypes.c_int,
    ]
    libc.regfree.argtypes = [ctypes.c_void_p]
    return libc


LIBC = _glibc()
REG_EXTENDED, REG_NOSUB = 1, 8  # glibc values
needs_glibc = pytest.mark.skipif(LIBC is None, reason="POSIX regcomp check needs glibc")


def posix_search(pattern: str, text: str | None) -> bool:
    """POSIX ERE search with glibc `regcomp`/`regexec` (compile errors fail the test)."""
    if text is None:
        return False
    regex = ctypes.create_string_buffer(256)  # > sizeof(regex_t)
    assert LIBC.regcomp(regex, pattern.encode(), REG_EXTENDED | REG_NOSUB) == 0, pattern
    try:
        return LIBC.regexec(regex, text.encode(), 0, None, 0) == 0
    finally:
        LIBC.regfree(regex)


def python_search(pattern: str, text: str | None) -> bool:
    return text is not None and re.search(pattern, text) is not None


# ---------------------------------------------------------------------------------------
# the matrix
# ---------------------------------------------------------------------------------------

MATRIX_IDS = [f"{s!r}~{h!r}" for s, h, _ in MATRIX]


@pytest.mark.parametrize(("selector", "hierarchy", "expected"), MATRIX, ids=MATRIX_IDS)
def test_matrix_reference_and_python_re(
    selector: str, hierarchy: str | None, expected: bool
) -> None:
    assert matches(selector, hierarchy) is expected
    assert python_search(compile_selector(selector), hierarchy) is expected


@needs_glibc
@pytest.mark.parametrize(("selector", "hierarchy", "expected"), MATRIX, ids=MATRIX_IDS)
def test_matrix_posix_ere(selector: str, hierarchy: str | None, expected: bool) -> None:
    assert posix_search(compile_selector(selector), hierarchy) is expected


def test_matrix_duckdb(con: duckdb.DuckDBPyConnection) -> None:
    found = duckdb_search(con, [(compile_selector(s), h) for s, h, _ in MATRIX])
    wrong = [row for row, got in zip(MATRIX, found, strict=True) if got is not row[2]]
    assert wrong == []


# ---------------------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("selector", "construct"), UNSUPPORTED, ids=[s for s, _ in UNSUPPORTED])
def test_unsupported_selectors_raise(selector: str, construct: str) -> None:
    with pytest.raises(SelectorError) as info:
        compile_selector(selector)
    message = str(info.value)
    assert construct in message
    assert repr(selector) in message
    with pytest.raises(SelectorError):
        matches(selector, NAV)


def test_syntax_error_position_refers_to_the_users_text() -> None:
    # the bare value is quoted internally; the position must still point at the `!`
    with pytest.raises(SelectorError, match=r"at position 16 ") as info:
        compile_selector("a[href=/signup] !b")
    assert info.value.position == 16


def test_selector_error_is_a_value_error() -> None:
    assert issubclass(SelectorError, ValueError)


def test_largest_allowed_selector_compiles_within_the_limit() -> None:
    # 4 classes and 3 attributes: 24 + 6 alternatives for the compound, plus its group
    selector = ", ".join(f"x{n}.a.b.c.d[p][q][r]" for n in range(3))
    assert MAX_ALTERNATIVES >= 3 * 31
    pattern = compile_selector(selector)
    assert python_search(pattern, "body > x2.d.c.z.b.a[r=1][q][p=/]")
    assert not python_search(pattern, "body > x2.d.c.z.b.a[r=1][p=/]")


# ---------------------------------------------------------------------------------------
# hierarchy parsing
# ---------------------------------------------------------------------------------------


def test_parse_hierarchy() -> None:
    elements = parse_hierarchy(FORM)
    assert [e.tag for e in elements] == ["body", "div", "header", "form"]
    assert elements[1] == Element("div", "app")
    assert elements[3] == Element(
        "form", "search", frozenset({"search-form"}), {"action": "/search", "role": "search"}
    )
    assert parse_hierarchy(PRO)[-1].attrs == {"href": "/signup?plan=pro"}
    assert parse_hierarchy(None) == [] == parse_hierarchy("")
    assert not parse_hierarchy("a[title=Sign up]")[0].well_formed


# ---------------------------------------------------------------------------------------
# portability of the compiled patterns
# ---------------------------------------------------------------------------------------

ERE_METACHARACTERS = set(".[]()*+?{}|^$\\")


def portability_problems(pattern: str) -> list[str]:
    """Constructs outside the subset shared by RE2, POSIX ERE, PostgreSQL ARE and Python."""
    problems = [bad for bad in ("(?", "*?", "+?", "??", "}?") if bad in pattern]
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            escaped = pattern[i + 1 : i + 2]
            if escaped not in ERE_METACHARACTERS:
                problems.append(f"\\{escaped} at {i}")
            i += 2
        elif char == "[":
            i = _bracket_end(pattern, i, problems)
        else:
            i += 1
    return problems


def _bracket_end(pattern: str, start: int, problems: list[str]) -> int:
    """Scan a bracket expression, recording backslashes and `[.` `[:` `[=` inside it."""
    i = start + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        if pattern[i] == "\\":
            problems.append(f"backslash in bracket at {i}")
        if pattern[i] == "[" and pattern[i + 1 : i + 2] in (".", ":", "="):
            problems.append(f"{pattern[i : i + 2]} in bracket at {i}")
        i += 1
    if i >= len(pattern):
        problems.append(f"unclosed bracket at {start}")
    return i + 1


def test_portability_scanner_catches_bad_constructs() -> None:
    for bad in (r"a\d", r"(?:a)", "a*?", "a+?", r"[^\]]", "[[:alpha:]]", r"\w", r"(a)\1", "[a"):
        assert portability_problems(bad), bad
    assert portability_problems(r"(^| > )a[^ #.[]+\.b\[x=\]( > |$)") == []


@pytest.mark.parametrize(
    "selector",
    sorted({s for s, _, _ in MATRIX} | {"*", 'x.a.b.c.d[p][q][r="{}()|^$*+?."]'}),
)
def test_compiled_patterns_are_portable(selector: str) -> None:
    assert portability_problems(compile_selector(selector)) == []


# ---------------------------------------------------------------------------------------
# property test: random hierarchies, selectors built from their pieces
# ---------------------------------------------------------------------------------------

TAGS = ["div", "a", "nav", "li", "span"]
IDS = ["app", "x", "x-1", "go"]
CLASSES = ["a", "ab", "cta", "cta-primary", "b_c", "A", "x-1"]
ATTR_NAMES = ["href", "role", "data-x"]
LOOKALIKE = re.compile(r"[.#]([A-Za-z_][-\w]*)")
# values that look like classes, ids or attributes, and random short strings
VALUES = st.one_of(
    st.text(alphabet="ab.:/-_#=?[", max_size=4),
    st.builds(
        "".join,
        st.tuples(
            st.sampled_from(["", ".", "#", "/", "["]),
            st.sampled_from(CLASSES + IDS + ATTR_NAMES),
            st.sampled_from(["", ".a", ".x-1", "#x", "[", "?q=1", ":b"]),
        ),
    ),
)


@st.composite
def elements(draw: st.DrawFn) -> Element:
    names = draw(st.lists(st.sampled_from(ATTR_NAMES), unique=True, max_size=3))
    return Element(
        tag=draw(st.sampled_from(TAGS)),
        id=draw(st.none() | st.sampled_from(IDS)),
        classes=frozenset(draw(st.lists(st.sampled_from(CLASSES), unique=True, max_size=3))),
        attrs={name: draw(VALUES) for name in names},
    )


@st.composite
def render_element(draw: st.DrawFn, element: Element) -> str:
    """Classes and attributes in a random order, as trackers write them."""
    classes = draw(st.permutations(sorted(element.classes)))
    attrs = draw(st.permutations(sorted(element.attrs.items())))
    return (
        element.tag
        + (f"#{element.id}" if element.id else "")
        + "".join(f".{name}" for name in classes)
        + "".join(f"[{name}={value}]" for name, value in attrs)
    )


def css_value(draw: st.DrawFn, value: str) -> str:
    """A value quoted either way, or bare (the selector module quotes bare values)."""
    if not value:
        return '""'
    return draw(st.sampled_from([f'"{value}"', f"'{value}'", value]))


@st.composite
def compound_for(draw: st.DrawFn, element: Element) -> str:
    """A compound using some of the element's pieces, sometimes a foreign one (often a name
    that appears in one of its attribute values, like `cta` in `[title=.cta.x]`)."""
    lookalikes = LOOKALIKE.findall(" ".join(element.attrs.values()))
    parts: list[str] = []
    if draw(st.booleans()):
        foreign = draw(st.sampled_from(lookalikes + IDS))
        parts.append(f"#{element.id if element.id and draw(st.booleans()) else foreign}")
    classes = draw(st.lists(st.sampled_from(sorted(element.classes) or CLASSES), max_size=3))
    parts += [f".{name}" for name in classes]
    if draw(st.integers(0, 2)) == 0:
        parts.append(f".{draw(st.sampled_from(lookalikes + CLASSES))}")
    used = draw(st.lists(st.sampled_from(sorted(element.attrs) or ATTR_NAMES), max_size=2))
    for name in dict.fromkeys(used):
        if draw(st.booleans()):
            parts.append(f"[{name}]")
        else:
            value = element.attrs.get(name) if draw(st.booleans()) else None
            value = draw(VALUES) if value is None else value
            parts.append(f"[{name}={css_value(draw, value)}]")
    parts = draw(st.permutations(parts))
    tag = draw(st.sampled_from([element.tag, element.tag.upper(), "*", ""] + TAGS))
    return (tag or ("" if parts else "*")) + "".join(parts)


@st.composite
def selector_for(draw: st.DrawFn, chain: list[Element]) -> str:
    """1-2 OR-groups of 1-3 compounds, built mostly from the chain's elements."""
    groups = []
    for _ in range(draw(st.integers(1, 2))):
        size = draw(st.integers(1, min(3, len(chain))))
        picks = sorted(draw(st.lists(st.integers(0, len(chain) - 1), min_size=size, max_size=size)))
        if draw(st.integers(0, 4)) == 0:
            picks = draw(st.permutations(picks))  # out of order: should not match
        pieces = [draw(compound_for(chain[index])) for index in picks]
        text = pieces[0]
        for before, after, piece in zip(picks, picks[1:], pieces[1:], strict=False):
            child = after == before + 1 if draw(st.booleans()) else draw(st.booleans())
            text += (" > " if child else " ") + piece
        groups.append(text)
    selector = ", ".join(groups)
    try:
        parse_selector(selector)
    except SelectorError as error:  # rare: 4-class compounds in every position
        assume("too complex" not in str(error))
        raise
    return selector


@st.composite
def scenarios(draw: st.DrawFn) -> list[tuple[str, str]]:
    """One random hierarchy and several selectors built from its pieces."""
    chain = draw(st.lists(elements(), min_size=1, max_size=5))
    hierarchy = " > ".join(draw(render_element(element)) for element in chain)
    selectors = draw(st.lists(selector_for(chain), min_size=1, max_size=8))
    return [(selector, hierarchy) for selector in selectors]


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(scenario_list=st.lists(scenarios(), min_size=1, max_size=4))
def test_compiled_regex_agrees_with_reference(
    con: duckdb.DuckDBPyConnection, scenario_list: list[list[tuple[str, str]]]
) -> None:
    batch = [case for scenario in scenario_list for case in scenario]
    expected = [matches(selector, hierarchy) for selector, hierarchy in batch]
    patterns = [compile_selector(selector) for selector, _ in batch]
    for (selector, hierarchy), pattern, want in zip(batch, patterns, expected, strict=True):
        assert python_search(pattern, hierarchy) is want, (selector, hierarchy, pattern)
        if LIBC is not None:
            assert posix_search(pattern, hierarchy) is want, (selector, hierarchy, pattern)
    found = duckdb_search(con, list(zip(patterns, [h for _, h in batch], strict=True)))
    wrong = [
        (case, want)
        for case, want, got in zip(batch, expected, found, strict=True)
        if got is not want
    ]
    assert wrong == []

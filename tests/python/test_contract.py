"""The sync contract (generator/heapgen/contract.py): the strings and formats heapgen's Python
and dbt's macros share are declared once. Each format is rendered on the Jinja side through
dbt and produced or parsed on the Python side, and they must agree; no other file spells a
contract string."""

from __future__ import annotations

import json
import re

import pytest

from conftest import REPO, copy_project
from heapgen import contract
from heapgen.dbt_runner import invoke

PROBE_MARKER = "contract_probe "
# A macro of the test's project copy: it calls the project's own macros on inputs the test
# gives (and on strings Python made) and logs what they return.
PROBE = """
{% macro contract_probe(python) -%}
  {%- set labels = [{'label_id': 'b', 'definition_hash': '2'},
                    {'label_id': 'a', 'definition_hash': '1'}] -%}
  {%- set out = {
      'contract': heap_connect.heap_connect_sync_contract(),
      'builds': [
          heap_connect.build_comment(reason=python['reason']),
          heap_connect.build_comment(reorder=''),
          heap_connect.build_comment(reorder='new column x'),
      ],
      'read_builds': [],
      'state_hash': heap_connect.state_hash('d', 'p', 'l'),
      'state_hash_no_properties': heap_connect.state_hash('d', '', 'l'),
      'state_parts': [],
      'state_changes': [],
      'label_hashes': heap_connect.label_hashes(labels),
      'label_hashes_parsed': heap_connect.label_hashes(python['label_hashes'], parse=true),
      'defined_properties_hash': heap_connect.defined_properties_hash('event'),
  } -%}
  {%- for code in out['builds'] + ['select 1'] -%}
    {%- do out['read_builds'].append(heap_connect.build_of('select 1\n' ~ code ~ '\nfrom t')) -%}
  {%- endfor -%}
  {%- for state in python['states'] -%}
    {%- do out['state_parts'].append(heap_connect.state_parts(state)) -%}
  {%- endfor -%}
  {%- for held, wanted in python['pairs'] -%}
    {%- do out['state_changes'].append(heap_connect.state_change(held, wanted)) -%}
  {%- endfor -%}
  {%- do log('contract_probe ' ~ tojson(out), info=true) -%}
{%- endmacro %}
"""

STATES = [
    contract.state_hash("d", "p", "l"),
    contract.state_hash("d", "", "l"),
    "d|p",  # written before the logic hash existed
    "d",
    contract.STATE_ARCHIVED,
]
PAIRS = [
    (contract.state_hash("d", "p", "l"), contract.state_hash("d", "p", "l")),
    (contract.state_hash("d", "p", "l"), contract.state_hash("e", "q", "m")),
    (contract.state_hash("d", "p", "l"), contract.state_hash("d", "q", "m")),
    (contract.state_hash("d", "p", "l"), contract.state_hash("d", "p", "m")),
    ("d|p", contract.state_hash("d", "p", "l")),
    ("d", contract.state_hash("d", "", "l")),
    (contract.STATE_ARCHIVED, contract.state_hash("d", "p", "l")),
    (contract.state_hash("d", "p", "l"), contract.STATE_ARCHIVED),
]


@pytest.fixture(scope="module")
def probed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("contract")
    project = copy_project(root / "project")
    (project / "macros" / "contract_probe.sql").write_text(PROBE)
    python = {
        "reason": contract.REASONS["logic_changed"],
        "states": STATES,
        "pairs": PAIRS,
        "label_hashes": contract.hashes({"a": "1", "b": "2"}, contract.LABEL_SEPARATOR),
    }
    args = ["run-operation", "contract_probe", "--args", json.dumps({"python": python})]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEAP_CONNECT_DB", str(root / "warehouse.duckdb"))
        run = invoke(args, project)
    found = [m[len(PROBE_MARKER) :] for m in run.messages if m.startswith(PROBE_MARKER)]
    assert found, f"the probe logged nothing: {run.errors}"
    return json.loads(found[0])


def test_jinja_reads_the_python_contract(probed: dict) -> None:
    assert probed["contract"] == json.loads(json.dumps(contract.CONTRACT))


def test_build_comments_jinja_writes_are_what_python_reads(probed: dict) -> None:
    builds = [contract.build_of(text) for text in probed["builds"]]
    assert builds == [
        contract.BUILD_REBUILD + contract.REASONS["logic_changed"],
        contract.BUILD_BATCH,
        contract.BUILD_BATCH + contract.BUILD_REORDERED + "new column x",
    ]
    assert [contract.took_batch(b) for b in builds] == [False, True, True]
    assert all(text.strip().startswith(contract.BUILD_COMMENT) for text in probed["builds"])
    # the Jinja side reads them back as Python does (macros/incremental/build_of.sql)
    assert probed["read_builds"] == [*builds, None]


def test_state_hashes_agree(probed: dict) -> None:
    assert probed["state_hash"] == contract.state_hash("d", "p", "l")
    assert probed["state_hash_no_properties"] == contract.state_hash("d", "", "l")
    assert probed["state_parts"] == [contract.parse_state(s)._asdict() for s in STATES]
    assert probed["state_changes"] == [contract.state_change(h, w) for h, w in PAIRS]
    assert probed["state_changes"] == [
        None,
        "definition changed",
        "defined properties changed",
        "logic changed",
        "logic changed",
        "logic changed",
        "un-archived",
        None,
    ]


def test_label_and_property_hashes_agree(probed: dict) -> None:
    from heapgen.generate import prepare

    assert probed["label_hashes"] == contract.hashes({"a": "1", "b": "2"}, contract.LABEL_SEPARATOR)
    assert probed["label_hashes_parsed"] == {"a": "1", "b": "2"}
    generation = prepare(REPO, REPO / "definitions")
    from heapgen.defined_properties import properties_hash

    expected = properties_hash(generation.properties, "event")
    assert expected  # the example definitions have event-scope defined properties
    assert probed["defined_properties_hash"] == expected


# Where the contract's strings may be spelled: the contract itself and what heapgen
# generates from it (generated files spell model names, tags and the contract macro).
SOURCES = (
    [p for p in (REPO / "macros").rglob("*.sql") if "heap_generated" not in p.parts]
    + [p for p in (REPO / "models").rglob("*.sql") if "heap_generated" not in p.parts]
    + [p for p in (REPO / "generator" / "heapgen").rglob("*.py") if p.name != "contract.py"]
    + list((REPO / "generator" / "heapgen" / "templates").glob("*.j2"))
)


def spelled() -> list[str]:
    """Regular expressions of the contract's strings as string literals no other file may
    hold: the build comment's start, and the markers, prefixes and tags whole."""
    whole = [
        *contract.MARKERS.values(),
        contract.EVENT_MODEL_PREFIX,
        contract.SEGMENT_MODEL_PREFIX,
        contract.EVENT_TAG,
        contract.SEGMENT_TAG,
        contract.ARCHIVED_TAG,
        contract.PROPERTY_PREFIX,
    ]
    exact = {re.escape(s) for w in whole for s in (w, w.strip())}
    return [f"(['\"]){s}\\1" for s in sorted(exact)] + [
        f"['\"]{re.escape(contract.BUILD_COMMENT.strip())}"
    ]


def test_no_other_file_spells_a_contract_string() -> None:
    found = [
        f"{path.relative_to(REPO)}:{path.read_text().count(chr(10), 0, match.start()) + 1}: "
        + match.group(0)
        for path in SOURCES
        for pattern in spelled()
        for match in re.finditer(pattern, path.read_text())
    ]
    assert found == []
    reasons = [f"'{r}'" for r in contract.REASONS.values()]
    in_macros = [
        f"{p.relative_to(REPO)}: {r}"
        for p in SOURCES
        if p.suffix == ".sql"
        for r in reasons
        if r in p.read_text()
    ]
    assert in_macros == []


def test_no_macro_decides_by_a_model_name() -> None:
    """How a sync treats each incremental model is its config's policy (meta heap_state,
    macros/incremental/sync_policy.sql), never a macro comparing a model's name to a
    literal."""
    by_name = re.compile(
        r"\b(model|node|this)\.(name|alias|identifier)\s*(==|!=|in|not in)\s*[(\['\"]"
    )
    found = [
        f"{path.relative_to(REPO)}:{text.count(chr(10), 0, match.start()) + 1}: {match.group(0)}"
        for path in sorted((REPO / "macros").rglob("*.sql"))
        if "heap_generated" not in path.parts
        for text in [path.read_text()]
        for match in by_name.finditer(text)
    ]
    assert found == []

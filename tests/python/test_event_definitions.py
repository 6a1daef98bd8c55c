"""Event definitions and the lock: one clear error per bad definition (file, line, what is
wrong), nothing written; table names fixed at first generation and kept through renames."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from heapgen.criteria import compile_events, wildcard_regex
from heapgen.definitions import DefinitionError, load_definitions
from heapgen.generate import generate
from heapgen.lock import LOCK_FILE

CLICK = [{"event": "click", "selector": "a.cta"}]


def write_events(project: Path, text: str) -> Path:
    for path in (project / "definitions").rglob("*.yml"):
        if path.name != "heap_connect.yml":
            path.unlink()
    path = project / "definitions" / "events.yml"
    path.write_text(text)
    return path


def generated_snapshot(project: Path) -> dict[str, bytes]:
    files = {p: p.read_bytes() for p in (project / "models").rglob("*") if p.is_file()}
    files |= {p: p.read_bytes() for p in (project / "macros").rglob("*") if p.is_file()}
    lock = project / LOCK_FILE
    if lock.exists():
        files[lock] = lock.read_bytes()
    return files


def lock_tables(project: Path) -> dict[str, str]:
    data = yaml.safe_load((project / LOCK_FILE).read_text())
    return {entry["name"]: entry["table"] for entry in data["events"]}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "events:\n  - name: A\n    match:\n      - event: click\n        selecter: a\n",
            5,
            "unknown key 'selecter' in events[0].match[0]; did you mean 'selector'?",
        ),
        (
            "events:\n  - name: A\n    matches:\n      - event: click\n",
            3,
            "unknown key 'matches' in events[0]; did you mean 'match'?",
        ),
        (
            "events:\n  - name: A\n    match:\n      - event: click\n        selector: 'a:hover'\n",
            5,
            "event 'A': ",
        ),
        (
            "events:\n  - name: Sign Up\n    match: [{event: click}]\n"
            "  - name: sign-up\n    match: [{event: submit}]\n",
            4,
            "events 'Sign Up' (",
        ),
        (
            "events:\n  - name: A\n    match: [{labeled: B}]\n"
            "  - name: B\n    match: [{labeled: C}]\n"
            "  - name: C\n    match: [{labeled: A}]\n",
            3,
            "combo cycle: A -> B -> C -> A",
        ),
        (
            "events:\n  - name: A\n    match: [{labeled: Nope}]\n",
            3,
            "`labeled: Nope` names no defined event",
        ),
        (
            "events:\n  - name: Users\n    match: [{event: click}]\n",
            2,
            "table 'users' is a Heap Connect table of its own",
        ),
        (
            "events:\n  - name: A\n    match:\n      - event: view page\n"
            "        where: [{property: n, op: gt, value: ten}]\n",
            5,
            "op gt compares numbers",
        ),
    ],
    ids=[
        "unknown-key",
        "unknown-event-key",
        "bad-selector",
        "collision",
        "cycle",
        "unknown-combo",
        "reserved",
        "bad-value",
    ],
)
def test_bad_definition_gives_one_clear_error_and_writes_nothing(
    project: Path, text: str, line: int, message: str
) -> None:
    path = write_events(project, text)
    before = generated_snapshot(project)
    with pytest.raises(DefinitionError) as error:
        generate(project, project / "definitions")
    problems = error.value.problems
    assert len(problems) == 1, str(error.value)
    file, got_line, got_message = problems[0]
    assert (file, got_line) == (path, line), str(error.value)
    assert message in got_message
    assert generated_snapshot(project) == before


def test_collision_names_both_events(project: Path) -> None:
    write_events(
        project,
        "events:\n  - name: Sign Up\n    match: [{event: click}]\n"
        "  - name: sign-up\n    match: [{event: submit}]\n",
    )
    with pytest.raises(DefinitionError) as error:
        generate(project, project / "definitions")
    assert "'Sign Up'" in str(error.value) and "'sign-up'" in str(error.value)
    assert "both make table 'sign_up'" in str(error.value)


def test_unsupported_selector_is_an_error_not_a_silent_mismatch(project: Path) -> None:
    for selector in ("a + b", "a ~ b", "a:first-child", "a[href^=x]", "::before"):
        write_events(
            project,
            f"events:\n  - name: A\n    match:\n"
            f"      - event: click\n        selector: '{selector}'\n",
        )
        with pytest.raises(DefinitionError, match="event 'A'"):
            generate(project, project / "definitions")


def test_table_names_survive_renames_and_follow_table_overrides(project: Path) -> None:
    write_events(
        project,
        yaml.safe_dump(
            {
                "events": [
                    {"name": "Sign Up - Click Link (Any)", "match": CLICK},
                    {"name": "Checkout", "match": [{"event": "submit"}]},
                ]
            }
        ),
    )
    generate(project, project / "definitions")
    assert lock_tables(project) == {
        "Sign Up - Click Link (Any)": "sign_up_click_link_any",
        "Checkout": "checkout",
    }
    # renamed, same definition: the table stays
    write_events(
        project,
        yaml.safe_dump(
            {
                "events": [
                    {"name": "Sign Up CTA", "match": CLICK},
                    {"name": "Checkout", "match": [{"event": "submit"}]},
                ]
            }
        ),
    )
    changes = generate(project, project / "definitions")
    assert lock_tables(project)["Sign Up CTA"] == "sign_up_click_link_any"
    assert "models/heap_generated/events/heap_event__sign_up_click_link_any.sql" not in (
        changes.removed
    )
    # `table:` overrides; a brand-new event gets its own snake_case name
    write_events(
        project,
        yaml.safe_dump(
            {
                "events": [
                    {"name": "Sign Up CTA", "match": CLICK},
                    {
                        "name": "Checkout",
                        "table": "checkout_submitted",
                        "match": [{"event": "submit"}],
                    },
                    {
                        "name": "Order Completed",
                        "match": [{"event": "custom", "name": "Order Completed"}],
                    },
                ]
            }
        ),
    )
    changes = generate(project, project / "definitions")
    assert lock_tables(project) == {
        "Sign Up CTA": "sign_up_click_link_any",
        "Checkout": "checkout_submitted",
        "Order Completed": "order_completed",
    }
    assert "models/heap_generated/events/heap_event__checkout.sql" in changes.removed
    # an edited definition keeps its table too (it is rebuilt, not renamed)
    write_events(
        project,
        yaml.safe_dump(
            {
                "events": [
                    {
                        "name": "Sign Up CTA",
                        "match": [{"event": "click", "selector": "a.cta.primary"}],
                    },
                ]
            }
        ),
    )
    generate(project, project / "definitions")
    assert lock_tables(project) == {"Sign Up CTA": "sign_up_click_link_any"}


def test_long_names_are_shortened_deterministically(project: Path) -> None:
    long_a = "Clicked the big green button at the very bottom of the pricing page on mobile"
    long_b = long_a + " twice"
    write_events(
        project,
        yaml.safe_dump(
            {
                "events": [
                    {"name": long_a, "match": CLICK},
                    {"name": long_b, "match": CLICK},
                ]
            }
        ),
    )
    generate(project, project / "definitions")
    tables = lock_tables(project)
    assert len(tables[long_a]) == 63 and len(tables[long_b]) == 63
    assert tables[long_a] != tables[long_b]
    assert tables[long_a].startswith("clicked_the_big_green_button_at_the_very_bottom_of_the")


def test_generate_is_idempotent_and_check_sees_stale_event_files(project: Path) -> None:
    generate(project, project / "definitions")
    assert not generate(project, project / "definitions").written
    model = next((project / "models/heap_generated/events").glob("*.sql"))
    model.write_text(model.read_text() + "-- edited by hand\n")
    assert generate(project, project / "definitions", check=True).written == [
        model.relative_to(project).as_posix()
    ]


def test_wildcards_keep_percent_underscore_and_backslash_literal() -> None:
    import re

    pattern = wildcard_regex("50%_off\\*")
    assert re.search(pattern, "50%_off\\now")
    assert not re.search(pattern, "50X_off\\now") and not re.search(pattern, "50%Xoff\\now")


def test_combos_are_expanded_into_the_criteria_they_name(tmp_path: Path) -> None:
    (tmp_path / "heap_connect.yml").write_text("project: Main\nenvironment: Production\n")
    (tmp_path / "events.yml").write_text(
        yaml.safe_dump(
            {
                "events": [
                    {"name": "A", "match": [{"event": "click"}]},
                    {"name": "B", "match": [{"event": "touch"}, {"labeled": "A"}]},
                    {"name": "C", "match": [{"labeled": "B"}, {"labeled": "A"}]},
                ]
            }
        )
    )
    compiled = compile_events(load_definitions(tmp_path).events)
    assert compiled["C"].criteria == compiled["B"].criteria
    assert [c["types"] for c in compiled["C"].criteria] == [["touch"], ["click"]]
    assert compiled["C"].libraries == ["web", "iOS", "android"]
    assert compiled["A"].definition_hash != compiled["B"].definition_hash


def test_plan_lists_creates_rebuilds_renames_and_drops(project: Path, capsys) -> None:
    from heapgen.cli import main

    write_events(
        project,
        yaml.safe_dump(
            {
                "events": [
                    {"name": "Keep", "match": CLICK},
                    {"name": "Edit", "match": [{"event": "view page", "path": "/a"}]},
                    {"name": "Old Name", "match": [{"event": "submit"}]},
                    {"name": "Unsync", "match": [{"event": "change"}]},
                    {"name": "Remove", "match": [{"event": "touch"}]},
                ]
            }
        ),
    )
    generate(project, project / "definitions")
    write_events(
        project,
        yaml.safe_dump(
            {
                "events": [
                    {"name": "Keep", "match": CLICK},
                    {"name": "Edit", "match": [{"event": "any", "path": "/a"}]},
                    {"name": "New Name", "match": [{"event": "submit"}]},
                    {"name": "Unsync", "sync": False, "match": [{"event": "change"}]},
                    {"name": "Brand New", "match": [{"event": "custom"}]},
                ]
            }
        ),
    )
    from heapgen.generate import prepare

    changes = {c.table: c for c in prepare(project, project / "definitions").changes()}
    assert {t: c.action for t, c in changes.items()} == {
        "keep": "unchanged",
        "edit": "rebuild",
        "old_name": "rename",
        "unsync": "drop",
        "remove": "drop",
        "brand_new": "create",
    }
    assert "carrier" in changes["edit"].new_columns  # web-only -> any library
    assert changes["unsync"].detail == "sync: false"
    assert main(["plan", "--project-dir", str(project)]) == 0
    out = capsys.readouterr().out
    assert "1 create, 1 rebuild, 1 rename, 0 archive, 2 drop, 1 unchanged" in out
    stale = generate(project, project / "definitions", check=True).removed
    assert sorted(stale) == [
        "models/heap_generated/events/heap_event__remove.sql",
        "models/heap_generated/events/heap_event__unsync.sql",
    ]

"""Benchmark: `heapgen generate` for many labeled-event definitions.

    .venv/bin/python bench/bench_generate.py [--events 1000] [--runs 3] [--out FILE]

Writes N definitions (a mix of every criterion kind, a few combos) into a throw-away copy of
the project, then times a cold `heapgen generate` (everything written) and a warm one
(nothing to write), median of --runs, in this process. Prints JSON (and writes it to
--out when given; bench/bench_sync.py reads it).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from heapgen.generate import generate

REPO = Path(__file__).resolve().parents[1]
PARTS = ("dbt_project.yml", "profiles.yml", "macros", "models", "seeds", "tests/dbt", "docs/dbt")

KINDS = [
    lambda i: {"event": "click", "selector": f"div#app > nav a.cta-{i}.primary, button#b{i}"},
    lambda i: {"event": "view page", "path": f"/products/{i}*"},
    lambda i: {
        "event": "custom",
        "name": f"Event {i}",
        "where": [{"property": "price", "op": "gte", "value": i}],
    },
    lambda i: {
        "event": "touch",
        "target_text": f"Button {i}",
        "where": [{"property": "utm_source", "op": "in", "value": ["a", "b", str(i)]}],
    },
    lambda i: {
        "event": "submit",
        "selector": f"form#f{i}",
        "where": [
            {"property": "title", "op": "contains", "value": f"T{i}", "case_insensitive": True}
        ],
    },
]


def definitions(count: int) -> dict:
    events = []
    for i in range(count):
        match = [KINDS[i % len(KINDS)](i)]
        if i % 50 == 49:
            match.append({"labeled": f"Event number {i - 1}"})
        events.append({"name": f"Event number {i}", "source": "web", "match": match})
    return {"events": events}


def write_project(project: Path, defs: dict) -> None:
    """A throw-away copy of the project whose definitions are `defs` (the repo's generated
    event models and checks left out, so a generate writes them all); bench_sync.py uses it
    too."""
    if project.exists():
        shutil.rmtree(project)
    for part in PARTS:
        source, target = REPO / part, project / part
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    (project / "definitions").mkdir()
    shutil.copy2(REPO / "definitions" / "heap_connect.yml", project / "definitions")
    (project / "definitions" / "events.yml").write_text(yaml.safe_dump(defs, sort_keys=False))
    shutil.rmtree(project / "models" / "heap_generated" / "events", ignore_errors=True)
    shutil.rmtree(project / "tests" / "dbt" / "heap_generated", ignore_errors=True)


def prepared(root: Path, count: int) -> Path:
    project = root / "project"
    write_project(project, definitions(count))
    return project


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    cold, warm = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            project = prepared(Path(tmp), args.events)
            started = time.perf_counter()
            written = len(generate(project, project / "definitions").written)
            cold.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert not generate(project, project / "definitions").written
            warm.append(time.perf_counter() - started)
    result = {
        "events": args.events,
        "files_written": written,
        "cold_seconds_median": round(statistics.median(cold), 3),
        "warm_seconds_median": round(statistics.median(warm), 3),
        "runs": args.runs,
    }
    json.dump(result, sys.stdout, indent=2)
    print()
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

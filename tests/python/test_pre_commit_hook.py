"""The pre-commit hook definition (.pre-commit-hooks.yaml) parses and runs `heapgen check`
through a console script the package declares, and pre-commit itself runs it."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from conftest import REPO, copy_project
from heapgen.cli import build_parser, cmd_check

PRE_COMMIT = str(Path(sys.executable).with_name("pre-commit"))


def test_the_hook_runs_heapgen_check() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    (hook,) = [h for h in hooks if h["id"] == "heapgen-check"]
    assert hook["language"] in ("python", "system") and hook["pass_filenames"] is False
    script, *args = hook["entry"].split()
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts[script] == "heapgen.cli:main"
    assert build_parser().parse_args(args).func is cmd_check


def test_pre_commit_runs_the_hook_from_this_repository(tmp_path: Path) -> None:
    """pre-commit itself (`try-repo`: the hook as a project's .pre-commit-config.yaml names it,
    which pre-commit installs from this repository into a virtualenv of its own) passes on a
    project whose generated files are up to date, and fails with heapgen check's message on
    one whose generated model was edited by hand."""
    project = copy_project(tmp_path / "project")
    identity = ["-c", "user.name=test", "-c", "user.email=test@example.com"]
    for command in (["init", "-q"], ["add", "-A"], [*identity, "commit", "-qm", "project"]):
        subprocess.run(["git", *command], cwd=project, check=True, capture_output=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("HEAP_CONNECT_DB", None)
    command = [PRE_COMMIT, "try-repo", str(REPO), "heapgen-check", "--all-files"]

    def run() -> subprocess.CompletedProcess:
        return subprocess.run(
            command, cwd=project, env=env, capture_output=True, text=True, timeout=600
        )

    done = run()
    assert done.returncode == 0 and "Passed" in done.stdout, done.stdout + done.stderr
    model = project / "models" / "heap_generated" / "events" / "heap_event__add_to_cart.sql"
    model.write_text(model.read_text() + "-- edited by hand\n")
    done = run()
    assert done.returncode == 1 and "Failed" in done.stdout, done.stdout + done.stderr
    assert "generated files are stale: run `heapgen generate`" in done.stdout, done.stdout

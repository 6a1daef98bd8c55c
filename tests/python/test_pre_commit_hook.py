"""The pre-commit hook definition (.pre-commit-hooks.yaml) parses and runs `heapgen check`
through a console script the package declares."""

from __future__ import annotations

import tomllib

import yaml

from conftest import REPO
from heapgen.cli import build_parser, cmd_check


def test_the_hook_runs_heapgen_check() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    (hook,) = [h for h in hooks if h["id"] == "heapgen-check"]
    assert hook["language"] in ("python", "system") and hook["pass_filenames"] is False
    script, *args = hook["entry"].split()
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts[script] == "heapgen.cli:main"
    assert build_parser().parse_args(args).func is cmd_check

"""tap-heap's own virtualenv (build/tap-heap): the Singer tap that reads Heap Connect's S3
dumps, with the pinned packages of tap_heap_requirements.txt, from PyPI only.

`make test` runs this file before pytest (`python tests/python/tap_heap_env.py`);
test_tap_heap.py calls `ensure()` too, so a plain `pytest` on a fresh machine works. A stamp
holds the hash of the requirements and the Python version: when they match, nothing is done
(a few milliseconds); otherwise the virtualenv is made again. A file lock keeps two
processes from making it at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "tap_heap_requirements.txt"
VENV = HERE.parents[1] / "build" / "tap-heap"


def _fingerprint() -> str:
    digest = hashlib.sha256(REQUIREMENTS.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def ensure(venv: Path = VENV) -> Path:
    """The `tap-heap` executable of an up-to-date virtualenv at `venv`."""
    executable = venv / "bin" / "tap-heap"
    stamp = venv / ".requirements-stamp"
    fingerprint = _fingerprint()
    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(venv.parent / f".{venv.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if executable.is_file() and stamp.is_file() and stamp.read_text() == fingerprint:
            return executable
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        done = subprocess.run([*pip, "-r", str(REQUIREMENTS)], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(
                f"installing tap-heap into {venv} failed: "
                f"{done.stderr.strip() or done.stdout.strip()}"
            )
        stamp.write_text(fingerprint)
    return executable


if __name__ == "__main__":
    print(f"tap-heap: {ensure()}")

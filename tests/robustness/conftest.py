"""Fixtures of the robustness tests: the real luigid of the integration tests, a child run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.conftest import luigid  # noqa: F401  (a real luigid on a free loopback port)

REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).resolve().parent / "run_child.py"
CHILD_TIMEOUT_SECONDS = 300


def run_child(step: str, raw: Path, out: Path, date: str, cwd: Path) -> dict:
    """Run one pipeline step in a fresh process (in-process scheduler); return its JSON report."""
    env = dict(os.environ, NEWSCLEAN_CONFIG_DIR=str(REPO / "config"))
    env.pop("LUIGI_CONFIG_PATH", None)
    completed = subprocess.run([sys.executable, str(CHILD), step, str(raw), str(out), date], cwd=cwd, env=env,
                               capture_output=True, text=True, timeout=CHILD_TIMEOUT_SECONDS)
    assert completed.returncode == 0, completed.stderr[-4000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.fixture
def child_run():
    return run_child

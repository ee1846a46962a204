"""Shared fixtures: the repository's config folder, the shared data folder, tiny raw corpora."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

os.environ.setdefault("NEWSCLEAN_CONFIG_DIR", str(REPO / "config"))


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only shared folder (seeds, evaluation data) next to the repository."""
    assert SHARED.is_dir(), f"tests need the shared folder at {SHARED}"
    return SHARED


@pytest.fixture(scope="session", autouse=True)
def _config():
    from pipeline.settings import use_config_dir

    use_config_dir(REPO / "config")

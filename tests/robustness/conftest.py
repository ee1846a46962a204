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


def run_child(step: str, raw: Path, out: Path, date: str, cwd: Path, config: Path = REPO / "config") -> dict:
    """Run one pipeline step in a fresh process (in-process scheduler); return its JSON report."""
    env = dict(os.environ, NEWSCLEAN_CONFIG_DIR=str(config))
    env.pop("LUIGI_CONFIG_PATH", None)
    completed = subprocess.run([sys.executable, str(CHILD), step, str(raw), str(out), date], cwd=cwd, env=env,
                               capture_output=True, text=True, timeout=CHILD_TIMEOUT_SECONDS)
    assert completed.returncode == 0, completed.stderr[-4000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.fixture
def child_run():
    return run_child


FAST_LANGUAGES = ("en", "es")


def fast_config(folder: Path) -> Path:
    """Copy ``config/`` to ``folder`` with two languages and no glued-word lexicon.

    For the tests that run the whole pipeline many times in fresh processes (crashes,
    concurrency): what they check is the DAG's atomicity, and these two data files cost most
    of a process's start (lingua models for 26 languages, the glued-word lexicons).
    """
    import shutil

    shutil.copytree(REPO / "config", folder)
    (folder / "language" / "languages.txt").write_text("\n".join(FAST_LANGUAGES) + "\n", encoding="utf-8")
    (folder / "artifacts" / "glued_languages.txt").write_text("# none: keeps the test processes fast\n",
                                                              encoding="utf-8")
    set_option(folder, "boilerplate", "use_line_model", "false")  # the density rule (the model is still loaded and checked)
    return folder


def set_option(config: Path, section: str, key: str, value: str) -> None:
    """Set ``[section] key = value`` in ``config/luigi.cfg`` (comments are not kept)."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    path = config / "luigi.cfg"
    parser.read(path, encoding="utf-8")
    if not parser.has_section(section):
        parser.add_section(section)
    parser.set(section, key, value)
    with open(path, "w", encoding="utf-8") as stream:
        parser.write(stream)


def write_small_corpus(raw: Path) -> None:
    """Write four documents of two sources (text, HTML, JSONL with a broken line)."""
    from tests.robustness.bad_corpus import article, html_page, story, story_text

    site = raw / "harbour"
    site.mkdir(parents=True)
    (site / "one.txt").write_text(story_text(11), encoding="utf-8")
    (site / "two.html").write_text(html_page(*story(12)), encoding="utf-8")
    lines = [json.dumps({"text": story_text(13), "source": "Diario del Sur"}), "{broken",
             json.dumps({"text": article(*reversed(story(14))), "source": "Diario del Sur"})]
    (raw / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

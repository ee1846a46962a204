"""Issue 6, configuration: a bad pattern, lexicon or settings file stops ``newsclean run`` before
any work, with exit code 2 and ``file:line:`` on standard error.

Each case copies ``config/`` into tmp_path, spoils one file and runs the real command in a
fresh process (the data files are compiled once per process).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.text.line_resources import load_boilerplate_resources

REPO = Path(__file__).resolve().parents[2]
NEWSCLEAN = Path(sys.executable).parent / "newsclean"
EXIT_CONFIG_ERROR = 2
ADVERSARIAL_MATCH_SECONDS = 1.0  # re2 is linear: (a+)+b on 100,000 a's takes milliseconds


def _config_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    shutil.copytree(REPO / "config", folder)
    return folder


def _append(path: Path, *entries: str) -> int:
    """Append entries to a data file; return the line number of the first one."""
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + list(entries)) + "\n", encoding="utf-8")
    return len(lines) + 1


def _run(tmp_path: Path, config: Path) -> subprocess.CompletedProcess:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / "story.txt").write_text("A line.\n", encoding="utf-8")
    return subprocess.run([str(NEWSCLEAN), "--config", str(config), "run", "--raw", str(raw),
                           "--out", str(tmp_path / "out"), "--date", "2026-11-18", "--local-scheduler"],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)


def _assert_stopped_before_work(tmp_path: Path, completed: subprocess.CompletedProcess, where: str) -> None:
    assert completed.returncode == EXIT_CONFIG_ERROR, completed.stderr[-3000:]
    assert "configuration error" in completed.stderr
    assert where in completed.stderr, completed.stderr[-3000:]
    assert not (tmp_path / "out").exists()  # not even the output folder was made


@pytest.mark.parametrize("entry", [
    "re:(unclosed",              # invalid syntax
    r"re:(\w+)\s+\1",            # a backreference: needs backtracking, re2 refuses it
    r"re:foo(?=bar)",            # a lookahead: likewise
    "re:",                       # empty expression
])
def test_bad_boilerplate_pattern_names_file_and_line(tmp_path, entry):
    config = _config_copy(tmp_path)
    path = config / "boilerplate" / "patterns" / "en" / "navigation.txt"
    line = _append(path, entry)
    _assert_stopped_before_work(tmp_path, _run(tmp_path, config), f"{path}:{line}:")


def test_catastrophic_backtracking_pattern_runs_in_linear_time(tmp_path):
    """``(a+)+b`` hangs Python's ``re`` on a long run of a's; re2 compiles it and answers at once."""
    config = _config_copy(tmp_path)
    _append(config / "boilerplate" / "patterns" / "en" / "navigation.txt", "re:(a+)+b")
    resources = load_boilerplate_resources(config)
    started = time.monotonic()
    assert resources.match("a" * 100_000 + "c", max_extra_words=3) is None
    assert resources.match("aaab", max_extra_words=3) == "navigation"
    assert time.monotonic() - started < ADVERSARIAL_MATCH_SECONDS


def test_regex_in_a_lexicon_names_file_and_line(tmp_path):
    config = _config_copy(tmp_path)
    path = config / "lexicons" / "en" / "hedges.txt"
    line = _append(path, "(a+)+b")
    _assert_stopped_before_work(tmp_path, _run(tmp_path, config), f"{path}:{line}:")


def test_bad_mixed_script_pattern_names_file_and_line(tmp_path):
    config = _config_copy(tmp_path)
    path = config / "artifacts" / "allowed_mixed_script.txt"
    line = _append(path, r"(?<=x)\p{Greek}")
    _assert_stopped_before_work(tmp_path, _run(tmp_path, config), f"{path}:{line}:")


def test_unknown_language_code_names_file_and_line(tmp_path):
    config = _config_copy(tmp_path)
    path = config / "language" / "languages.txt"
    line = _append(path, "xx")
    _assert_stopped_before_work(tmp_path, _run(tmp_path, config), f"{path}:{line}:")


def test_bad_setting_value_is_a_configuration_error(tmp_path):
    config = _config_copy(tmp_path)
    cfg = config / "luigi.cfg"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("[newsclean]\n", "[newsclean]\nmax_line_chars = plenty\n"),
                   encoding="utf-8")
    _assert_stopped_before_work(tmp_path, _run(tmp_path, config), "[newsclean] max_line_chars: cannot read 'plenty'")


def test_unknown_setting_is_a_configuration_error(tmp_path):
    config = _config_copy(tmp_path)
    cfg = config / "luigi.cfg"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("[newsclean]\n", "[newsclean]\nmax_line_char = 5\n"),
                   encoding="utf-8")
    _assert_stopped_before_work(tmp_path, _run(tmp_path, config), "[newsclean] max_line_char: unknown setting")


@pytest.mark.parametrize("lines", [["[newsclean]", "max_line_chars = 5"], ["max_line_chars 5 without a section"]])
def test_malformed_luigi_cfg_names_file_and_line(tmp_path, lines):
    config = _config_copy(tmp_path)
    cfg = config / "luigi.cfg"
    line = _append(cfg, *lines)
    completed = _run(tmp_path, config)
    _assert_stopped_before_work(tmp_path, completed, f"{cfg}:")
    assert f"{cfg}:{line}:" in completed.stderr or f"{cfg}:{line + 1}:" in completed.stderr, completed.stderr


def test_loader_error_is_a_config_error_in_process(tmp_path):
    config = _config_copy(tmp_path)
    path = config / "boilerplate" / "patterns" / "en" / "caption.txt"
    line = _append(path, "re:[z-a]")
    with pytest.raises(ConfigError, match=rf"^{path}:{line}: "):
        load_boilerplate_resources(config)

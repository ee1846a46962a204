"""Reading the data files of the language and artifact modules (one entry a line, ``#`` comments).

Both ``pipeline.text.language`` and ``pipeline.text.artifacts`` read small lists under
``config/``; this module finds the configuration folder without importing Luigi and turns a
file into numbered entries, so a bad entry can be reported as ``file:line: ...``.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.errors import ConfigError

#: Environment variable that points the process at another configuration folder
#: (the same one ``pipeline.settings`` sets).
CONFIG_DIR_ENV = "NEWSCLEAN_CONFIG_DIR"
DEFAULT_CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"


def config_root(config_dir: str = "") -> Path:
    """Return the configuration folder: ``config_dir`` if given, else the environment, else the repo's."""
    if config_dir:
        return Path(config_dir).absolute()
    return Path(os.environ.get(CONFIG_DIR_ENV, DEFAULT_CONFIG_DIR)).absolute()


def read_entries(path: Path) -> list[tuple[int, str]]:
    """Return ``(line number, entry)`` for every non-empty, non-comment line of ``path``.

    Text after ``#`` is a comment; surrounding whitespace is dropped. Raises ConfigError
    ``path:0: ...`` when the file cannot be read.
    """
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}:0: cannot read data file ({error})") from error
    entries = []
    for number, line in enumerate(raw.split("\n"), start=1):
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append((number, entry))
    return entries

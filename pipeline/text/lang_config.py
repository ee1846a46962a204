"""Reading the data files of the language and artifact modules (one entry a line, ``#`` comments).

Both ``pipeline.text.language`` and ``pipeline.text.artifacts`` read small lists under
``config/``; this module finds the configuration folder without importing Luigi and turns a
file into numbered entries, so a bad entry can be reported as ``file:line: ...``.
"""

from __future__ import annotations

import functools
import gzip
import os
from collections.abc import Iterator
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


def wordfreq_bucket_lists(language: str, wordlist: str) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(bucket index, words)`` of one wordfreq list, most frequent first, streaming.

    wordfreq's packed files hold one list of words per centibel of frequency: bucket i has
    frequency 10^(-i/100), i.e. Zipf 9 - i/100. Reading bucket by bucket keeps the peak
    memory of loading a large list small (``wordfreq.read_cBpack`` holds it all at once).
    Raises ConfigError when wordfreq has no such list.
    """
    import msgpack
    from wordfreq import available_languages

    files = available_languages(wordlist)
    if language not in files:
        raise ConfigError(f"wordfreq has no {wordlist!r} list for {language!r}")
    with gzip.open(files[language], "rb") as handle:
        unpacker = msgpack.Unpacker(handle, raw=False)
        count = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB":
            raise ConfigError(f"{files[language]}:0: unexpected wordfreq header {header!r}")
        for index in range(count - 1):
            yield index, unpacker.unpack()


#: Bucket indexes a wordfreq list can use (a uint16; the last one is word_tables.MISSING).
BUCKETS = 2**16 - 1


def bucket_zipf(index: int) -> float:
    """Return the Zipf frequency of wordfreq bucket ``index`` (9 - index/100, 2 decimals)."""
    return round(9.0 - index / 100.0, 2)


@functools.lru_cache(maxsize=64)
def last_bucket_at(min_zipf: float) -> int:
    """Return the last wordfreq bucket whose Zipf frequency is at least ``min_zipf`` (-1 if none; cached:
    the paragraph detector asks on every text it scores)."""
    last = -1
    for index in range(BUCKETS):
        if bucket_zipf(index) < min_zipf:
            break
        last = index
    return last


def wordfreq_buckets(language: str, wordlist: str) -> Iterator[tuple[float, list[str]]]:
    """Yield ``(Zipf frequency, words)`` of one wordfreq list, most frequent first, streaming.

    See :func:`wordfreq_bucket_lists`; raises ConfigError when wordfreq has no such list.
    """
    for index, words in wordfreq_bucket_lists(language, wordlist):
        yield bucket_zipf(index), words

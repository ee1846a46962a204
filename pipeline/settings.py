"""Settings: defaults in frozen dataclasses, overrides from ``config/luigi.cfg``, one hash.

Every pure module that has thresholds declares a frozen dataclass of named settings. This
module fills each one from its section of the Luigi configuration (which the CLI extends with
``config/luigi.cfg``) and computes the *significant configuration*: those settings, every data
file under ``config/`` and the versions of the libraries whose output we depend on. Its hash
names the run folder, so a changed setting never reuses stale output while operational knobs
(workers, scheduler host, log paths) stay out of it.
"""

from __future__ import annotations

import configparser
import dataclasses
import functools
import hashlib
import importlib
import importlib.metadata
import json
import os
import re
import typing
from pathlib import Path

import luigi.configuration

from pipeline.errors import ConfigError

CONFIG_DIR_ENV = "NEWSCLEAN_CONFIG_DIR"
DEFAULT_CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"
LUIGI_CONFIG_NAME = "luigi.cfg"
# Files under config/ that do not shape the output: the Luigi file (its significant sections are
# hashed as parsed settings), the quality floors and prose.
UNHASHED_CONFIG_FILES = frozenset({LUIGI_CONFIG_NAME, "quality_floors.json"})
UNHASHED_CONFIG_SUFFIXES = (".md",)
CONFIG_HASH_CHARS = 10
# "value   -- comment" (and "; comment", "# comment") after a setting, as config/luigi.cfg writes them.
_INLINE_COMMENT = re.compile(r"\s+(?:--|;|#)\s")


@dataclasses.dataclass(frozen=True)
class PipelineSettings:
    """Settings of the pipeline itself (section ``[newsclean]``)."""

    part_size_bytes: int = 16_000_000  # largest raw bytes per extraction task (file-level partition)
    shard_size_docs: int = 5_000  # largest documents per (source, shard) task
    tasks_per_stage: int = 40  # a day is cut into about this many parts and shards, within the sizes here
    min_part_size_bytes: int = 4_000_000  # smallest raw bytes per extraction task when a day is cut so
    min_shard_docs: int = 250  # smallest documents per shard when a day is cut so
    max_file_bytes: int = 200_000_000  # larger raw files are rejected unread (and .gz stop at this much decompressed)
    max_record_bytes: int = 20_000_000  # a larger JSONL line or WARC response body is rejected as too_large
    max_document_chars: int = 2_000_000  # longer documents are truncated, with a note
    max_line_chars: int = 100_000  # longer lines are cut to this many characters
    extraction_timeout_seconds: float = 20.0  # per-document HTML extraction limit
    max_html_depth: int = 256  # deeper-nested pages are rejected (libxml2 drops what lies below 256 levels)
    template_min_count_docs: int = 2  # lines seen in fewer documents are not kept for templates

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            lowest = 0 if field.name == "extraction_timeout_seconds" else 1  # 0 s = no time limit
            if value < lowest:
                raise ConfigError(f"[newsclean] {field.name}: must be at least {lowest}, got {value!r}")


# section name -> "module:ClassName"; imported lazily so this module stays light.
SETTINGS_SECTIONS: dict[str, str] = {
    "newsclean": "pipeline.settings:PipelineSettings",
    "boilerplate": "pipeline.text.boilerplate:BoilerplateSettings",
    "language": "pipeline.text.language:LanguageSettings",
    "artifacts": "pipeline.text.artifacts:ArtifactSettings",
    "signals": "pipeline.text.signals:SignalSettings",
    "scoring": "pipeline.scoring:ScoringSettings",
    "report": "pipeline.report:ReportSettings",
}

# Libraries whose behaviour shapes the output; their versions are part of the hash.
HASHED_DISTRIBUTIONS = (
    "newsclean",
    "trafilatura",
    "lxml",
    "langdetect",
    "lingua-language-detector",
    "py3langid",
    "ftfy",
    "wordfreq",
    "charset-normalizer",
    "tldextract",
    "warcio",
    "scikit-learn",
    "numpy",
    "pandas",
    "pyarrow",
)


def config_dir() -> Path:
    """Return the folder holding luigi.cfg and the data files (env override first)."""
    return Path(os.environ.get(CONFIG_DIR_ENV, DEFAULT_CONFIG_DIR)).resolve()


def use_config_dir(path: Path | None = None) -> Path:
    """Point the process at ``path`` (or the default) and add its luigi.cfg to Luigi's config.

    Luigi itself reads only /etc/luigi/luigi.cfg, ./luigi.cfg and LUIGI_CONFIG_PATH.
    Returns the resolved folder.
    """
    folder = Path(path).resolve() if path else config_dir()
    if not folder.is_dir():
        raise ConfigError(f"{folder}: configuration folder does not exist")
    os.environ[CONFIG_DIR_ENV] = str(folder)
    cfg_file = folder / LUIGI_CONFIG_NAME
    if cfg_file.is_file():
        parser = luigi.configuration.get_config()
        if str(cfg_file) not in parser._config_paths:
            try:
                parser.add_config_path(str(cfg_file))
            except configparser.Error as error:
                parser._config_paths.remove(str(cfg_file))
                raise ConfigError(f"{cfg_file}:{_error_line(error)}: {error.message.splitlines()[0]}") from error
    load_settings.cache_clear()
    significant_config.cache_clear()
    return folder


def _error_line(error: configparser.Error) -> int:
    """Return the line a configparser error names (0 when it names none)."""
    if getattr(error, "lineno", None):
        return error.lineno
    errors = getattr(error, "errors", None)
    return errors[0][0] if errors else 0


def _settings_class(spec: str) -> type:
    module_name, class_name = spec.split(":")
    return getattr(importlib.import_module(module_name), class_name)


def _coerce(raw: str, annotation: object, where: str) -> object:
    """Turn a config string into the field's declared type."""
    kind = annotation if isinstance(annotation, type) else None
    text = str(annotation)
    try:
        if kind is bool or text == "bool":
            lowered = raw.strip().lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        if kind is int or text == "int":
            return int(raw)
        if kind is float or text == "float":
            return float(raw)
        if "tuple" in text:
            return tuple(item.strip() for item in raw.replace("\n", ",").split(",") if item.strip())
        return raw
    except ValueError as error:
        raise ConfigError(f"{where}: cannot read {raw!r} as {text}") from error


def build_settings(cls: type, section: str) -> object:
    """Return ``cls()`` with the fields overridden by ``[section]`` of the Luigi config."""
    parser = luigi.configuration.get_config()
    hints = typing.get_type_hints(cls)
    names = {field.name for field in dataclasses.fields(cls)}
    overrides = {}
    if parser.has_section(section):
        for key, raw in parser.items(section):
            if key not in names:
                raise ConfigError(f"[{section}] {key}: unknown setting (known: {', '.join(sorted(names))})")
            value = _INLINE_COMMENT.split(raw, maxsplit=1)[0].strip()
            overrides[key] = _coerce(value, hints[key], f"[{section}] {key}")
    return cls(**overrides)


@functools.lru_cache(maxsize=None)
def load_settings() -> dict[str, object]:
    """Return ``{section: settings instance}`` for every registered section."""
    return {section: build_settings(_settings_class(spec), section) for section, spec in SETTINGS_SECTIONS.items()}


def settings_for(section: str):
    """Return the settings instance of one section."""
    return load_settings()[section]


def _distribution_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _data_file_digests(folder: Path) -> dict[str, str]:
    digests = {}
    for path in sorted(folder.rglob("*")):
        if (path.is_file() and path.name not in UNHASHED_CONFIG_FILES and not path.name.endswith(UNHASHED_CONFIG_SUFFIXES)
                and "__pycache__" not in path.parts):
            digests[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


@functools.lru_cache(maxsize=None)
def significant_config() -> dict:
    """Return everything that shapes the output: settings, data files, library versions."""
    from pipeline.record import SCHEMA_VERSION

    return {
        "schema_version": SCHEMA_VERSION,
        "settings": {section: dataclasses.asdict(value) for section, value in sorted(load_settings().items())},
        "data_files": _data_file_digests(config_dir()),
        "versions": {name: _distribution_version(name) for name in HASHED_DISTRIBUTIONS},
    }


def config_hash() -> str:
    """Return the short hash of :func:`significant_config` that names run folders."""
    blob = json.dumps(significant_config(), sort_keys=True, ensure_ascii=True, default=list)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:CONFIG_HASH_CHARS]

"""The document record that flows through the pipeline and lands in ``corpus/*.jsonl``.

One frozen dataclass; the JSONL keys are its field names. Fields are only ever added
(the output contract is extended, never changed), and ``schema_version`` says which set a
file holds.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

SCHEMA_VERSION = 1
DOC_ID_CHARS = 16


def make_doc_id(raw_path: str) -> str:
    """Return the stable id of the document found at ``raw_path`` (relative, ``file#N``)."""
    return hashlib.sha256(raw_path.encode("utf-8")).hexdigest()[:DOC_ID_CHARS]


@dataclasses.dataclass(frozen=True)
class Document:
    """A cleaned document: the output contract's fields first, then extensions."""

    doc_id: str
    raw_path: str
    source: str
    url: str | None
    title: str | None
    published: str | None
    language: str
    language_confidence: float
    text: str
    removed: tuple[dict, ...]
    artifacts: tuple[dict, ...]
    signals: dict[str, float]
    schema_version: int = SCHEMA_VERSION
    # extensions
    input_format: str = ""
    run_date: str = ""
    source_slug: str = ""
    paragraph_languages: tuple[dict, ...] = ()
    artifact_rate: float = 0.0
    evidence: tuple[dict, ...] = ()
    signals_language: str | None = None
    n_words: int = 0

    def to_json(self) -> str:
        """Return the record as one JSON line (no newline), keys in field order."""
        # A shallow dict: dataclasses.asdict deep-copies every nested list first (JSON is the same).
        return json.dumps({name: getattr(self, name) for name in _FIELD_NAMES}, ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        """Return a record from its JSON form, ignoring keys this version does not know."""
        names = {field.name for field in dataclasses.fields(cls)}
        values = {key: value for key, value in data.items() if key in names}
        for key in ("removed", "artifacts", "paragraph_languages", "evidence"):
            if key in values:
                values[key] = tuple(values[key])
        return cls(**values)


_FIELD_NAMES = tuple(field.name for field in dataclasses.fields(Document))


@dataclasses.dataclass(frozen=True)
class Rejection:
    """An input that did not become a document, and why (a line of ``rejected.jsonl``)."""

    raw_path: str
    reason: str
    detail: str = ""

    def to_json(self) -> str:
        """Return the ledger line (no newline)."""
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

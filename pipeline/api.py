"""A small Python API for downstream tools.

    from pipeline import api
    record = api.clean_document(text=open("page.txt").read(), source="Harbour Gazette")
    corpus = api.load_corpus("clean/latest")          # one row per document
    table = api.load_reliability("clean/latest")      # one row per source
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pandas as pd

from pipeline.io.readers import RawDocument
from pipeline.process import Toolkit, process_one
from pipeline.record import Document, Rejection

NESTED_COLUMNS = ("removed", "artifacts", "paragraph_languages", "evidence", "signals")


@functools.lru_cache(maxsize=1)
def _toolkit() -> Toolkit:
    from pipeline.settings import use_config_dir

    use_config_dir()
    return Toolkit()


def clean_document(*, text: str | None = None, html: str | None = None, url: str | None = None,
                   source: str | None = None, title: str | None = None, name: str = "document") -> Document | Rejection:
    """Return the cleaned record of one document (all stages, no corpus-level pass), or why not.

    Give ``text`` (plain text, one block a line) or ``html``. ``name`` stands in for the raw path.
    """
    if (text is None) == (html is None):
        raise ValueError("give exactly one of text= or html=")
    raw = RawDocument(raw_path=name, input_format="html" if html is not None else "txt", text=text, html=html,
                      url=url, source=source, title=title)
    return process_one(raw, toolkit=_toolkit(), day_relpath=name)


def load_corpus(run_dir: str | Path) -> pd.DataFrame:
    """Return a run's corpus as a DataFrame (nested fields as Python lists and dicts)."""
    frames = [pd.read_parquet(path) for path in sorted(Path(run_dir, "corpus").glob("*.parquet"))]
    if not frames:
        return pd.DataFrame(columns=list(Document.__dataclass_fields__))
    frame = pd.concat(frames, ignore_index=True)
    for column in NESTED_COLUMNS:
        frame[column] = frame[column].map(json.loads)
    return frame


def load_reliability(run_dir: str | Path) -> pd.DataFrame:
    """Return a run's reliability table (``evidence`` as a list of dicts)."""
    frame = pd.read_parquet(Path(run_dir, "reliability.parquet"))
    if "evidence" in frame:
        frame["evidence"] = frame["evidence"].map(json.loads)
    return frame

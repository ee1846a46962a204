"""The per-document work of each stage, as plain functions (no Luigi).

The Luigi tasks loop over a shard and call these; ``newsclean clean`` and the Python API call
them directly. Between stages a document travels as a plain dict (one JSONL line in the
stage's output); :func:`finish_document` turns it into the final :class:`Document`.

Stages: :func:`extract_document` (read, HTML extraction, source) -> :func:`clean_document`
(boilerplate, title, dateline) -> :func:`annotate_document` (language, artifacts) ->
:func:`finish_document` (sourcing and hedging signals, the record).
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from pipeline import settings as settings_module
from pipeline.io.dates import normalise_date
from pipeline.io.html_depth import depth_over_limit
from pipeline.io.layout import folder_source
from pipeline.io.manifest import ManifestEntry
from pipeline.io.readers import RawDocument
from pipeline.io.sources import infer_source, site_from_title_line, source_slug
from pipeline.record import Document, Rejection, make_doc_id
from pipeline.text import artifacts as artifacts_module
from pipeline.text import boilerplate, html_extract, language, signals

log = logging.getLogger(__name__)


class ExtractionTimeout(Exception):
    """HTML extraction of one document ran past its time limit."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ExtractionTimeout in the block after ``seconds`` (main thread only; else no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _expired(signum, frame):
        raise ExtractionTimeout(f"extraction took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _bounded_text(text: str, limits: settings_module.PipelineSettings) -> tuple[str, str | None]:
    """Return the text cut to the document and line limits, and a note when cut."""
    note = None
    if len(text) > limits.max_document_chars:
        text = text[: limits.max_document_chars]
        note = f"truncated to {limits.max_document_chars} characters"
    if len(text) > limits.max_line_chars and any(len(line) > limits.max_line_chars for line in text.split("\n")):
        text = "\n".join(line[: limits.max_line_chars] for line in text.split("\n"))
        note = (note + "; " if note else "") + f"lines cut to {limits.max_line_chars} characters"
    return text, note


def extract_document(
    raw_doc: RawDocument,
    *,
    day_relpath: str,
    manifest: ManifestEntry | None,
    limits: settings_module.PipelineSettings,
    boilerplate_settings,
) -> dict | Rejection:
    """Return the extracted document (a dict) or a Rejection.

    ``day_relpath`` is the file's path under the day's root (its first folder names the
    source). HTML goes through trafilatura under a time limit; text is kept as it is, so that
    line numbers stay those of the raw file.
    """
    manifest = manifest or ManifestEntry()
    site_name = None
    meta_title = None
    meta_published = None
    if raw_doc.html is not None:
        html, html_note = _bounded_text(raw_doc.html, limits)
        try:
            with time_limit(limits.extraction_timeout_seconds):
                tree = html_extract.parse_html(html)
                if depth_over_limit(html, limits.max_html_depth, tree=tree) is not None:
                    return Rejection(raw_doc.raw_path, "too_deep", f"elements nest over {limits.max_html_depth} levels "
                                     "(the limit); the HTML parser drops deeper content")
                page = html_extract.extract_html(html, raw_doc.url or manifest.url, settings=boilerplate_settings,
                                                 tree=tree)
        except ExtractionTimeout as error:
            return Rejection(raw_doc.raw_path, "extraction_timeout", str(error))
        except (ValueError, RecursionError, MemoryError) as error:
            return Rejection(raw_doc.raw_path, "extraction_failed", f"{type(error).__name__}: {error}")
        if not page.text or not page.text.strip():
            return Rejection(raw_doc.raw_path, "no_main_text", "trafilatura found no main text in the page")
        body, note = page.text, html_note
        site_name, meta_title, meta_published = page.site_name, page.title, page.published
        from_html = True
    else:
        body, note = _bounded_text(raw_doc.text or "", limits)
        site_name = site_from_title_line(body)
        from_html = False
    folder = folder_source(day_relpath)
    fallback = day_relpath.rsplit("/", 1)[-1].split(".", 1)[0]
    source = infer_source(
        manifest_source=manifest.source,
        record_source=raw_doc.source,
        folder=folder,
        url=manifest.url or raw_doc.url,
        site_name=site_name,
        fallback_name=fallback,
    )
    return {
        "doc_id": make_doc_id(raw_doc.raw_path),
        "raw_path": raw_doc.raw_path,
        "input_format": raw_doc.input_format,
        "source": source,
        "source_slug": source_slug(source),
        "url": manifest.url or raw_doc.url,
        "meta_title": manifest.title or raw_doc.title or meta_title,
        "meta_published": manifest.published or raw_doc.published or normalise_date(meta_published),
        "from_html": from_html,
        "body": body,
        "note": note,
    }


def template_keys(body: str) -> set[str]:
    """Return the distinct normalised lines of a body, as counted by the corpus-level pass."""
    keys = {boilerplate.normalise_line(line) for line in body.split("\n")}
    keys.discard("")
    return keys


def clean_document(doc: dict, *, site_template, resources, settings) -> dict | Rejection:
    """Return ``doc`` with boilerplate removed (``kept``, ``removed``, title, published)."""
    cleaned = boilerplate.clean_text(
        doc["body"],
        resources=resources,
        settings=settings,
        site_template=site_template,
        known_title=doc.get("meta_title"),
        from_html=doc["from_html"],
    )
    if not any(text.strip() for _, text in cleaned.kept):
        return Rejection(doc["raw_path"], "no_content", f"all {len(cleaned.removed)} lines were boilerplate")
    out = {key: value for key, value in doc.items() if key != "body"}
    out["kept"] = [[line, text] for line, text in cleaned.kept]
    out["removed"] = [{"line": item.line, "text": item.text, "reason": item.reason} for item in cleaned.removed]
    out["title"] = doc.get("meta_title") or cleaned.title
    out["published"] = doc.get("meta_published") or normalise_date(cleaned.published)
    return out


def annotate_document(doc: dict, *, language_settings, artifact_settings) -> dict:
    """Return ``doc`` with document and paragraph languages and translation artifacts."""
    lines = [(line, text) for line, text in doc["kept"]]
    text = "\n".join(text for _, text in lines)
    code, confidence = language.detect_document_language(text, language_settings)
    paragraphs = language.detect_paragraphs(lines, code, language_settings)
    found = artifacts_module.find_artifacts(lines, code, artifact_settings, paragraph_languages=paragraphs)
    n_words = len(text.split())
    out = dict(doc)
    out["language"] = code
    out["language_confidence"] = round(float(confidence), 4)
    out["paragraph_languages"] = paragraphs
    out["artifacts"] = [{"kind": a.kind, "line": a.line, "text": a.text, "detail": a.detail} for a in found]
    out["artifact_rate"] = round(float(artifacts_module.artifact_rate(found, n_words)), 4)
    out["n_words"] = n_words
    return out


def finish_document(doc: dict, *, run_date: str, lexicons, signal_settings) -> Document:
    """Return the final record: signals computed on the cleaned body."""
    text = "\n".join(text for _, text in doc["kept"])
    found = signals.extract_signals(text, doc["language"], doc.get("title"), lexicons=lexicons, settings=signal_settings)
    return Document(
        doc_id=doc["doc_id"],
        raw_path=doc["raw_path"],
        source=doc["source"],
        url=doc.get("url"),
        title=doc.get("title"),
        published=doc.get("published"),
        language=doc["language"],
        language_confidence=doc["language_confidence"],
        text=text,
        removed=tuple(doc["removed"]),
        artifacts=tuple(doc["artifacts"]),
        signals={key: found.counts[key] for key in sorted(found.counts)},
        input_format=doc["input_format"],
        run_date=run_date,
        source_slug=doc["source_slug"],
        paragraph_languages=tuple(doc["paragraph_languages"]),
        artifact_rate=doc["artifact_rate"],
        evidence=tuple(found.evidence),
        signals_language=found.signals_language,
        n_words=doc["n_words"],
    )


def site_template_from_counts(n_docs: int, counts: Mapping[str, int]):
    """Return the SiteTemplate of one source from the corpus-level counts."""
    return boilerplate.SiteTemplate(n_docs=n_docs, line_doc_counts=dict(counts))


class Toolkit:
    """The settings and loaded resources every stage needs, built once per process."""

    def __init__(self, config_folder: Path | None = None):
        folder = Path(config_folder) if config_folder else settings_module.config_dir()
        loaded = settings_module.load_settings()
        self.limits = loaded["newsclean"]
        self.boilerplate_settings = loaded["boilerplate"]
        self.language_settings = loaded["language"]
        self.artifact_settings = loaded["artifacts"]
        self.signal_settings = loaded["signals"]
        self.scoring_settings = loaded["scoring"]
        self.boilerplate_resources = boilerplate.load_boilerplate_resources(folder)
        self.lexicons = signals.load_lexicons(folder)
        # Loaded here (and cached) so that a bad data file stops the run before any work.
        self.artifact_resources = artifacts_module.load_artifact_resources(self.artifact_settings)
        self.languages = language.configured_languages(self.language_settings)


#: One word or two in each script the configured languages are written in: detecting them makes
#: lingua load the models of every language that script could be (it loads them on first need).
SCRIPT_SAMPLES = ("the news of the day", "новости дня", "ειδήσεις της ημέρας", "أخبار اليوم", "חדשות היום",
                  "आज की खबर", "今天的新闻", "今日のニュース", "오늘의 뉴스")


def warm_up(toolkit: Toolkit) -> None:
    """Load everything a worker loads on first need: detectors, word tables, glued-word lexicons.

    Luigi forks a process per task when it runs several workers; what the parent loaded before
    ``luigi.build`` is shared by all of them (copy-on-write), what a task loads is loaded again
    by every task. Costs a few seconds and the models' memory (lingua for every script).
    """
    settings = toolkit.language_settings
    language.detect_document_language("warm up the document detector with a sentence", settings)
    for sample in SCRIPT_SAMPLES:
        language.detect_paragraph_language(sample, settings)
    language.word_scores("warm up", settings)
    glued = artifacts_module.load_artifact_resources(toolkit.artifact_settings).glued_languages
    for code in sorted(set(toolkit.languages) & set(glued)):
        artifacts_module.glued_lexicon(code, toolkit.artifact_settings, settings)


def process_one(raw_doc: RawDocument, *, toolkit: Toolkit, run_date: str = "", day_relpath: str | None = None,
                manifest: ManifestEntry | None = None, site_template=None) -> Document | Rejection:
    """Return the cleaned record of one document, all stages in turn (no corpus-level pass)."""
    extracted = extract_document(
        raw_doc,
        day_relpath=day_relpath or raw_doc.raw_path.split("#", 1)[0].rsplit("/", 1)[-1],
        manifest=manifest,
        limits=toolkit.limits,
        boilerplate_settings=toolkit.boilerplate_settings,
    )
    if isinstance(extracted, Rejection):
        return extracted
    cleaned = clean_document(extracted, site_template=site_template, resources=toolkit.boilerplate_resources,
                             settings=toolkit.boilerplate_settings)
    if isinstance(cleaned, Rejection):
        return cleaned
    annotated = annotate_document(cleaned, language_settings=toolkit.language_settings,
                                  artifact_settings=toolkit.artifact_settings)
    return finish_document(annotated, run_date=run_date, lexicons=toolkit.lexicons, signal_settings=toolkit.signal_settings)

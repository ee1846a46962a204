"""Tests of the run report page: escaping, determinism, empty inputs, sections, no network loads."""

from __future__ import annotations

import html.parser
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import ConfigError
from pipeline.report import ReportSettings, render_report, render_report_stream

REPO = Path(__file__).resolve().parents[2]
SCRIPT = "<script>alert(1)</script>"
SECTION_IDS = ("summary", "reliability", "sources", "boilerplate", "languages", "artifacts", "rejected", "run")


def make_documents() -> pd.DataFrame:
    """Return four invented documents from two sources."""
    return pd.DataFrame(
        [
            {
                "doc_id": "b2", "source": "harbour-gazette", "language": "en", "language_confidence": 0.99,
                "title": "Port reopens after storm", "n_words": 500, "n_removed": 6,
                "removed_reasons": {"navigation": 4, "byline": 2},
                "artifact_kinds": {"mojibake": 1}, "artifact_rate": 2.0,
            },
            {
                "doc_id": "b1", "source": "harbour-gazette", "language": "en", "language_confidence": 0.97,
                "title": "Council debates ferry fares", "n_words": 250, "n_removed": 3,
                "removed_reasons": {"navigation": 3}, "artifact_kinds": {}, "artifact_rate": 0.0,
            },
            {
                "doc_id": "a1", "source": "el-faro-diario", "language": "es", "language_confidence": 0.95,
                "title": "La lluvia vuelve al valle", "n_words": 400, "n_removed": 2,
                "removed_reasons": {"share_widget": 2},
                "artifact_kinds": {"glued_words": 2, "homoglyph": 1}, "artifact_rate": 7.5,
            },
            {
                "doc_id": "a2", "source": "el-faro-diario", "language": "unknown", "language_confidence": 0.0,
                "title": "??", "n_words": 12, "n_removed": 0,
                "removed_reasons": {}, "artifact_kinds": {}, "artifact_rate": 0.0,
            },
        ]
    )


def make_reliability() -> pd.DataFrame:
    """Return a reliability table for the two sources: one scored, one with too few documents."""
    return pd.DataFrame(
        [
            {
                "source": "harbour-gazette", "n_docs": 2, "reliability_score": 71.25, "sourcing_score": 80.0,
                "hedging_score": 65.0, "style_score": 68.0, "score_low": 60.0, "score_high": 82.5,
                "insufficient_data": False, "quote_rate": 3.5,
                "evidence": [
                    {"kind": "named_source", "text": "Harbour master Ana Ruiz said",
                     "sentence": "The port will reopen on Monday, Harbour master Ana Ruiz said."},
                ],
            },
            {
                "source": "el-faro-diario", "n_docs": 2, "reliability_score": 42.0, "sourcing_score": 30.0,
                "hedging_score": 50.0, "style_score": 45.0, "score_low": 20.0, "score_high": 64.0,
                "insufficient_data": True, "quote_rate": 0.25,
                "evidence": [
                    {"kind": "loaded_word", "text": "escándalo", "sentence": "Un escándalo sin precedentes."}
                ],
            },
        ]
    )


def make_rejected() -> pd.DataFrame:
    """Return a rejected ledger of two inputs."""
    return pd.DataFrame(
        [
            {"raw_path": "2026-11-25/x/empty.txt", "reason": "empty", "detail": "0 bytes"},
            {"raw_path": "bad.html", "reason": "decode_error", "detail": "not text"},
        ]
    )


RUN_INFO = {
    "date": "2026-11-25",
    "config_hash": "abc123",
    "n_documents": 4,
    "n_rejected": 2,
    "settings": {"boilerplate": {"min_words_per_line": 3}, "report": {"max_rejected_rows": 500}},
    "versions": {"trafilatura": "2.3.1", "pandas": "2.2.0"},
}


def render(**overrides) -> str:
    """Return the report of the invented run, with some inputs replaced by ``overrides``."""
    inputs = {
        "documents": make_documents(),
        "reliability": make_reliability(),
        "rejected": make_rejected(),
        "run_info": RUN_INFO,
    }
    inputs.update(overrides)
    return render_report(**inputs)


def test_every_section_is_present_with_the_invented_figures():
    page = render()
    assert page.startswith("<!DOCTYPE html>")
    for section_id in SECTION_IDS:
        assert f'id="{section_id}"' in page
    assert "71.3" in page or "71.2" in page  # 71.25 to one decimal
    assert "interval 60.0\u201382.5" in page
    assert "insufficient data" in page
    assert "<mark>Harbour master Ana Ruiz said</mark>" in page
    assert "<mark>escándalo</mark>" in page
    assert "abc123" in page and "trafilatura" in page and "min_words_per_line" in page
    assert "quote_rate" in page  # other numeric reliability columns appear in the details table


def test_sources_are_ordered_by_score_highest_first():
    page = render()
    assert page.index("<h3>harbour-gazette</h3>") < page.index("<h3>el-faro-diario</h3>")


def test_removed_lines_and_artifacts_are_summed_per_source():
    page = render()
    boilerplate = page[page.index('id="boilerplate"'): page.index('id="languages"')]
    # harbour-gazette removed 4 + 2 + 3 lines in 2 documents: 4.5 per document
    assert "harbour-gazette: navigation 7" in boilerplate
    assert ">9<" in boilerplate and ">4.5<" in boilerplate
    artifacts = page[page.index('id="artifacts"'): page.index('id="rejected"')]
    # el-faro-diario: 3 artifacts in 412 words = 7.28 per 1,000 words
    assert ">7.28<" in artifacts
    assert "el-faro-diario: glued_words 2" in artifacts


def test_languages_are_counted():
    page = render()
    languages = page[page.index('id="languages"'): page.index('id="artifacts"')]
    assert "<code>en</code>" in languages and "<code>es</code>" in languages
    assert "<code>unknown</code>" in languages
    assert ">0.98<" in languages  # mean confidence of the two English documents


@pytest.mark.parametrize("field", ["title", "source", "language"])
def test_document_text_fields_are_escaped(field):
    documents = make_documents()
    documents.loc[0, field] = SCRIPT
    page = render(documents=documents)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_evidence_source_and_rejected_fields_are_escaped():
    reliability = make_reliability()
    reliability.at[0, "source"] = 'a"b<script>'
    reliability.at[0, "evidence"] = [
        {"kind": "<b>k</b>", "text": "<script>", "sentence": "before <script>alert(1)</script> after"}
    ]
    rejected = make_rejected()
    rejected.loc[0, "raw_path"] = SCRIPT
    rejected.loc[1, "detail"] = '<img src="x" onerror="alert(1)">'
    run_info = dict(RUN_INFO, date=SCRIPT, settings={SCRIPT: SCRIPT})
    page = render(reliability=reliability, rejected=rejected, run_info=run_info)
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "<b>k</b>" not in page
    assert "before <mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt; after" in page
    assert "a&quot;b&lt;script&gt;" in page


def test_control_characters_and_lone_surrogates_still_encode():
    documents = make_documents()
    documents["title"] = documents["title"].astype(object)  # arrow strings refuse surrogates
    documents.loc[0, "title"] = "nul\x00 bell\x07 surrogate\udcff end"
    page = render(documents=documents)
    page.encode("utf-8")  # raises if a lone surrogate slipped through
    assert "\x00" not in page and "\x07" not in page
    assert "nul\ufffd bell\ufffd surrogate" in page


def test_nothing_is_loaded_from_the_network_and_no_script_runs():
    documents = make_documents()
    documents.loc[0, "title"] = '<a href="https://evil.example/">x</a>'
    reliability = make_reliability()
    reliability.at[1, "evidence"] = [{"kind": "k", "text": "http://x.example", "sentence": "see http://x.example"}]
    page = render(documents=documents, reliability=reliability)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page, re.IGNORECASE)
    assert "<script" not in page.lower() and "javascript:" not in page.lower()
    assert "default-src 'none'" in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(href.startswith("#") for href in hrefs)


def test_same_inputs_give_the_same_bytes_whatever_the_row_order():
    first = render()
    again = render()
    shuffled = render(
        documents=make_documents().iloc[::-1].reset_index(drop=True),
        reliability=make_reliability().iloc[::-1].reset_index(drop=True),
        rejected=make_rejected().iloc[::-1].reset_index(drop=True),
        run_info=dict(reversed(list(RUN_INFO.items()))),
    )
    assert first.encode() == again.encode() == shuffled.encode()


def test_empty_frames_render_every_section():
    page = render_report(pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), {})
    for section_id in SECTION_IDS:
        assert f'id="{section_id}"' in page
    assert "No input was rejected." in page
    assert "No source in the reliability table." in page
    assert "No lines were removed." in page


def test_empty_frames_with_columns_render():
    page = render_report(
        make_documents().iloc[0:0], make_reliability().iloc[0:0], make_rejected().iloc[0:0], RUN_INFO
    )
    assert "No documents." in page and "No artifacts were found." in page


def test_all_scores_nan_are_shown_as_not_scored():
    reliability = make_reliability()
    for column in ("reliability_score", "sourcing_score", "hedging_score", "style_score", "score_low", "score_high"):
        reliability[column] = math.nan
    page = render(reliability=reliability)
    assert "No source could be scored in this run." in page
    assert page.count("not scored") >= 2
    assert not re.search(r"\bnan\b", page, re.IGNORECASE)


def test_sources_without_a_reliability_row_still_get_a_card():
    page = render(reliability=make_reliability().iloc[:1])
    assert "<h3>el-faro-diario</h3>" in page


def test_parquet_style_values_are_read():
    """Parquet gives maps as lists of pairs, lists as numpy arrays and missing counts as None."""
    documents = make_documents()
    documents["removed_reasons"] = [[("navigation", 4), ("byline", 2)], [("navigation", 3)], None, []]
    documents["artifact_kinds"] = [{"mojibake": 1, "homoglyph": None}, {}, {"glued_words": 2}, {}]
    reliability = make_reliability()
    reliability["evidence"] = [np.array(list(e), dtype=object) for e in reliability["evidence"]]
    page = render(documents=documents, reliability=reliability)
    assert "harbour-gazette: navigation 7" in page
    assert "homoglyph" not in page[page.index('id="artifacts"'):]
    assert "<mark>Harbour master Ana Ruiz said</mark>" in page


def test_score_is_clipped_to_the_chart():
    reliability = make_reliability()
    reliability.loc[0, "reliability_score"] = 130.0
    reliability.loc[0, "score_low"] = -20.0
    page = render(reliability=reliability)
    widths = [float(w) for w in re.findall(r'<rect x="210" y="\d+" width="([\d.]+)" height="14"', page)]
    assert widths and max(widths) == pytest.approx(490.0)  # the plot is 490 units wide


def test_evidence_limit_at_its_edge():
    reliability = make_reliability()
    items = [{"kind": "quote", "text": f"w{i}", "sentence": f"Sentence w{i}."} for i in range(3)]
    reliability.at[0, "evidence"] = items
    at_limit = render_report(make_documents(), reliability, make_rejected(), RUN_INFO,
                             settings=ReportSettings(max_evidence_per_source=3))
    below = render_report(make_documents(), reliability, make_rejected(), RUN_INFO,
                          settings=ReportSettings(max_evidence_per_source=2))
    assert "<mark>w2</mark>" in at_limit and "more evidence item" not in at_limit
    assert "<mark>w2</mark>" not in below and "and 1 more evidence item(s)" in below


def test_rejected_rows_limit_at_its_edge():
    settings_at = ReportSettings(max_rejected_rows=2)
    settings_below = ReportSettings(max_rejected_rows=1)
    at_limit = render_report(make_documents(), make_reliability(), make_rejected(), RUN_INFO, settings=settings_at)
    below = render_report(make_documents(), make_reliability(), make_rejected(), RUN_INFO, settings=settings_below)
    assert "bad.html" in at_limit and "more in <code>rejected.jsonl</code>" not in at_limit
    assert "bad.html" not in below and "and 1 more in <code>rejected.jsonl</code>" in below


def test_long_evidence_sentence_is_cut_around_the_span():
    reliability = make_reliability()
    sentence = "x" * 500 + " officials said " + "y" * 500
    reliability.at[0, "evidence"] = [{"kind": "anonymous_source", "text": "officials said", "sentence": sentence}]
    page = render_report(make_documents(), reliability, make_rejected(), RUN_INFO,
                         settings=ReportSettings(max_text_chars=40))
    # 40 characters: the 14 of the span and 13 either side (the spaces included)
    assert "\u2026" + "x" * 12 + " <mark>officials said</mark> " + "y" * 12 + "\u2026" in page
    assert "x" * 20 not in page


@pytest.mark.parametrize("bad", [0, -1, 2.5, True])
def test_bad_settings_raise_config_error(bad):
    with pytest.raises(ConfigError):
        ReportSettings(max_rejected_rows=bad)


def test_interval_whisker_and_hatching_are_drawn_at_their_values():
    page = render()
    # the plot starts at x=210 and is 490 units wide: 60.0 -> 504.0, 82.5 -> 614.2 or 614.3
    assert 'x1="504.0"' in page
    assert re.search(r'x2="614\.[23]"', page)
    # only el-faro-diario is flagged insufficient: one hatched bar
    assert page.count('fill="url(#hatch-insufficient)"') == 1


def test_count_axis_ticks_are_round_numbers():
    documents = make_documents()
    documents.at[0, "removed_reasons"] = {"navigation": 220}
    page = render(documents=documents)
    boilerplate = page[page.index('id="boilerplate"'): page.index('id="languages"')]
    ticks = re.findall(r'text-anchor="middle">([\d,]+)</text>', boilerplate)
    assert ticks == ["0", "50", "100", "150", "200", "250"]


class _TagCollector(html.parser.HTMLParser):
    """Collect the tag and attribute names of a page."""

    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


def _markup(page: str) -> tuple[set[str], set[str]]:
    collector = _TagCollector()
    collector.feed(page)
    return collector.tags, collector.attributes


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text() | st.sampled_from(["<", ">", "&", '"', "'", "<script>", "</td>", "<!--", "]]>"]))
       .map("".join))
def test_arbitrary_input_text_never_adds_markup(text):
    """Whatever text sits in any input field, the page holds only the tags and attributes the
    renderer itself writes."""
    documents = make_documents().astype({"title": object, "source": object})
    documents.loc[0, "title"] = text
    documents.loc[1, "source"] = text
    reliability = make_reliability()
    reliability.at[0, "evidence"] = [{"kind": text, "text": text[:3], "sentence": "a " + text + " b"}]
    rejected = make_rejected().astype(object)
    rejected.loc[0, "raw_path"] = text
    rejected.loc[1, "detail"] = text
    page = render(documents=documents, reliability=reliability, rejected=rejected,
                  run_info=dict(RUN_INFO, date=text, settings={text: text}))
    page.encode("utf-8")
    tags, attributes = _markup(page)
    assert tags <= ALLOWED_TAGS
    assert attributes <= ALLOWED_ATTRIBUTES


ALLOWED_TAGS, ALLOWED_ATTRIBUTES = _markup(render())


def test_output_does_not_depend_on_the_hash_seed():
    script = (
        "import hashlib, sys; sys.path.insert(0, %r); import tests.unit.test_report as t; "
        "print(hashlib.sha256(t.render().encode()).hexdigest())"
    ) % str(REPO)
    digests = set()
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}, cwd=REPO,
        )
        digests.add(result.stdout.strip())
    assert len(digests) == 1


def test_evidence_names_the_document_it_comes_from():
    reliability = make_reliability()
    reliability.at[0, "evidence"] = [dict(reliability.at[0, "evidence"][0], doc_id="b2"),
                                     {"kind": "quote", "text": "x", "sentence": "x y", "doc_id": "zz"}]
    page = render(reliability=reliability)
    assert "\u2014 \u201cPort reopens after storm\u201d <code>b2</code>" in page
    assert "\u2014 <code>zz</code>" in page  # an id with no document shows the id alone


def test_a_document_without_title_is_marked():
    documents = make_documents().astype({"title": object})
    documents.loc[1, "title"] = None
    page = render(documents=documents)
    assert "(no title)" in page


# ---- the streaming renderer (what RunReport calls) ----------------------------------------


def _many_documents(n: int, seed: int) -> list[dict]:
    """Return ``n`` invented document summaries over three sources, in a seeded random order."""
    rng = np.random.default_rng(seed)
    docs = []
    for i in range(n):
        docs.append({
            "doc_id": f"d{i:05d}", "source": ("north-post", "south-wire", "east-herald")[i % 3],
            "language": ("en", "de", "fr")[i % 3 if i % 7 else 0], "language_confidence": float(rng.random()),
            "title": f"Story {i}", "n_words": int(rng.integers(10, 900)), "n_removed": i % 5,
            "removed_reasons": {"navigation": i % 5} if i % 5 else {}, "artifact_kinds": {"glued_words": 1} if i % 11 == 0 else {},
            "artifact_rate": 0.0,
        })
    order = rng.permutation(n)
    return [docs[j] for j in order]


def test_streamed_summaries_give_the_page_of_the_frame():
    docs = _many_documents(400, seed=1)
    rejected = [{"raw_path": f"bad-{i}.txt", "reason": "empty", "detail": ""} for i in range(30)]
    settings_ = ReportSettings(max_documents_per_source=7, max_rejected_rows=5)
    from_frame = render_report(pd.DataFrame(docs), make_reliability(), pd.DataFrame(rejected), {"date": "x"},
                               settings=settings_)
    streamed = render_report_stream(iter(docs), make_reliability(), iter(rejected), {"date": "x"}, settings=settings_)
    assert streamed.encode() == from_frame.encode()
    reversed_order = render_report_stream(iter(docs[::-1]), make_reliability(), iter(rejected[::-1]), {"date": "x"},
                                          settings=settings_)
    assert reversed_order.encode() == streamed.encode()
    assert "Documents (134, first 7 shown)" in streamed
    assert "and 25 more in" in streamed


def test_listed_documents_are_the_first_by_doc_id_whatever_the_order():
    docs = _many_documents(300, seed=2)
    page = render_report_stream(iter(docs), None, iter(()), {}, settings=ReportSettings(max_documents_per_source=3))
    north = sorted(d["doc_id"] for d in docs if d["source"] == "north-post")[:3]
    shown = re.findall(r"<code>(d\d{5})</code>", page)
    assert all(doc_id in shown for doc_id in north)
    assert len(shown) == 9

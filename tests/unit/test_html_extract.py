"""Tests of pipeline.text.html_extract: trafilatura extraction and metadata, then clean_text."""

from pathlib import Path

from pipeline.text.boilerplate import BoilerplateSettings, clean_text, load_boilerplate_resources
from pipeline.text.html_extract import ExtractedPage, decode_html, extract_html

CONFIG = Path(__file__).resolve().parents[2] / "config"

BODY = [
    "The city council voted on Tuesday to expand the bus network into three new districts, "
    "a plan that had been debated for more than two years by residents and officials.",
    "Supporters said the new routes would cut commuting times for thousands of residents, "
    "while critics questioned how the extra service would be paid for in the long run.",
    "The first of the new lines is expected to open next spring, according to the transport "
    "department, which will publish timetables and maps in the coming weeks.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Council expands bus network | Riverside Gazette</title>
<meta property="og:title" content="Council expands bus network">
<meta property="og:site_name" content="Riverside Gazette">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article>
<h1>Council expands bus network</h1>
<p>{BODY[0]}</p>
<p>{BODY[1]}</p>
<p>Read also:</p>
<p>{BODY[2]}</p>
</article>
<section class="comments"><h3>2 Comments</h3>
<p>Great news for everyone who lives in the north of the city and takes the bus.</p></section>
<footer><p>Copyright 2024 Riverside Gazette. All rights reserved.</p></footer>
</body></html>"""


def test_extract_html_returns_text_and_metadata():
    page = extract_html(PAGE, "https://gazette.example/news/buses", settings=BoilerplateSettings())
    assert isinstance(page, ExtractedPage)
    assert page.title == "Council expands bus network"
    assert page.published == "2024-03-05"
    assert page.site_name == "Riverside Gazette"
    for paragraph in BODY:
        assert paragraph in page.text
    assert "Great news for everyone" not in page.text     # comments are off
    assert "All rights reserved" not in page.text


def test_clean_text_from_html_removes_leftovers():
    settings = BoilerplateSettings()
    page = extract_html(PAGE, None, settings=settings)
    cleaned = clean_text(page.text, resources=load_boilerplate_resources(CONFIG),
                         settings=settings, known_title=page.title, from_html=True)
    assert [t for _, t in cleaned.kept] == BODY
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons.get("Read also:") == "related_links"


def test_empty_or_broken_html_gives_empty_text():
    settings = BoilerplateSettings()
    assert extract_html("", None, settings=settings).text == ""
    assert extract_html("<html><body><p>hi</p></body></html>", None, settings=settings).text in ("", "hi")


def test_decode_html_reads_declared_charset():
    raw = '<html><head><meta charset="windows-1251"></head><body><p>Привет</p></body></html>'
    assert "Привет" in decode_html(raw.encode("windows-1251"))
    assert decode_html("<p>already text</p>") == "<p>already text</p>"

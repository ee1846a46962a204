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


def test_page_metadata_gives_what_trafilatura_full_metadata_gives():
    import trafilatura
    from trafilatura.utils import load_html

    from pipeline.text.html_metadata import page_metadata

    bare = PAGE.replace('<meta property="og:title" content="Council expands bus network">\n', "")
    for html, url in ((PAGE, None), (PAGE, "https://gazette.example/2024/03/05/buses"), (bare, None)):
        full = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                           deduplicate=False)
        meta = page_metadata(load_html(html), url)
        assert (meta.title, meta.date, meta.site_name) == (full.title, full.date, full.sitename)
    assert page_metadata(load_html(bare), None).title == "Council expands bus network"   # <title>, cut


NAV_CELLS = "".join(f"<tr><td><a href='/s{i}'>Section {i}</a></td></tr>" for i in range(12))
LAYOUT_PAGE = f"""<html><head><title>Council expands bus network</title></head><body>
<table width="100%"><tr><td valign="top"><table>{NAV_CELLS}</table></td>
<td valign="top"><h1>Council expands bus network</h1>{''.join(f'<p>{p}</p>' for p in BODY)}</td>
<td><table><tr><td>Weather: sunny</td></tr><tr><td>Horoscopes and puzzles for every reader</td></tr>
<tr><td>Classifieds and jobs in the region today</td></tr></table></td></tr></table>
<table><tr><td>Copyright 2008 Riverside Gazette. All rights reserved.</td></tr></table></body></html>"""


def test_layout_table_page_is_extracted_again_without_tables():
    settings = BoilerplateSettings()
    page = extract_html(LAYOUT_PAGE, None, settings=settings)
    assert page.text.split("\n") == BODY
    off = BoilerplateSettings(html_layout_table_min_word_share=1.01)     # never a layout table
    assert extract_html(LAYOUT_PAGE, None, settings=off).text.startswith("|")


RESULTS = "".join(f"<tr><td>Runner {i}</td><td>{i} h {10 + i} min</td><td>Club {i}</td></tr>"
                  for i in range(40))
DATA_TABLE_PAGE = f"""<html><head><title>Marathon results</title></head><body>
<nav><a href="/">Home</a></nav><h1>Marathon results</h1>
<p>All finishers of Sunday's city marathon in the old town, listed by time.</p>
<table><thead><tr><th>Name</th><th>Time</th><th>Club</th></tr></thead><tbody>{RESULTS}</tbody></table>
<footer>Copyright</footer></body></html>"""


def test_text_without_tables_is_taken_only_if_it_keeps_enough_words():
    import trafilatura

    from pipeline.text.html_extract import is_layout_table, word_count

    settings = BoilerplateSettings()
    with_tables = trafilatura.bare_extraction(DATA_TABLE_PAGE, include_comments=False,
                                              deduplicate=False).text
    without = trafilatura.bare_extraction(DATA_TABLE_PAGE, include_comments=False, deduplicate=False,
                                          include_tables=False).text
    assert is_layout_table(with_tables, settings) and "| Runner 39 |" in with_tables
    share = word_count(without) / word_count(with_tables)
    at = BoilerplateSettings(html_layout_table_min_kept_share=share)
    above = BoilerplateSettings(html_layout_table_min_kept_share=share + 1e-9)
    assert extract_html(DATA_TABLE_PAGE, None, settings=at).text == without
    assert extract_html(DATA_TABLE_PAGE, None, settings=above).text == with_tables


def test_layout_table_word_share_edge():
    from pipeline.text.html_extract import is_layout_table, word_count

    text = "| one two three four |\n| five six seven eight |\nnine ten"      # 8 of 10 words in rows
    assert word_count(text) == 10
    assert is_layout_table(text, BoilerplateSettings(html_layout_table_min_word_share=0.8))
    assert not is_layout_table(text, BoilerplateSettings(html_layout_table_min_word_share=0.81))
    assert not is_layout_table("", BoilerplateSettings())

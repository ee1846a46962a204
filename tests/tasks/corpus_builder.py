"""A small invented raw corpus for task and integration tests (written by us, all formats)."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

NAV = "HomeWorldBusinessSportContact"
FOOTER = "© 2026 Harbour Courier. All rights reserved."
NEWSLETTER = "Subscribe to our newsletter for the morning briefing."

HARBOUR_STORIES = [
    ("Port authority approves new ferry terminal",
     ["The port authority approved a new ferry terminal on Tuesday, its chair, Mara Lindqvist, told reporters.",
      "\"We expect the first crossings in the spring,\" Lindqvist said, adding that the budget may still change.",
      "According to the authority's annual report, passenger numbers rose 12 percent last year."]),
    ("City council delays vote on harbour tax",
     ["The city council delayed a vote on the proposed harbour tax until next month, council minutes show.",
      "Officials said the delay could give businesses time to respond to the plan.",
      "Councillor Ana Ferreira said the tax would fund dredging of the inner basin."]),
    ("Fishing fleet reports record autumn catch",
     ["Local trawlers landed a record autumn catch, according to figures from the fisheries office.",
      "\"It is the best season in twenty years,\" said skipper Tomas Berg, who has fished the bay since 1998.",
      "Scientists cautioned that one good season may not signal a lasting recovery of stocks."]),
]


def harbour_page(title: str, body: list[str]) -> str:
    return "\n".join([NAV, "", title, "", "November 18, 2026", "", *body, "", "Share post:", NEWSLETTER, FOOTER]) + "\n"


HTML_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Rail strike ends after talks | Valley Times</title>
<meta property="og:site_name" content="Valley Times"><meta property="og:title" content="Rail strike ends after talks">
<meta property="article:published_time" content="2026-11-17T08:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Rail strike ends after talks</h1>
<p>The three-day rail strike ended on Monday after unions and the operator reached an agreement, both sides said in a joint statement.</p>
<p>"Trains will run normally from Tuesday morning," said union spokesperson Elena Novak, who took part in the talks.</p>
<p>The operator said the deal raises wages by four percent over two years, according to a copy of the agreement seen by the Valley Times.</p>
<p>Commuters had faced long delays across the region, and some businesses said they might seek compensation.</p>
</article><footer>Cookies help us deliver our services.</footer></body></html>"""


def write_corpus(raw: Path) -> dict[str, int]:
    """Write the corpus under ``raw``; return counts of what a run must account for."""
    site = raw / "harbour-courier"
    site.mkdir(parents=True)
    for number, (title, body) in enumerate(HARBOUR_STORIES, start=1):
        (site / f"story-{number}.txt").write_text(harbour_page(title, body), encoding="utf-8")
    (raw / "valley-times").mkdir()
    (raw / "valley-times" / "rail-strike.html").write_text(HTML_PAGE, encoding="utf-8")
    spanish = ("Sube el precio del pan en Sevilla\n\nEl precio del pan subió un ocho por ciento en octubre, "
               "según datos del Instituto Nacional de Estadística publicados el lunes.\n"
               "\"La harina cuesta más que nunca\", dijo la panadera Lucía Gómez a este diario.\n")
    lines = [json.dumps({"text": spanish, "source": "Diario del Sur", "url": "https://www.diariodelsur.example.es/pan"}, ensure_ascii=False),
             "{not json",
             json.dumps({"html": HTML_PAGE.replace("Rail strike", "Bus strike"), "url": "https://www.valleytimes-news.com/bus"})]
    (raw / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (raw / "feed2.jsonl.gz").write_bytes(gzip.compress((lines[0] + "\n").encode("utf-8"), mtime=0))
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://www.valleytimes-news.com/rail", "response",
                                                  payload=io.BytesIO(HTML_PAGE.encode("utf-8")), http_headers=headers,
                                                  warc_headers_dict={"WARC-Date": "2026-11-17T08:00:00Z",
                                                                     "WARC-Record-ID": "<urn:uuid:00000000-0000-0000-0000-000000000001>"}))
    (raw / "pages.warc.gz").write_bytes(stream.getvalue())
    (raw / "empty.txt").write_text("", encoding="utf-8")
    (raw / "manifest.csv").write_text("path,url,source,published,title\n"
                                      "empty.txt,,Nobody,2026-11-17,\n../outside.txt,,,,\n", encoding="utf-8")
    # documents: 3 txt + 1 html + 2 jsonl(valid) + 1 jsonl.gz + 1 warc = 8; refused: broken line, empty file, bad manifest row
    return {"documents_in": 8, "refused_at_least": 3}

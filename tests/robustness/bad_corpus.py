"""The bad-input catalogue of issue 6, written into a test's tmp folder (no big files in git).

``write_bad_corpus(raw, outside)`` writes every kind of bad input under ``raw`` (and the
targets of links under ``outside``) and returns the catalogue: for each input, the outcomes a
run may give it (``CORPUS`` = a record in the corpus, else a ledger reason). A kind counts as
handled when the run gives every one of its inputs an allowed outcome.

Run-time steps (a file that vanishes or turns into a FIFO after the inventory) are done by
``spoil_after_inventory``.
"""

from __future__ import annotations

import codecs
import dataclasses
import gzip
import io
import json
import os
import random
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CORPUS = "corpus"
BIG_LINE_BYTES = 50_000_000
GZIP_BOMB_BYTES = 300_000_000  # decompressed; over max_file_bytes (200 MB), from a file of about 300 kB
WARC_BOMB_BYTES = 30_000_000  # a response body over max_record_bytes (20 MB)
NESTING_LEVELS = 100_000

ARTICLE_ES = [
    "El ayuntamiento aprobó el lunes un nuevo presupuesto para el puerto, según informó su portavoz.",
    "La señora Núñez explicó que el año próximo comenzarán las obras en la dársena norte de la ciudad.",
    "Los pescadores dijeron que esperan más información antes de opinar sobre el plan del año.",
]
ARTICLE_RU = [
    "Городской совет в среду утвердил новый бюджет порта, сообщила пресс-служба администрации.",
    "По словам председателя совета, работы по углублению дна начнутся весной следующего года.",
    "Рыбаки заявили, что ждут подробностей плана, прежде чем давать какие-либо оценки.",
]
NAMES = ["Mara Lindqvist", "Tomas Berg", "Ana Ferreira", "Elena Novak", "Piet de Vries", "Ruth Okafor",
         "Jonas Keller", "Ines Moreau", "Karl Brandt", "Lucia Gomez", "Omar Haddad", "Sofia Rossi", "Hugo Lind"]
PLACES = ["harbour council", "regional water board", "county hospital", "city library", "port authority",
          "school district", "transport agency", "fisheries office", "housing trust", "energy regulator", "river police"]
TOPICS = ["dredging the inner basin", "repairing the old bridge", "hiring more nurses", "extending the night buses",
          "cutting ferry fares", "replacing lead pipes", "building a sea wall", "opening a new clinic",
          "digitising the archive", "planting trees along the quay", "raising the parking fees", "testing flood sirens"]
WHEN = ["on Tuesday", "on Monday evening", "late on Friday", "on Wednesday morning", "at the weekend", "on Thursday"]
HOSTILE_SOURCES = {
    "slash": "news/../../etc",
    "dotdot": "..",
    "nul": "Evil\x00Source",
    "long": "S" * 300,
}


@dataclasses.dataclass
class Catalogue:
    """What the run must do with each input: ``expected[raw_path]`` is the set of allowed outcomes."""

    expected: dict[str, set[str]] = dataclasses.field(default_factory=dict)
    kinds: dict[str, list[str]] = dataclasses.field(default_factory=dict)  # kind -> its raw paths
    text_checks: dict[str, str] = dataclasses.field(default_factory=dict)  # raw_path -> text the record must hold
    source_checks: dict[str, str] = dataclasses.field(default_factory=dict)  # raw_path -> hostile source given
    prefix_ok: dict[str, set[str]] = dataclasses.field(default_factory=dict)  # "file#" -> outcomes of its documents

    def add(self, kind: str, raw_path: str, *outcomes: str) -> None:
        self.expected[raw_path] = set(outcomes)
        self.kinds.setdefault(kind, []).append(raw_path)


def story(number: int) -> tuple[str, list[str]]:
    """Return a headline and body lines no other ``story(n)`` shares (so no line is a site template)."""
    name, place = NAMES[number % len(NAMES)], PLACES[(number * 5) % len(PLACES)]
    topic, other = TOPICS[(number * 7) % len(TOPICS)], TOPICS[(number * 7 + 5) % len(TOPICS)]
    when, colleague = WHEN[number % len(WHEN)], NAMES[(number * 3 + 4) % len(NAMES)]
    title = f"The {place} backs a plan for {topic}"
    return title, [
        f"The {place} voted {when} to spend more on {topic}, its spokesperson {name} told reporters.",
        f"\"We expect the first results before {other} starts,\" {name} said, adding that the budget may still change.",
        f"According to a report seen by this newspaper, {colleague} had argued for {other} instead of {topic}.",
    ]


def story_text(number: int) -> str:
    title, lines = story(number)
    return article(lines, title)


def article(lines: list[str], title: str) -> str:
    return "\n".join([title, "", *lines]) + "\n"


def html_page(title: str, lines: list[str], *, charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paragraphs = "".join(f"<p>{line}</p>" for line in lines)
    return (f"<!doctype html><html><head>{meta}<title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{paragraphs}</article></body></html>")


def warc_bytes(pages: list[tuple[str, str, bytes]]) -> bytes:
    """Return a gzipped WARC holding one response record per ``(url, content type, body)``."""
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=True)
    for number, (url, content_type, body) in enumerate(pages, start=1):
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2026-11-17T08:00:00Z",
                               "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>"}))
    return stream.getvalue()


def write_gzip_bomb(path: Path, head: bytes, filler: bytes, total_bytes: int) -> None:
    """Write a small gzip file that decompresses to ``head`` then ``filler`` repeated to ``total_bytes``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(path, "wb") as stream:
        stream.write(compressor.compress(head))
        for _ in range(total_bytes // len(filler)):
            stream.write(compressor.compress(filler))
        stream.write(compressor.flush())


def write_bad_corpus(raw: Path, outside: Path, *, big_line_bytes: int = BIG_LINE_BYTES,
                     nesting_levels: int = NESTING_LEVELS, bomb_bytes: int = GZIP_BOMB_BYTES,
                     warc_bomb_bytes: int = WARC_BOMB_BYTES) -> Catalogue:
    """Write the catalogue's inputs under ``raw`` (a flat layout) and return the catalogue."""
    cat = Catalogue()
    site = raw / "site"
    site.mkdir(parents=True)
    outside.mkdir(parents=True, exist_ok=True)
    rng = random.Random(6)

    def put(name: str, data: bytes) -> str:
        path = raw / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return name

    counter = iter(range(1, 10_000))

    def fresh() -> str:
        return story_text(next(counter))

    good = fresh()
    cat.add("good control document", put("site/good.txt", good.encode("utf-8")), CORPUS)
    cat.text_checks["site/good.txt"] = story(1)[1][0]
    cat.add("empty file", put("site/empty.txt", b""), "empty")
    cat.add("whitespace only", put("site/blank.txt", b"  \n\t\n \r\n"), "empty")
    noise = bytes(rng.randrange(256) for _ in range(4096))
    cat.add("binary data with a text name", put("site/binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + noise), "binary")
    cat.add("binary data with a text name", put("site/binary.html", b"\x00\x01\x02" + noise), "binary")
    broken_utf8 = fresh().encode("utf-8").replace(b"spend more", b"sp\xff\xfend m\xc3ore")
    cat.add("invalid UTF-8", put("site/invalid-utf8.txt", broken_utf8), CORPUS, "undecodable")
    number = next(counter)
    cat.add("UTF-16 with a BOM", put("site/utf16.txt", codecs.BOM_UTF16_LE + story_text(number).encode("utf-16-le")),
            CORPUS)
    cat.text_checks["site/utf16.txt"] = story(number)[1][0]
    text_es = article(ARTICLE_ES, "El puerto tendrá nuevo presupuesto")
    cat.add("Latin-1 without a charset", put("site/latin1.txt", text_es.encode("latin-1")), CORPUS)
    cat.text_checks["site/latin1.txt"] = "La señora Núñez explicó que el año próximo"
    text_ru = article(ARTICLE_RU, "Совет утвердил бюджет порта")
    cat.add("cp1251 without a charset", put("site/cp1251.txt", text_ru.encode("cp1251")), CORPUS)
    cat.text_checks["site/cp1251.txt"] = "работы по углублению дна начнутся весной"
    html_ru = html_page("Совет утвердил бюджет порта", ARTICLE_RU, charset=None)
    cat.add("cp1251 without a charset", put("site-ru/cp1251.html", html_ru.encode("cp1251")), CORPUS)
    cat.text_checks["site-ru/cp1251.html"] = "работы по углублению дна начнутся весной"
    mojibake = article(ARTICLE_ES[::-1], "Nuevo presupuesto del año").encode("utf-8").decode("latin-1")  # "aÃ±o"
    cat.add("mojibake", put("site/mojibake.txt", mojibake.encode("utf-8")), CORPUS)
    cat.text_checks["site/mojibake.txt"] = "NÃºÃ±ez"  # flagged, never rewritten
    words = b"harbour council budget dredging ferry traffic report "
    big = (words * (big_line_bytes // len(words) + 1))[:big_line_bytes]
    cat.add("50 MB single-line file", put("site/huge-line.txt", big), CORPUS, "too_large", "no_content")
    title, lines = story(next(counter))
    nested = ("<html><head><title>Deep</title></head><body>" + "<div>" * nesting_levels
              + "".join(f"<p>{line}</p>" for line in lines) + "</div>" * nesting_levels + "</body></html>")
    cat.add("HTML nested 100,000 levels", put("site/nested.html", nested.encode("utf-8")), "too_deep")
    cat.add("HTML with no body", put("site/no-body.html", b"<html><head><title>Only a head</title></head></html>"),
            "no_main_text")
    cat.add("HTML with no body", put("site/not-html.htm", b"just a line, no markup at all"), "no_main_text", CORPUS)

    good_lines = [json.dumps({"text": fresh(), "url": f"https://example.org/{n}"}) for n in range(1, 200)]
    full_gz = gzip.compress(("\n".join(good_lines) + "\n").encode("utf-8"), mtime=0)
    put("feeds/truncated.jsonl.gz", full_gz[: len(full_gz) * 2 // 3])
    cat.add("truncated .gz", "feeds/truncated.jsonl.gz", "truncated_archive")
    cat.prefix_ok["feeds/truncated.jsonl.gz#"] = {CORPUS}  # the lines before the cut are read
    put("feeds/garbage.jsonl.gz", b"\x1f\x8b\x08\x00" + noise[:200])
    cat.add("truncated .gz", "feeds/garbage.jsonl.gz", "truncated_archive")
    pages = [("https://example.org/a", "text/html; charset=utf-8", html_page(*story(next(counter))).encode("utf-8")),
             ("https://example.org/b", "text/html; charset=utf-8", html_page(*story(next(counter))).encode("utf-8")),
             ("https://example.org/c", "image/png", noise)]
    warc = warc_bytes(pages)
    first_record_end = len(warc_bytes(pages[:1]))
    second_record_end = len(warc_bytes(pages[:2]))
    put("crawl/truncated.warc.gz", warc[: first_record_end + (second_record_end - first_record_end) // 2])
    cat.add("truncated .warc.gz", "crawl/truncated.warc.gz", "truncated_archive")
    cat.add("truncated .warc.gz", "crawl/truncated.warc.gz#1", CORPUS)
    cat.add("truncated .warc.gz", "crawl/truncated.warc.gz#2", "not_html", "empty")
    put("crawl-whole/whole.warc.gz", warc)
    cat.add("WARC record that is not HTML", "crawl-whole/whole.warc.gz#3", "not_html")
    cat.add("good control document", "crawl-whole/whole.warc.gz#1", CORPUS)
    cat.add("good control document", "crawl-whole/whole.warc.gz#2", CORPUS)

    bomb_line = json.dumps({"text": fresh()}).encode("utf-8") + b"\n"
    write_gzip_bomb(raw / "feeds" / "bomb.jsonl.gz", bomb_line, b"a" * (1 << 20), bomb_bytes)
    cat.add("decompression bomb (.gz of one huge line)", "feeds/bomb.jsonl.gz", "too_large")
    cat.add("decompression bomb (.gz of one huge line)", "feeds/bomb.jsonl.gz#1", CORPUS)
    big_page = b"<html><body><p>" + b"a" * warc_bomb_bytes + b"</p></body></html>"
    put("crawl-bomb/bomb.warc.gz", warc_bytes([("https://example.org/big", "text/html", big_page)]))
    cat.add("decompression bomb (.gz of one huge line)", "crawl-bomb/bomb.warc.gz#1", "too_large")

    duplicate = json.dumps({"text": fresh(), "url": "https://example.org/duplicate"})
    jsonl = [
        duplicate,                                       # 1 good
        '{"text": "unterminated',                        # 2 broken
        "[1, 2, 3]",                                     # 3 JSON but not an object
        json.dumps({"text": 42}),                        # 4 no text string
        json.dumps({"text": "   "}),                     # 5 empty text
        duplicate,                                       # 6 identical to line 1: a duplicate, its own id
        json.dumps({"text": fresh(), "source": HOSTILE_SOURCES["slash"]}),   # 7
        json.dumps({"text": fresh(), "source": HOSTILE_SOURCES["dotdot"]}),  # 8
        json.dumps({"text": fresh(), "source": HOSTILE_SOURCES["nul"]}),     # 9
        json.dumps({"text": fresh(), "source": HOSTILE_SOURCES["long"]}),    # 10
        json.dumps({"html": nested[:3000], "source": {"not": "a string"}}),  # 11
    ]
    feed = ("\n".join(jsonl) + "\n").encode("utf-8") + b'{"text": "\xff\xfe not utf-8"}\n'       # 12 bad bytes
    put("feeds/feed.jsonl", feed)
    cat.add("JSONL with broken lines among good ones", "feeds/feed.jsonl#1", CORPUS)
    cat.add("JSONL with broken lines among good ones", "feeds/feed.jsonl#2", "bad_jsonl_line")
    cat.add("JSONL with broken lines among good ones", "feeds/feed.jsonl#3", "bad_jsonl_line")
    cat.add("JSONL with broken lines among good ones", "feeds/feed.jsonl#4", "bad_jsonl_line")
    cat.add("JSONL with broken lines among good ones", "feeds/feed.jsonl#5", "empty")
    cat.add("JSONL with broken lines among good ones", "feeds/feed.jsonl#12", "undecodable")
    cat.add("duplicate document ids", "feeds/feed.jsonl#6", CORPUS)
    for number, key in zip((7, 8, 9, 10), ("slash", "dotdot", "nul", "long")):
        cat.add("source names with '/', '..', NUL or 300 characters", f"feeds/feed.jsonl#{number}", CORPUS)
        cat.source_checks[f"feeds/feed.jsonl#{number}"] = HOSTILE_SOURCES[key]
    cat.add("JSONL field of the wrong type", "feeds/feed.jsonl#11", "too_deep")

    # Files named by the manifest with hostile sources, and one listed twice. (A NUL byte makes
    # the whole manifest binary, see test_manifest_with_a_nul_byte; NUL comes through JSONL here.)
    manifest_sources = {key: value for key, value in HOSTILE_SOURCES.items() if "\x00" not in value}
    for key in manifest_sources:
        put(f"manifest-sources/{key}.txt", fresh().encode("utf-8"))
        cat.add("source names with '/', '..', NUL or 300 characters", f"manifest-sources/{key}.txt", CORPUS)
        cat.source_checks[f"manifest-sources/{key}.txt"] = HOSTILE_SOURCES[key]
    rows = [
        "path,source,published",  # no url or title column: those are simply not given
        "site/good.txt,,2026-13-45",
        "site/good.txt,,not a date",
        "../../etc/passwd,Evil,2026-11-18",
        "/etc/passwd,Evil,2026-11-18",
        "C:\\Windows\\win.ini,Evil,",
        "site/../../outside.txt,Evil,",
        ",no path,",
        "site/latin1.txt",  # a row with missing fields
        *[f'manifest-sources/{key}.txt,"{value}",2026-11-18' for key, value in manifest_sources.items()],
    ]
    (raw / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for row_number, reason in ((2, "manifest_bad_date"), (3, "manifest_bad_date"), (4, "manifest_bad_path"),
                               (5, "manifest_bad_path"), (6, "manifest_bad_path"), (7, "manifest_bad_path"),
                               (8, "manifest_bad_path")):
        cat.add("manifest with missing columns, bad dates, paths outside the raw folder",
                f"manifest.csv:{row_number}", reason)

    (outside / "secret.txt").write_text(fresh(), encoding="utf-8")
    (outside / "folder").mkdir(exist_ok=True)
    (outside / "folder" / "inner.txt").write_text(fresh(), encoding="utf-8")
    os.symlink(outside / "secret.txt", site / "link-out.txt")
    cat.add("symlink out of the raw folder", "site/link-out.txt", "outside_raw")
    os.symlink(outside / "folder", site / "linked-folder")
    cat.add("symlink out of the raw folder", "site/linked-folder", "symlink_folder")
    os.symlink(raw / "site" / "does-not-exist.txt", site / "dangling.txt")
    cat.add("symlink out of the raw folder", "site/dangling.txt", "unreadable")
    os.mkfifo(site / "pipe.txt")
    cat.add("special file (FIFO) with a text name", "site/pipe.txt", "unreadable")
    with open(os.fsencode(site) + b"/caf\xe9.txt", "wb") as stream:
        stream.write(fresh().encode("utf-8"))
    cat.add("file name that is not UTF-8", "site/caf\ufffd.txt", "unreadable")
    cat.add("unsupported format", put("site/document.pdf", b"%PDF-1.4\n"), "unsupported_format")
    cat.add("only boilerplate", put("site/only-menu.txt", b"Home\nNews\nSport\nContact\n"), "no_content", CORPUS)
    for name in ("vanishes.txt", "turns-into-fifo.txt", "turns-into-folder.txt", "feed-vanishes.jsonl"):
        text = fresh()
        put(f"late/{name}", (json.dumps({"text": text}) if name.endswith(".jsonl") else text).encode("utf-8"))
        cat.add("file that vanishes or becomes unreadable mid-run", f"late/{name}", "unreadable")
    return cat


def spoil_after_inventory(raw: Path) -> None:
    """Make the ``late/`` files vanish or unreadable, as between the inventory and the reading.

    As root, ``chmod 000`` does not stop a read, so "unreadable" is a FIFO or a folder where
    the file was.
    """
    late = raw / "late"
    (late / "vanishes.txt").unlink()
    (late / "feed-vanishes.jsonl").unlink()
    (late / "turns-into-fifo.txt").unlink()
    os.mkfifo(late / "turns-into-fifo.txt")
    (late / "turns-into-folder.txt").unlink()
    (late / "turns-into-folder.txt").mkdir()

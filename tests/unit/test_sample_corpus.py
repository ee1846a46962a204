"""Checks on the shipped sample corpus in raw/, read with the standard library and warcio only."""
from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / "raw"
FORMATS = ("txt", "html", "htm", "jsonl", "jsonl.gz", "warc", "warc.gz")
MIN_ARTICLES = 25
MIN_SOURCES = 5
MIN_FILES_PER_FORMAT = 2
MIN_BODY_WORDS = 150
MAX_BODY_WORDS = 600
MIN_VISIBLE_WORDS = 250  # body plus site furniture
MAX_VISIBLE_WORDS = 1200
TEMPLATE_MIN_DOCS = 5
CHARSET_RE = re.compile(r"charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Doc:
    """One document of the corpus: where it is, its format, source and visible text."""

    raw_path: str
    fmt: str
    source: str
    text: str


class VisibleText(HTMLParser):
    """Collect the text of an HTML page outside <script>/<style>, one block per line."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(page: str) -> str:
    """Return the visible text of an HTML page."""
    parser = VisibleText()
    parser.feed(page)
    return "\n".join(line.strip() for line in "".join(parser.parts).splitlines() if line.strip())


def file_format(path: Path) -> str:
    """Return the corpus format of a file name ('jsonl.gz', 'txt', ...) or '' if none."""
    name = path.name.lower()
    for fmt in sorted(FORMATS, key=len, reverse=True):
        if name.endswith("." + fmt):
            return fmt
    return ""


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Return an HTML page decoded with its declared charset (HTTP header, then meta tag)."""
    if declared is None:
        match = CHARSET_RE.search(data[:2048].decode("ascii", "replace"))
        declared = match.group(1) if match else "utf-8"
    return data.decode(declared)


def domain_of(url: str) -> str:
    """Return the host of a URL without a leading 'www.'."""
    return url.split("/")[2].removeprefix("www.")


def corpus_files() -> list[Path]:
    """Return every corpus file under raw/ (not README or manifest), sorted."""
    return sorted(p for p in RAW.rglob("*") if p.is_file() and file_format(p))


def load_docs() -> list[Doc]:
    """Return every document in raw/, decoding each file as the pipeline must."""
    manifest = {row["path"]: row for row in csv.DictReader(
        (RAW / "manifest.csv").read_text(encoding="utf-8").splitlines())}
    docs: list[Doc] = []
    for path in corpus_files():
        rel = path.relative_to(RAW).as_posix()
        fmt = file_format(path)
        data = path.read_bytes()
        folder_source = rel.split("/")[0] if "/" in rel else None
        if fmt in ("txt", "html", "htm"):
            if fmt == "txt":
                try:
                    text = data.decode("utf-8-sig")
                except UnicodeDecodeError:
                    text = data.decode("cp1252")
            else:
                text = visible_text(decode_html(data))
            source = folder_source or manifest[rel]["source"]
            docs.append(Doc(rel, fmt, source, text))
        elif fmt.startswith("jsonl"):
            lines = (gzip.decompress(data) if fmt.endswith(".gz") else data).decode("utf-8")
            for number, line in enumerate(lines.splitlines(), start=1):
                record = json.loads(line)
                text = record.get("text") or visible_text(record["html"])
                source = record.get("source") or domain_of(record["url"])
                docs.append(Doc(f"{rel}#{number}", fmt, source, text))
        else:
            number = 0
            for record in ArchiveIterator(io.BytesIO(data)):
                if record.rec_type != "response":
                    continue
                number += 1
                charset = CHARSET_RE.search(record.http_headers.get_header("Content-Type"))
                page = decode_html(record.content_stream().read(), charset.group(1))
                url = record.rec_headers.get_header("WARC-Target-URI")
                docs.append(Doc(f"{rel}#{number}", fmt, domain_of(url), visible_text(page)))
    return docs


DOCS = load_docs()


def letters_by_script(text: str) -> Counter:
    """Return counts of letters per script: latin, cyrillic, greek."""
    counts: Counter = Counter()
    for char in text:
        if not char.isalpha():
            continue
        code = ord(char)
        if 0x0400 <= code <= 0x04FF:
            counts["cyrillic"] += 1
        elif 0x0370 <= code <= 0x03FF:
            counts["greek"] += 1
        elif code < 0x0250:
            counts["latin"] += 1
    return counts


def language_guess(text: str) -> str:
    """Return 'ru/uk', 'el', 'es' or 'en' from the dominant script and a few stopwords."""
    script = letters_by_script(text).most_common(1)[0][0]
    if script == "cyrillic":
        return "ru/uk"
    if script == "greek":
        return "el"
    words = Counter(re.findall(r"[a-záéíóúñ]+", text.lower()))
    spanish = sum(words[w] for w in ("el", "la", "los", "las", "que", "de", "del", "por"))
    english = sum(words[w] for w in ("the", "and", "of", "to", "that", "was", "for"))
    return "es" if spanish > english else "en"


def test_corpus_has_enough_articles_and_sources():
    sources = Counter(doc.source for doc in DOCS)
    assert len(DOCS) >= MIN_ARTICLES
    assert len(sources) >= MIN_SOURCES
    assert all(count >= 4 for count in sources.values()), sources
    assert all(source and "." in source for source in sources)


def test_every_format_is_used_by_at_least_two_files():
    files_per_format = Counter(file_format(path) for path in corpus_files())
    for fmt in FORMATS:
        assert files_per_format[fmt] >= MIN_FILES_PER_FORMAT, fmt


def test_languages_include_english_spanish_and_non_latin_scripts():
    languages = Counter(language_guess(doc.text) for doc in DOCS)
    assert languages["en"] >= 10
    assert languages["es"] >= 8
    assert languages["ru/uk"] >= 3
    assert languages["el"] >= 1


def test_language_guess_separates_scripts_and_stopwords():
    assert language_guess("Η κίνηση στο λιμάνι αυξήθηκε") == "el"
    assert language_guess("Міська рада затвердила програму") == "ru/uk"
    assert language_guess("El pleno aprobó el plan de la ciudad") == "es"
    assert language_guess("The council approved the plan of the town") == "en"


def test_every_document_has_a_news_length_page():
    for doc in DOCS:
        words = len(doc.text.split())
        assert MIN_VISIBLE_WORDS <= words <= MAX_VISIBLE_WORDS, (doc.raw_path, words)


def test_every_article_body_has_news_length(builder):
    assert len(builder.ARTICLES) == len(DOCS)
    for article in builder.ARTICLES:
        assert MIN_BODY_WORDS <= builder.body_words(article) <= MAX_BODY_WORDS, article.key


def test_warc_files_hold_warcinfo_request_and_response_records():
    for path in corpus_files():
        if file_format(path).startswith("warc"):
            with path.open("rb") as handle:
                types = [record.rec_type for record in ArchiveIterator(handle)]
            assert types[0] == "warcinfo", path
            assert types.count("request") == types.count("response") >= 1, path


def test_gzip_files_carry_no_timestamp():
    for path in corpus_files():
        if path.name.endswith(".jsonl.gz"):
            header = path.read_bytes()[:10]
            assert header[:2] == b"\x1f\x8b"
            assert header[4:8] == b"\x00\x00\x00\x00", path


def test_encodings_planted_for_decoding():
    by_path = {path.relative_to(RAW).as_posix(): path.read_bytes() for path in corpus_files()}
    bom_russian = [p for p, d in by_path.items()
                   if p.endswith(".txt") and d.startswith(b"\xef\xbb\xbf")
                   and language_guess(d.decode("utf-8-sig")) == "ru/uk"]
    assert bom_russian
    cp1252_spanish = []
    for rel, data in by_path.items():
        if not rel.endswith(".txt") or data.startswith(b"\xef\xbb\xbf"):
            continue
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            if language_guess(data.decode("cp1252")) == "es":
                cp1252_spanish.append(rel)
    assert cp1252_spanish


def test_one_source_has_a_site_template_and_a_sentence_shared_by_two_pages():
    lines_by_source: dict[str, list[set[str]]] = defaultdict(list)
    for doc in DOCS:
        if doc.fmt == "txt":
            lines = {line.strip() for line in doc.text.splitlines() if line.strip()}
            lines_by_source[doc.source].append(lines)
    found = False
    for pages in lines_by_source.values():
        if len(pages) < TEMPLATE_MIN_DOCS:
            continue
        line_docs = Counter(line for page in pages for line in page)
        template = [line for line, n in line_docs.items() if n >= TEMPLATE_MIN_DOCS]
        shared_sentences = [line for line, n in line_docs.items()
                            if n == 2 and len(line.split()) >= 12 and line.endswith(".")]
        if len(template) >= 8 and any("newsletter" in line.lower() for line in template) \
                and any("cookie" in line.lower() for line in template) \
                and len(shared_sentences) == 1:
            found = True
    assert found


def test_translation_artifacts_are_planted_in_english_articles():
    english = "\n".join(doc.text for doc in DOCS if language_guess(doc.text) == "en")
    assert re.search(r"[A-Za-z][\u0400-\u04FF]|[\u0400-\u04FF][a-z]", english)  # homoglyph
    assert "\u00c3\u00a9" in english and "\u00e2\u20ac\u2122" in english       # mojibake
    assert re.search(r"\b[a-z]+\? [a-z]+", english)                              # stray '?'
    assert "marketdue" in english                                                # glued words
    assert "La compañía mantendrá" in english                                    # untranslated


def test_manifest_describes_existing_root_level_files():
    rows = list(csv.DictReader((RAW / "manifest.csv").read_text(encoding="utf-8").splitlines()))
    assert rows and list(rows[0]) == ["path", "url", "source", "published", "title"]
    for row in rows:
        assert "/" not in row["path"] and (RAW / row["path"]).is_file()
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["published"])
        assert domain_of(row["url"]) == row["source"]


@pytest.fixture(scope="module")
def builder():
    """Return scripts/build_sample_corpus.py loaded as a module."""
    spec = importlib.util.spec_from_file_location(
        "build_sample_corpus", REPO / "scripts" / "build_sample_corpus.py")
    module = importlib.util.module_from_spec(spec)
    previous = sys.modules.get(spec.name)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    try:
        spec.loader.exec_module(module)
    finally:
        if previous is None:
            sys.modules.pop(spec.name, None)
        else:
            sys.modules[spec.name] = previous
    return module


def test_build_script_reproduces_raw_byte_for_byte(tmp_path, builder):
    written = builder.build(tmp_path)
    assert len(written) == len(corpus_files()) + 2  # + manifest.csv and README.md
    for path in written:
        rel = path.relative_to(tmp_path)
        assert path.read_bytes() == (RAW / rel).read_bytes(), rel


@pytest.mark.parametrize("name, expected", [
    ("a.jsonl.gz", "jsonl.gz"), ("b.warc", "warc"), ("c.htm", "htm"), ("README.md", "")])
def test_file_format_reads_double_extensions(name, expected):
    assert file_format(Path(name)) == expected


def test_planted_artifacts_sit_on_the_documented_lines(builder):
    docs = {doc.raw_path: doc for doc in DOCS}
    checked = 0
    for container, articles in builder.containers().items():
        for number, article in enumerate(articles, start=1):
            raw_path = container + (f"#{number}" if article.fmt.startswith(("jsonl", "warc"))
                                    else "")
            for _kind, marker in article.planted:
                where = builder.artifact_location(article, marker)
                assert marker in docs[raw_path].text
                if where.startswith("line "):
                    line = int(where.removeprefix("line "))
                    assert marker in docs[raw_path].text.split("\n")[line - 1]
                    checked += 1
    assert checked >= 5

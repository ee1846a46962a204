import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.io.readers import RawDocument, read_documents
from pipeline.record import Rejection

LIMIT = 10_000_000


def _items(path, relpath=None):
    return list(read_documents(path, relpath or path.name, LIMIT))


def test_text_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Headline\n\nBody line.\n", encoding="utf-8")
    [doc] = _items(path)
    assert isinstance(doc, RawDocument) and doc.text.startswith("Headline") and doc.input_format == "txt"


def test_whitespace_only_text_is_rejected(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("  \n \n", encoding="utf-8")
    [item] = _items(path)
    assert isinstance(item, Rejection) and item.reason == "empty"


def test_jsonl_numbers_documents_by_line_and_keeps_going(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": "One.", "source": "A"}), "{broken", "", json.dumps({"html": "<p>Two</p>", "url": "https://x.example.com/a"}),
             json.dumps({"title": "no body"}), json.dumps({"text": "Three.", "published": "not a date"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _items(path)
    assert [item.raw_path for item in items] == ["feed.jsonl#1", "feed.jsonl#2", "feed.jsonl#4", "feed.jsonl#5", "feed.jsonl#6"]
    assert [type(item).__name__ for item in items] == ["RawDocument", "Rejection", "RawDocument", "Rejection", "RawDocument"]
    assert items[0].source == "A" and items[2].input_format == "jsonl-html" and items[4].published is None


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    payload = "\n".join(json.dumps({"text": f"Article {n}."}) for n in range(2000)).encode()
    data = gzip.compress(payload, mtime=0)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = _items(path)
    assert isinstance(items[-1], Rejection) and items[-1].reason == "truncated_archive"
    assert sum(isinstance(item, RawDocument) for item in items) > 10


def _warc(path, gz):
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("x.warc", {"software": "test"}))
    for number, (ctype, body) in enumerate([("text/html; charset=windows-1251", "<html><body><p>Привет</p></body></html>".encode("cp1251")),
                                            ("image/png", b"\x89PNG")], start=1):
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://site.example.org/{number}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    path.write_bytes(stream.getvalue())


def test_warc_reads_responses_and_refuses_non_html(tmp_path):
    for name, gz in (("pages.warc", False), ("pages.warc.gz", True)):
        path = tmp_path / name
        _warc(path, gz)
        first, second = _items(path)
        assert first.raw_path == f"{name}#1" and "Привет" in first.html and first.url == "https://site.example.org/1"
        assert isinstance(second, Rejection) and second.reason == "not_html" and second.raw_path == f"{name}#2"


def test_too_large_and_vanished_files(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("x" * 100, encoding="utf-8")
    [item] = list(read_documents(path, "big.txt", 50))
    assert item.reason == "too_large"
    [gone] = list(read_documents(tmp_path / "missing.txt", "missing.txt", LIMIT))
    assert gone.reason == "unreadable"

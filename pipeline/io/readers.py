"""Read raw files into documents: ``.txt``, ``.html``/``.htm``, ``.jsonl``(``.gz``), ``.warc``(``.gz``).

Each reader yields :class:`RawDocument` or :class:`Rejection` items, never raises for bad
content: a broken JSONL line, a truncated archive or an undecodable page is a ledger entry and
the rest of the file is still read. ``raw_path`` is relative to the raw root; the N-th document
of a JSONL or WARC file is ``file#N`` (1-based; for JSONL, N is the line number).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from pipeline.io.dates import normalise_date
from pipeline.io.decode import UndecodableInput, decode_bytes, sniff_html_charset
from pipeline.io.layout import input_format
from pipeline.record import Rejection

HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
READ_CHUNK_BYTES = 1 << 20
DEFAULT_MAX_RECORD_BYTES = 200_000_000  # callers pass PipelineSettings.max_record_bytes


@dataclasses.dataclass(frozen=True)
class RawDocument:
    """One document as read: either ``text`` or ``html`` is set, metadata as given."""

    raw_path: str
    input_format: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None
    encoding: str | None = None


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def read_text_file(data: bytes, relpath: str) -> Iterator[RawDocument | Rejection]:
    """Yield the single document of a ``.txt`` file."""
    try:
        text, encoding = decode_bytes(data)
    except UndecodableInput as error:
        yield Rejection(relpath, error.reason, error.detail)
        return
    if not text.strip():
        yield Rejection(relpath, "empty", "the file holds only white space")
        return
    yield RawDocument(relpath, "txt", text=text, encoding=encoding)


def read_html_file(data: bytes, relpath: str) -> Iterator[RawDocument | Rejection]:
    """Yield the single document of an ``.html``/``.htm`` file."""
    try:
        html, encoding = decode_bytes(data, declared=sniff_html_charset(data))
    except UndecodableInput as error:
        yield Rejection(relpath, error.reason, error.detail)
        return
    yield RawDocument(relpath, "html", html=html, encoding=encoding)


def _jsonl_document(line: bytes, where: str) -> RawDocument | Rejection | None:
    if not line.strip():
        return None
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        return Rejection(where, "undecodable", f"JSONL line is not UTF-8: {error}")
    except json.JSONDecodeError as error:
        return Rejection(where, "bad_jsonl_line", f"not JSON: {error.msg} at column {error.colno}")
    if not isinstance(record, dict):
        return Rejection(where, "bad_jsonl_line", "the line is JSON but not an object")
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return Rejection(where, "bad_jsonl_line", "neither a 'text' nor an 'html' string")
    meta = {
        "url": _str_or_none(record.get("url")),
        "source": _str_or_none(record.get("source")),
        "title": _str_or_none(record.get("title")),
        "published": normalise_date(_str_or_none(record.get("published"))),
    }
    if isinstance(html, str) and html.strip():
        return RawDocument(where, "jsonl-html", html=html, **meta)
    if isinstance(text, str) and text.strip():
        return RawDocument(where, "jsonl-text", text=text, **meta)
    return Rejection(where, "empty", "the record's text is empty")


def _bounded_lines(stream, max_line_bytes: int) -> Iterator[bytes | int]:
    """Yield each line of a binary stream, or its length in bytes when over ``max_line_bytes``.

    An overlong line is skipped in chunks, never held whole in memory (a gzip bomb can
    decompress to one line of gigabytes).
    """
    while line := stream.readline(max_line_bytes + 1):
        if len(line) <= max_line_bytes or line.endswith(b"\n"):
            yield line
            continue
        length = len(line)
        while chunk := stream.readline(READ_CHUNK_BYTES):
            length += len(chunk)
            if chunk.endswith(b"\n"):
                break
        yield length


def read_jsonl_file(path: Path, relpath: str, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
                    max_total_bytes: int | None = None) -> Iterator[RawDocument | Rejection]:
    """Yield one item per non-blank line of a ``.jsonl`` or ``.jsonl.gz`` file.

    A line over ``max_record_bytes`` is rejected ``too_large``; reading stops (``too_large``)
    once the file has given more than ``max_total_bytes`` (decompressed), so a compressed file
    cannot grow past the limit a plain one has.
    """
    opener = gzip.open if relpath.lower().endswith(".gz") else open
    line_number = 0
    total = 0
    try:
        stream = opener(path, "rb")
    except OSError as error:
        yield Rejection(relpath, "unreadable", f"the file vanished or cannot be read: {error}")
        return
    try:
        with stream:
            for line_number, line in enumerate(_bounded_lines(stream, max_record_bytes), start=1):
                where = f"{relpath}#{line_number}"
                total += line if isinstance(line, int) else len(line)
                if max_total_bytes is not None and total > max_total_bytes:
                    yield Rejection(relpath, "too_large", f"over {max_total_bytes} bytes once decompressed; "
                                                          f"stopped at line {line_number}")
                    return
                if isinstance(line, int):
                    yield Rejection(where, "too_large", f"the line holds {line} bytes, over the limit of {max_record_bytes}")
                    continue
                item = _jsonl_document(line, where)
                if item is not None:
                    yield item
    except (EOFError, OSError, zlib.error) as error:
        yield Rejection(relpath, "truncated_archive", f"stopped after line {line_number}: {error}")


def _warc_html(record, where: str, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES) -> RawDocument | Rejection:
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type") if headers else None) or ""
    media_type, _, params = content_type.partition(";")
    if media_type.strip().lower() not in HTML_CONTENT_TYPES:
        return Rejection(where, "not_html", f"response content type {media_type.strip() or 'missing'}")
    declared = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            declared = value.strip().strip('"')
    data = record.content_stream().read(max_record_bytes + 1)
    if len(data) > max_record_bytes:
        return Rejection(where, "too_large", f"the response body is over the limit of {max_record_bytes} bytes")
    try:
        html, encoding = decode_bytes(data, declared=declared or sniff_html_charset(data))
    except UndecodableInput as error:
        return Rejection(where, error.reason, error.detail)
    url = record.rec_headers.get_header("WARC-Target-URI")
    return RawDocument(where, "warc", html=html, url=_str_or_none(url), encoding=encoding)


def read_warc_file(path: Path, relpath: str,
                   max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES) -> Iterator[RawDocument | Rejection]:
    """Yield one item per response record of a ``.warc`` or ``.warc.gz`` file.

    A response body over ``max_record_bytes`` (decompressed) is rejected ``too_large``.
    """
    count = 0
    try:
        stream = open(path, "rb")
    except OSError as error:
        yield Rejection(relpath, "unreadable", f"the file vanished or cannot be read: {error}")
        return
    try:
        with stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    count += 1
                    yield _warc_html(record, f"{relpath}#{count}", max_record_bytes)
                while record.raw_stream.read(READ_CHUNK_BYTES):
                    pass
                if record.raw_stream.limit > 0:  # warcio ends a cut record silently
                    raise EOFError(f"a record ends {record.raw_stream.limit} bytes short of its Content-Length")
        if relpath.lower().endswith(".gz"):
            gzip_intact(path)
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as error:
        yield Rejection(relpath, "truncated_archive", f"stopped after {count} response records: {error}")


def gzip_intact(path: Path) -> None:
    """Raise EOFError unless every gzip member of the file ends with its end-of-stream marker.

    warcio stops without an error when a file is cut inside a record's headers; this pass
    (streamed, nothing kept) tells a cut file from a whole one.
    """
    decompressor = zlib.decompressobj(wbits=31)
    fed = False
    with open(path, "rb") as stream:
        while chunk := stream.read(READ_CHUNK_BYTES):
            while chunk:
                decompressor.decompress(chunk)
                fed = True
                chunk = decompressor.unused_data
                if decompressor.eof:
                    decompressor, fed = zlib.decompressobj(wbits=31), False
    if fed:
        raise EOFError("the last gzip member has no end-of-stream marker")


def read_documents(path: Path, relpath: str, max_file_bytes: int,
                   max_record_bytes: int | None = None) -> Iterator[RawDocument | Rejection]:
    """Yield the documents of one raw file, whatever its format.

    Files over ``max_file_bytes`` are rejected unread; a JSONL line or WARC record over
    ``max_record_bytes`` (default: ``max_file_bytes``) is rejected, and a compressed file stops
    once it has given ``max_file_bytes`` decompressed.
    """
    max_record_bytes = max_record_bytes or max_file_bytes
    fmt = input_format(relpath)
    try:
        status = path.stat()
    except OSError as error:
        yield Rejection(relpath, "unreadable", f"the file vanished or cannot be read: {error}")
        return
    if not stat.S_ISREG(status.st_mode):
        yield Rejection(relpath, "unreadable", "no longer a regular file (FIFO, socket, device or folder)")
        return
    size = status.st_size
    if size > max_file_bytes:
        yield Rejection(relpath, "too_large", f"{size} bytes is over the limit of {max_file_bytes}")
        return
    try:
        if fmt == "txt":
            yield from read_text_file(path.read_bytes(), relpath)
        elif fmt == "html":
            yield from read_html_file(path.read_bytes(), relpath)
        elif fmt == "jsonl":
            yield from read_jsonl_file(path, relpath, max_record_bytes, max_total_bytes=max_file_bytes)
        elif fmt == "warc":
            yield from read_warc_file(path, relpath, max_record_bytes)
        else:
            yield Rejection(relpath, "unsupported_format", "unknown file type")
    except OSError as error:
        yield Rejection(relpath, "unreadable", f"the file vanished or cannot be read: {error}")

"""Turn raw bytes into text: byte-order mark, declared charset, UTF-8, then detection.

Returns the text with the encoding used, or raises :class:`UndecodableInput` with a reason
that goes to the rejected ledger as it is.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
BINARY_CONTROL_SHARE = 0.10  # share of C0 control bytes (not tab/newline) that marks binary data
SNIFF_BYTES = 4096
# On a detection tie, the encodings most web pages use come first.
TIE_PREFERENCE = ("utf_8", "cp1252", "latin_1", "cp1251", "koi8_r", "iso8859_15", "cp1250", "iso8859_2")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


class UndecodableInput(ValueError):
    """The bytes are not text we can read; ``reason`` is a ledger reason word."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def sniff_html_charset(data: bytes) -> str | None:
    """Return the charset an HTML page declares in its first bytes, if any."""
    match = _META_CHARSET.search(data[:SNIFF_BYTES])
    return match.group(1).decode("ascii", "replace").lower() if match else None


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
    return controls > BINARY_CONTROL_SHARE * len(sample)


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` for ``data``.

    Order: a byte-order mark, then the declared charset (HTTP header or HTML meta) when it
    decodes cleanly, then strict UTF-8, then charset detection. Raises UndecodableInput for
    empty, binary or undecodable data.
    """
    if not data.strip():
        raise UndecodableInput("empty", "the file holds no text")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise UndecodableInput("undecodable", f"byte-order mark says {encoding}: {error}") from error
    if _looks_binary(data):
        raise UndecodableInput("binary", "control bytes or NUL found: not a text file")
    codec = _known_codec(declared)
    if codec:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise UndecodableInput("undecodable", "no declared charset and detection found none that fits")
    best = min(matches, key=_detection_rank)
    return str(best), best.encoding


def _detection_rank(match) -> tuple:
    """Order detector candidates: least chaos, most coherence, then the commoner encoding.

    charset-normalizer can score cp1250 and cp1252 exactly alike on Western text; on a tie the
    encoding of far more web pages wins ("año", not "ańo").
    """
    preference = TIE_PREFERENCE.index(match.encoding) if match.encoding in TIE_PREFERENCE else len(TIE_PREFERENCE)
    return (round(match.chaos, 4), -round(match.coherence, 4), preference, match.encoding)

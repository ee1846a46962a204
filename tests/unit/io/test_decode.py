import codecs

import pytest

from pipeline.io.decode import UndecodableInput, decode_bytes, sniff_html_charset


def test_utf8_plain():
    assert decode_bytes("Café au lait".encode("utf-8")) == ("Café au lait", "utf-8")


def test_bom_utf8_is_stripped():
    text, encoding = decode_bytes(codecs.BOM_UTF8 + "Привет мир".encode("utf-8"))
    assert text == "Привет мир" and encoding == "utf-8-sig"


def test_utf16_with_bom():
    text, encoding = decode_bytes("Noticias del día".encode("utf-16"))
    assert text == "Noticias del día" and encoding == "utf-16"


def test_declared_charset_wins_over_detection():
    data = "Ñandú y pingüino".encode("cp1252")
    assert decode_bytes(data, declared="windows-1252")[0] == "Ñandú y pingüino"


def test_cp1251_without_declaration_is_detected():
    sentence = "Правительство объявило о новых мерах поддержки экономики в среду вечером."
    text, _ = decode_bytes((sentence * 5).encode("cp1251"))
    assert "Правительство" in text


@pytest.mark.parametrize("data,reason", [(b"", "empty"), (b"   \n\t ", "empty"), (b"\x00\x01\x02binary\x00" * 50, "binary")])
def test_unreadable_inputs_have_reasons(data, reason):
    with pytest.raises(UndecodableInput) as caught:
        decode_bytes(data)
    assert caught.value.reason == reason


def test_unknown_declared_charset_falls_back():
    assert decode_bytes(b"plain ascii", declared="no-such-codec")[0] == "plain ascii"


def test_sniff_meta_charset():
    assert sniff_html_charset(b'<html><head><meta charset="windows-1251"></head>') == "windows-1251"
    assert sniff_html_charset(b"<html><body>no charset</body></html>") is None


def test_western_text_prefers_cp1252_on_a_tie():
    sentence = "El año pasado la compañía subió los precios del pan y del aceite en la región."
    text, encoding = decode_bytes(sentence.encode("cp1252"))
    assert text == sentence and "ń" not in text

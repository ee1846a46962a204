from pipeline import api
from pipeline.record import Rejection


def test_clean_document_from_text():
    text = ("HomeNewsSportsWeatherContact\n\nBridge reopens after repairs\n\n"
            "The old river bridge reopened on Friday after six months of repairs, the city's transport office said.\n"
            "\"Traffic should flow normally again,\" said engineer Paula Reyes, who led the work.\n"
            "Share post:\n")
    record = api.clean_document(text=text, source="River Post")
    assert record.source == "River Post" and record.language == "en"
    assert "The old river bridge reopened" in record.text and "Share post:" not in record.text
    assert {item["line"] for item in record.removed} >= {1, 7}


def test_clean_document_rejects_empty_html():
    assert isinstance(api.clean_document(html="<html><body></body></html>"), Rejection)

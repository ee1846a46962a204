import datetime as dt

from pipeline.io.layout import day_root, folder_source, input_format, list_inputs, part_of
from pipeline.io.manifest import read_manifest
from pipeline.io.sources import infer_source, site_from_title_line, source_slug

DAY = dt.date(2026, 11, 20)


def test_input_formats():
    assert [input_format(n) for n in ("a.txt", "b.HTM", "c.jsonl.gz", "d.warc.gz", "e.pdf")] == ["txt", "html", "jsonl", "warc", None]


def test_day_root_dated_flat_and_missing(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    assert day_root(tmp_path, DAY) == tmp_path
    (tmp_path / "2026-11-19").mkdir()
    assert day_root(tmp_path, DAY) is None
    (tmp_path / "2026-11-20").mkdir()
    assert day_root(tmp_path, DAY) == tmp_path / "2026-11-20"


def test_listing_refuses_links_out_and_unknown_types(tmp_path):
    raw = tmp_path / "raw"
    (raw / "site").mkdir(parents=True)
    (raw / "site" / "a.txt").write_text("text")
    (raw / "notes.pdf").write_bytes(b"%PDF")
    (raw / "manifest.csv").write_text("path\n")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    (raw / "link.txt").symlink_to(outside)
    files, refused = list_inputs(raw, raw)
    assert [f.relpath for f in files] == ["site/a.txt"]
    assert {(r.raw_path, r.reason) for r in refused} == {("link.txt", "outside_raw"), ("notes.pdf", "unsupported_format")}


def test_parts_are_stable():
    assert part_of("site/a.txt", 4) == part_of("site/a.txt", 4)
    assert {part_of(f"f{n}.txt", 4) for n in range(100)} == {0, 1, 2, 3}


def test_manifest_rows(tmp_path):
    (tmp_path / "manifest.csv").write_text(
        "path,url,source,published,title\n"
        "a.txt,https://www.daily.example.co.uk/x,Daily,2026-11-01,Head\n"
        "../../etc/passwd,,,,\n"
        "/abs/path.txt,,,,\n"
        "b.txt,,,yesterday,\n", encoding="utf-8")
    entries, refused = read_manifest(tmp_path)
    assert entries["a.txt"].source == "Daily" and entries["a.txt"].published == "2026-11-01"
    assert entries["b.txt"].published is None
    assert sorted(r.reason for r in refused) == ["manifest_bad_date", "manifest_bad_path", "manifest_bad_path"]


def test_manifest_without_path_column(tmp_path):
    (tmp_path / "manifest.csv").write_text("file,source\na.txt,X\n", encoding="utf-8")
    entries, refused = read_manifest(tmp_path)
    assert entries == {} and refused[0].reason == "manifest_missing_columns"


def test_source_precedence():
    common = dict(url="https://news.example.co.uk/a", site_name="Example News", fallback_name="file")
    assert infer_source(manifest_source="M", record_source="R", folder="F", **common) == "M"
    assert infer_source(manifest_source=None, record_source="R", folder="F", **common) == "R"
    assert infer_source(manifest_source=None, record_source=None, folder="F", **common) == "F"
    assert infer_source(manifest_source=None, record_source=None, folder=None, **common) == "example.co.uk"
    assert infer_source(manifest_source=None, record_source=None, folder=None, url=None, site_name="Example News",
                        fallback_name="file") == "Example News"
    assert infer_source(manifest_source=" ", record_source="\x00", folder=None, url=None, site_name=None,
                        fallback_name="file") == "unknown:file"


def test_site_suffix_of_headline():
    assert site_from_title_line("Minister resigns over budget row – Harbour Post\n\nBody.") == "Harbour Post"
    assert site_from_title_line("Talks stall | There is speculation about a deal between both nations\n") is None


def test_slugs_are_safe_and_distinct():
    for name in ("../../etc", "a/b", "x\x00y", "n" * 300, ".", ".."):
        slug = source_slug(name)
        assert slug and "/" not in slug and slug not in (".", "..") and "\x00" not in slug and len(slug) <= 80
    assert source_slug("a/b") != source_slug("a-b")
    assert source_slug("harbour-post.com") == "harbour-post.com"


def test_folder_source():
    assert folder_source("site/a.txt") == "site" and folder_source("a.txt") is None

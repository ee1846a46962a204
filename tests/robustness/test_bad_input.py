"""Issue 6, bad input: one DailyRun over the whole catalogue accounts for every input.

The run happens in a child process (in-process scheduler) so that its peak memory is its own;
between the inventory and the rest of the run, some files vanish or turn into a FIFO or a
folder. Every input must end in the corpus or in ``rejected.jsonl`` with an allowed reason,
nothing may be written outside the output folder, and the run must stay within memory.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from pipeline.io.manifest import read_manifest
from pipeline.io.sources import clean_source_name
from pipeline.settings import PipelineSettings
from tests.robustness.bad_corpus import CORPUS, spoil_after_inventory, story_text, write_bad_corpus
from tests.robustness.conftest import fast_config, run_child, set_option

DAY = "2026-11-18"
MAX_RSS_MB = 1536  # measured: 826 MB on the small task-test corpus, about 1040 MB on this catalogue
SAFE_SLUG_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


def _tree(root: Path, skip: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*")
            if not path.is_relative_to(skip)}


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    raw, outside, out, cwd = root / "raw", root / "outside", root / "out", root / "cwd"
    catalogue = write_bad_corpus(raw, outside)
    cwd.mkdir()
    inventory = run_child("inventory", raw, out, DAY, cwd)
    assert inventory["status"] == "SUCCESS", inventory["summary"]
    spoil_after_inventory(raw)
    before = _tree(root, out)
    report = run_child("daily", raw, out, DAY, cwd)
    after = _tree(root, out)
    assert report["status"] == "SUCCESS", report["summary"]
    run = out / "latest"
    records = [json.loads(line) for path in sorted((run / "corpus").glob("*.jsonl"))
               for line in path.read_text(encoding="utf-8").splitlines()]
    ledger = [json.loads(line) for line in (run / "rejected.jsonl").read_text(encoding="utf-8").splitlines()]
    return {"catalogue": catalogue, "report": report, "records": records, "ledger": ledger, "run": run,
            "created_outside": sorted(after - before), "root": root}


def _outcomes(bad_run) -> dict[str, set[str]]:
    outcomes: dict[str, set[str]] = {}
    for record in bad_run["records"]:
        outcomes.setdefault(record["raw_path"], set()).add(CORPUS)
    for row in bad_run["ledger"]:
        outcomes.setdefault(row["raw_path"], set()).add(row["reason"])
    return outcomes


def test_the_run_finishes(bad_run):
    assert bad_run["report"]["status"] == "SUCCESS", bad_run["report"]["summary"]
    assert (bad_run["run"] / "_SUCCESS").is_file()


def test_every_input_has_an_allowed_outcome(bad_run):
    catalogue, outcomes = bad_run["catalogue"], _outcomes(bad_run)
    wrong = {path: (outcomes.get(path, set()), allowed) for path, allowed in catalogue.expected.items()
             if not outcomes.get(path) or not outcomes[path] <= allowed}
    assert not wrong, wrong
    handled = [kind for kind, paths in catalogue.kinds.items() if all(path not in wrong for path in paths)]
    assert len(handled) == len(catalogue.kinds) >= 25


def test_nothing_unexpected_in_corpus_or_ledger(bad_run):
    """Every entry is one the catalogue names (or a document of a file cut short)."""
    catalogue = bad_run["catalogue"]
    for path, outcomes in _outcomes(bad_run).items():
        if path in catalogue.expected:
            continue
        prefix = next((p for p in catalogue.prefix_ok if path.startswith(p)), None)
        assert prefix is not None, (path, outcomes)
        assert outcomes <= catalogue.prefix_ok[prefix], (path, outcomes)


def test_every_ledger_reason_comes_with_detail(bad_run):
    for row in bad_run["ledger"]:
        assert set(row) == {"raw_path", "reason", "detail"}
        assert row["reason"] and row["detail"].strip(), row


def test_a_cut_archive_keeps_the_documents_before_the_cut(bad_run):
    outcomes = _outcomes(bad_run)
    assert outcomes["crawl/truncated.warc.gz#1"] == {CORPUS}
    read = [path for path in outcomes if path.startswith("feeds/truncated.jsonl.gz#")]
    assert read and all(outcomes[path] == {CORPUS} for path in read)


def test_decoded_texts_are_right(bad_run):
    by_path = {record["raw_path"]: record for record in bad_run["records"]}
    for path, fragment in bad_run["catalogue"].text_checks.items():
        assert fragment in by_path[path]["text"], (path, by_path[path]["text"][:300])
    assert any(item["kind"] == "mojibake" for item in by_path["site/mojibake.txt"]["artifacts"])


def test_document_ids_are_unique_and_texts_are_inside_the_run(bad_run):
    records, run = bad_run["records"], bad_run["run"].resolve()
    ids = [record["doc_id"] for record in records]
    assert len(ids) == len(set(ids))
    assert len({record["raw_path"] for record in records}) == len(records)
    assert {"feeds/feed.jsonl#1", "feeds/feed.jsonl#6"} <= {record["raw_path"] for record in records}
    for record in records:
        path = (run / "text" / record["source_slug"] / f"{record['doc_id']}.txt").resolve()
        assert path.is_relative_to(run / "text") and path.read_text(encoding="utf-8") == record["text"] + "\n"


def test_hostile_source_names_are_kept_as_data_and_slugged(bad_run):
    by_path = {record["raw_path"]: record for record in bad_run["records"]}
    for path, given in bad_run["catalogue"].source_checks.items():
        record = by_path[path]
        assert record["source"] == clean_source_name(given)
        assert "\x00" not in record["source"] and len(record["source"]) <= 100
        slug = record["source_slug"]
        assert set(slug) <= SAFE_SLUG_CHARS and slug not in (".", "..") and "/" not in slug
        assert 0 < len(slug) <= 80


def test_limits_hold_for_the_50_mb_line(bad_run):
    limits = PipelineSettings()
    by_path = {record["raw_path"]: record for record in bad_run["records"]}
    if "site/huge-line.txt" in by_path:
        assert max(len(line) for line in by_path["site/huge-line.txt"]["text"].split("\n")) <= limits.max_line_chars
    assert bad_run["report"]["max_rss_mb"] < MAX_RSS_MB, bad_run["report"]


def test_nothing_written_outside_the_output_folder(bad_run):
    assert bad_run["created_outside"] == []
    assert not any((bad_run["root"] / "cwd").iterdir())


PART_SIZE_BYTES = 1000  # about two of the files below per extraction part


def test_files_that_change_after_the_inventory_keep_its_partition(tmp_path):
    """A resumed run keeps to its inventory: when files vanish (fewer bytes, fewer parts) after
    InputInventory, every inventoried file is still read (or refused as unreadable)."""
    config = fast_config(tmp_path / "config")
    set_option(config, "newsclean", "part_size_bytes", str(PART_SIZE_BYTES))
    raw, out, cwd = tmp_path / "raw", tmp_path / "out", tmp_path / "cwd"
    (raw / "site").mkdir(parents=True)
    cwd.mkdir()
    names = [f"site/story-{number}.txt" for number in range(8)]
    for number, name in enumerate(names):
        (raw / name).write_text(story_text(100 + number), encoding="utf-8")
    assert run_child("inventory", raw, out, DAY, cwd, config)["status"] == "SUCCESS"
    [run] = out.iterdir()
    inventory = [json.loads(line) for line in (run / "inputs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len({row["part"] for row in inventory}) >= 3
    for name in names[:4]:
        (raw / name).unlink()
    (raw / "site" / "late-arrival.txt").write_text(story_text(200), encoding="utf-8")
    assert run_child("daily", raw, out, DAY, cwd, config)["status"] == "SUCCESS"
    records = {json.loads(line)["raw_path"] for path in (run / "corpus").glob("*.jsonl")
               for line in path.read_text(encoding="utf-8").splitlines()}
    ledger = {json.loads(line)["raw_path"]: json.loads(line)["reason"]
              for line in (run / "rejected.jsonl").read_text(encoding="utf-8").splitlines()}
    assert records == set(names[4:])
    assert ledger == {name: "unreadable" for name in names[:4]}


def test_manifest_with_a_nul_byte_is_refused_whole(tmp_path):
    (tmp_path / "manifest.csv").write_bytes(b"path,source\nsite/a.txt,Evil\x00Source\n")
    entries, refused = read_manifest(tmp_path)
    assert entries == {} and [(r.raw_path, r.reason) for r in refused] == [("manifest.csv", "manifest_binary")]


def test_manifest_without_a_path_column_is_refused(tmp_path):
    (tmp_path / "manifest.csv").write_text("url,source\nhttps://example.org/a,Site\n", encoding="utf-8")
    entries, refused = read_manifest(tmp_path)
    assert entries == {} and refused[0].reason == "manifest_missing_columns" and "url, source" in refused[0].detail


def test_utf16_manifest_is_read(tmp_path):
    (tmp_path / "manifest.csv").write_bytes(codecs.BOM_UTF16_LE + "path,source\nsite/a.txt,Señal\n".encode("utf-16-le"))
    entries, refused = read_manifest(tmp_path)
    assert refused == [] and entries["site/a.txt"].source == "Señal"


def test_manifest_linked_from_outside_is_not_read(tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("path\nroot:$6$hash-that-must-not-reach-the-ledger\n", encoding="utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "manifest.csv").symlink_to(secret)
    entries, refused = read_manifest(raw)
    assert entries == {} and [(r.raw_path, r.reason) for r in refused] == [("manifest.csv", "manifest_outside_raw")]
    assert "hash-that-must-not" not in refused[0].detail

"""Read and extract: the run's config record, the day's file list, and one task per file part."""

from __future__ import annotations

import collections
import datetime as dt
import json
from pathlib import Path

import luigi

from pipeline import settings as settings_module
from pipeline.io.layout import day_root, list_inputs, part_of
from pipeline.io.manifest import read_manifest
from pipeline.io.readers import read_documents
from pipeline.process import extract_document, template_keys
from pipeline.record import Rejection
from pipeline.tasks.base import PROGRESS_EVERY_DOCS, RunTask, dumps, read_jsonl, rejection_lines, write_atomically, write_jsonl


class RunConfigRecord(RunTask):
    """Write ``config.json``: what was hashed into the run folder's name, and the raw root.

    Output: ``RUN/config.json``. Complete when it exists.
    """

    def output(self):
        return self.target("config.json")

    def run(self):
        record = {
            "date": self.date.isoformat(),
            "raw": self.raw,
            "config_dir": str(settings_module.config_dir()),
            "config_hash": settings_module.config_hash(),
            "hashed": settings_module.significant_config(),
        }
        write_atomically(Path(self.output().path), (json.dumps(record, indent=2, sort_keys=True) + "\n").encode("utf-8"))


class InputInventory(RunTask):
    """List the day's raw files with their part and manifest metadata.

    Input: the raw folder (``RAW/<date>/`` or a flat ``RAW/``) and ``RAW/manifest.csv``.
    Output: ``RUN/inputs.jsonl`` (one line per readable file: relpath, size, part, manifest
    fields), written after ``RUN/inputs.rejected.jsonl`` (files and manifest rows refused).
    """

    n_parts = luigi.IntParameter(description="How many extraction parts the day's files split into")

    def requires(self):
        return RunConfigRecord(**self.run_params())

    def output(self):
        return self.target("inputs.jsonl")

    def run(self):
        raw = Path(self.raw)
        day = day_root(raw, self.date)
        files, refused = list_inputs(raw, day)
        manifest, manifest_refused = read_manifest(raw)
        write_jsonl(self.run_path("inputs.rejected.jsonl"), rejection_lines(refused + manifest_refused))
        rows = []
        for item in files:
            entry = manifest.get(item.relpath)
            rows.append(dumps({
                "relpath": item.relpath,
                "day_relpath": Path(raw, item.relpath).relative_to(day).as_posix(),
                "size_bytes": item.size_bytes,
                "part": part_of(item.relpath, self.n_parts),
                "manifest": None if entry is None else entry.__dict__,
            }))
        write_jsonl(Path(self.output().path), rows)


class ExtractPart(RunTask):
    """Read one part of the day's files: decode, extract HTML, name the source, count lines.

    Input: ``RUN/inputs.jsonl``. Outputs, side files first: ``RUN/extract/part-NNNNN/<source
    slug>.jsonl.gz`` (extracted documents), ``.../rejected.jsonl``, ``.../part_sources.jsonl``
    (per source: name and documents seen), ``.../line_counts.jsonl.gz`` (``[slug, normalised
    line, documents it occurs in]`` rows sorted by slug then line), then ``.../_SUCCESS``, whose
    presence means the part is complete.
    """

    n_parts = luigi.IntParameter()
    part = luigi.IntParameter()

    def requires(self):
        return InputInventory(n_parts=self.n_parts, **self.run_params())

    def part_dir(self) -> Path:
        return self.run_path("extract", f"part-{self.part:05d}")

    def output(self):
        return luigi.LocalTarget(str(self.part_dir() / "_SUCCESS"))

    def run(self):
        from pipeline.io.manifest import ManifestEntry

        loaded = settings_module.load_settings()
        limits, bp_settings = loaded["newsclean"], loaded["boilerplate"]
        inputs = [row for row in read_jsonl(Path(self.input().path)) if row["part"] == self.part]
        by_source: dict[str, list[str]] = collections.defaultdict(list)
        line_counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        doc_counts: collections.Counter = collections.Counter()
        source_names: dict[str, str] = {}
        rejected: list[Rejection] = []
        raw = Path(self.raw)
        for index, row in enumerate(inputs, start=1):
            manifest = ManifestEntry(**row["manifest"]) if row["manifest"] else None
            for item in read_documents(raw / row["relpath"], row["relpath"], limits.max_file_bytes,
                                       limits.max_record_bytes):
                if isinstance(item, Rejection):
                    rejected.append(item)
                    continue
                doc = extract_document(item, day_relpath=row["day_relpath"], manifest=manifest, limits=limits,
                                       boilerplate_settings=bp_settings)
                if isinstance(doc, Rejection):
                    rejected.append(doc)
                    continue
                slug = doc["source_slug"]
                source_names[slug] = doc["source"]
                by_source[slug].append(dumps(doc))
                doc_counts[slug] += 1
                line_counts[slug].update(template_keys(doc["body"]))
            if index % PROGRESS_EVERY_DOCS == 0 or index == len(inputs):
                self.report_progress(index, len(inputs), "files read")
        folder = self.part_dir()
        for slug in sorted(by_source):
            write_jsonl(folder / f"{slug}.jsonl.gz", sorted(by_source[slug]))
        write_jsonl(folder / "rejected.jsonl", rejection_lines(rejected))
        write_jsonl(folder / "part_sources.jsonl", [dumps({"source_slug": slug, "source": source_names[slug],
                                                           "n_docs": doc_counts[slug]}) for slug in sorted(doc_counts)])
        # One [slug, line, documents] row per line, sorted, so SiteLineCounts can merge the parts as streams.
        write_jsonl(folder / "line_counts.jsonl.gz", (dumps([slug, key, count]) for slug in sorted(line_counts)
                                                      for key, count in sorted(line_counts[slug].items())))
        write_atomically(Path(self.output().path), b"")


def part_count_for(raw: str, date: dt.date, limits, run_dir: str | None = None) -> int:
    """Return how many extraction parts the day's input needs.

    Once ``RUN/inputs.jsonl`` exists the run keeps to that inventory (files that arrive, grow
    or vanish later do not change the partition a resumed run expects); before, the files are
    listed.
    """
    from pipeline.io.layout import InputFile, part_count

    inventory = Path(run_dir, "inputs.jsonl") if run_dir else None
    if inventory is not None and inventory.exists():
        files = [InputFile(row["relpath"], row["size_bytes"]) for row in read_jsonl(inventory)]
    else:
        root = Path(raw)
        files, _ = list_inputs(root, day_root(root, date))
    return part_count(files, limits)

"""Quality floors: the metrics ``make eval`` must not fall below (trafilatura's eval-gate idea).

The floors file is JSON: ``{"<evaluation>": {"<metric>": floor, ...}, ...}``. A metric named
in the file but missing from the results counts as below its floor.
"""

from __future__ import annotations

import json
from pathlib import Path

DEFAULT_DATA = {
    "boilerplate": "boilerplate/dev",
    "langid": "langid/dev.tsv",
    "artifacts": "boilerplate/dev",
    "reliability": "reliability",
    "seeds": "../seeds",
}


def default_path(name: str, data_root: Path | None) -> Path:
    """Return where evaluation ``name`` reads its data, under the shared data root."""
    root = data_root or Path(__file__).resolve().parents[2].parent / "shared" / "data"
    return (root / DEFAULT_DATA[name]).resolve()


def load(path: Path) -> dict[str, dict[str, float]]:
    """Return the floors from a JSON file."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def check(results: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]) -> list[str]:
    """Return one line per metric below its floor (only for evaluations that were run)."""
    failures = []
    for name, metric_floors in sorted(floors.items()):
        if name not in results:
            continue
        for metric, floor in sorted(metric_floors.items()):
            value = results[name].get(metric)
            if value is None or value < floor:
                failures.append(f"{name}.{metric} = {value} < {floor}")
    return failures

"""Quality floors: the metrics ``make eval`` must not fall below (trafilatura's eval-gate idea).

The floors file is JSON: ``{"<evaluation>": {"<metric>": floor, ...}, ...}``; a floor may also
be ``{"max": ceiling}`` for metrics that must stay low (memory, false flags). Keys starting with
``_`` are comments. A metric named in the file but missing from the results counts as failing.
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
        if name.startswith("_") or name not in results:
            continue
        for metric, bound in sorted(metric_floors.items()):
            if metric.startswith("_"):
                continue
            value = results[name].get(metric)
            if isinstance(bound, dict):
                if value is None or value > bound["max"]:
                    failures.append(f"{name}.{metric} = {value} > {bound['max']} (ceiling)")
            elif value is None or value < bound:
                failures.append(f"{name}.{metric} = {value} < {bound}")
    return failures

"""Run one step of a day's pipeline in this process (in-process scheduler) and print a JSON line.

``python tests/robustness/run_child.py {inventory,daily} RAW OUT DATE`` prints
``{"status", "summary", "seconds", "max_rss_mb"}`` (configuration: ``$NEWSCLEAN_CONFIG_DIR``, else
the repository's ``config/``): the peak memory is this process's own, so a test can
bound the memory of a run without counting what the test process itself holds.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

import luigi

from pipeline.settings import use_config_dir


def main(argv: list[str]) -> int:
    step, raw, out, date = argv[0], str(Path(argv[1]).resolve()), str(Path(argv[2]).resolve()), dt.date.fromisoformat(argv[3])
    use_config_dir(None)  # $NEWSCLEAN_CONFIG_DIR, else the repository's config/
    from pipeline.tasks.daily import DailyRun
    from pipeline.tasks.extract import InputInventory

    daily = DailyRun(date=date, raw=raw, out=out)
    task = InputInventory(n_parts=daily.n_parts, **daily.params()) if step == "inventory" else daily
    started = time.monotonic()
    result = luigi.build([task], local_scheduler=True, detailed_summary=True, workers=1)
    print(json.dumps({
        "status": result.status.name,
        "summary": result.summary_text,
        "seconds": round(time.monotonic() - started, 2),
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

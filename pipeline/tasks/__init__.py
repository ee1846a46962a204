"""Luigi wiring: read a shard, loop, call the pure functions, write atomically.

Families, in order: RunConfigRecord, InputInventory, ExtractPart, SiteLineCounts, CleanShard,
AnnotateShard, CorpusShard, ScoreSource, ReliabilityTable, RejectedLedger, RunReport, DailyRun.
"""

from pipeline.tasks.daily import DailyRun  # noqa: F401  (luigi --module pipeline.tasks DailyRun)
from pipeline.tasks.extract import ExtractPart, InputInventory, RunConfigRecord  # noqa: F401
from pipeline.tasks.report import RejectedLedger, RunReport  # noqa: F401
from pipeline.tasks.score import ReliabilityTable, ScoreSource  # noqa: F401
from pipeline.tasks.shards import AnnotateShard, CleanShard, CorpusShard  # noqa: F401
from pipeline.tasks.template import SiteLineCounts  # noqa: F401

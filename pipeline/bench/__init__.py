"""``newsclean bench``: how fast the pipeline is, and how that compares with the bare libraries.

- :mod:`pipeline.bench.corpus` writes an invented raw corpus of N documents from a fixed seed
  (about 4 KB of text or 60 KB of HTML each, boilerplate included, several languages), from
  word lists and templates in code.
- :mod:`pipeline.bench.runner` runs the real pipeline on it (``luigi.build([DailyRun])``, local
  scheduler) in a fresh child process per measurement, times every task's ``run()`` through
  Luigi's ``PROCESSING_TIME`` event, records peak memory, and times the bare library loop
  (``trafilatura.extract`` for HTML, ``langdetect.detect_langs`` for every document) on the
  same files.
- :mod:`pipeline.bench.report` turns the measurements into the printed figures.

Ratios are what count: the machine a benchmark runs on is usually shared and noisy, so every
comparison (pipeline vs bare loop, 2 vs 1 worker, 10N vs N) is made within one invocation.
"""

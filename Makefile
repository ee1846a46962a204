# newsclean: `make run` (pipeline on raw/ into clean/) and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RAW ?= raw
OUT ?= clean
DATE ?= $(shell date +%F)
SHARED_DATA ?= ../shared/data

.PHONY: run test eval bench browser clean-runs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: setup.py | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: setup.py | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/newsclean run --raw $(RAW) --out $(OUT) --date $(DATE)

# The visualiser test drives Debian's Chromium; install it when missing (root, as here and in CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(VENV)/.installed-test browser
	$(BIN)/python -m pytest -q

eval: $(VENV)/.installed
	$(BIN)/newsclean eval all $(SHARED_DATA) --floors config/quality_floors.json

# The benchmark (issue 7): a generated corpus, the pipeline with one and two workers, the bare
# library loop, and the ratios. `make bench BENCH_DOCS=10000 BENCH_FORMAT=html BENCH_FLAGS=--growth`
BENCH_DOCS ?= 2000
BENCH_FORMAT ?= txt
BENCH_FLAGS ?=
bench: $(VENV)/.installed
	$(BIN)/newsclean bench --docs $(BENCH_DOCS) --format $(BENCH_FORMAT) --workers 2 $(BENCH_FLAGS)

clean-runs:
	rm -rf $(OUT)/20*_* $(OUT)/latest

# The two commands of the README: `make demo` and `make test`. Both do all set-up on a machine
# with Python 3.11+: `make demo` a .venv with docextract alone (what the demo needs), `make test`
# the same plus the development tools (the `dev` extra).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEV_STAMP := $(VENV)/.installed-dev-stamp
SAMPLE := examples/sample-pdu-report.pdf

.PHONY: demo test lint bench eval eval-producers fixtures golden setup clean stress

setup: $(DEV_STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

demo: $(STAMP)
	$(BIN)/docextract parse $(SAMPLE) --format table
	$(BIN)/docextract parse $(SAMPLE) --output out/sample-pdu-report.json
	@echo "JSON record written to out/sample-pdu-report.json"

test: $(DEV_STAMP)
	$(BIN)/python -m pytest -n auto

# The bulk pool's tests 20 times over, two at a time (pytest-xdist, test by test: --dist load) and each under load.
stress: $(DEV_STAMP)
	for i in $$(seq 20); do \
		DOCEXTRACT_STRESS_ROUNDS=2 $(BIN)/python -m pytest -q -p xdist -n 2 --dist load tests/regressions/test_pool_time_limit_counts_worker_import.py \
			tests/unit/bulk/test_bulk.py -k "pool or time_limit" || exit 1; \
	done

lint: $(DEV_STAMP)
	$(BIN)/ruff check docextract corpora tests benchmarks
	$(BIN)/mypy docextract corpora
	$(BIN)/lint-imports

# Field-level accuracy on the real corpus (PDF and text), on a generated batch, and one table
# per producer on the committed producer fixtures (no browser needed).
CORPUS ?= $(or $(DOCEXTRACT_CORPUS),../shared/corpus)
EVAL_SYNTH := benchmarks/work/eval-synth
PRODUCERS := reportlab fpdf2 weasyprint chromium libreoffice ghostscript
FIXTURES := tests/fixtures/producers
EVAL_FIXTURES := benchmarks/work/eval-fixtures
eval: $(DEV_STAMP)
	$(BIN)/docextract eval $(CORPUS)/pdf $(CORPUS)/expected
	$(BIN)/docextract eval $(CORPUS)/text $(CORPUS)/expected
	$(BIN)/python -m corpora.synth --out $(EVAL_SYNTH) --count 100 --seed 42 --text --quiet
	$(BIN)/docextract eval $(EVAL_SYNTH) $(EVAL_SYNTH)
	@for p in $(PRODUCERS); do \
	  rm -rf $(EVAL_FIXTURES)/$$p && mkdir -p $(EVAL_FIXTURES)/$$p && \
	  ln -s $(CURDIR)/$(FIXTURES)/$$p-*.pdf $(CURDIR)/$(FIXTURES)/$$p-*.json $(EVAL_FIXTURES)/$$p/ && \
	  $(BIN)/docextract eval $(EVAL_FIXTURES)/$$p $(EVAL_FIXTURES)/$$p || exit $$?; done

# A fresh random batch per producer, every layout variant, key-question column layouts too (needs chromium, soffice, gs):
# `make eval-producers EVAL_SEED=123` reproduces a run.
EVAL_COUNT ?= 40
EVAL_SEED := $(or $(EVAL_SEED),$(shell date +%s))
EVAL_PAGES ?= 10-20
EVAL_BATCH := benchmarks/work/eval-producers
eval-producers: $(DEV_STAMP)
	@echo "producer batches: $(EVAL_COUNT) reports each, seed $(EVAL_SEED), pages $(EVAL_PAGES)"
	@for p in $(PRODUCERS); do \
	  rm -rf $(EVAL_BATCH)/$$p && \
	  $(BIN)/python -m corpora.synth --out $(EVAL_BATCH)/$$p --count $(EVAL_COUNT) --seed $(EVAL_SEED) \
	    --pages $(EVAL_PAGES) --variants all_kq_columns --producer $$p --jobs 2 --quiet && \
	  $(BIN)/docextract eval $(EVAL_BATCH)/$$p $(EVAL_BATCH)/$$p || exit $$?; \
	  $(BIN)/python -m corpora.synth.checkbatch $(EVAL_BATCH)/$$p || true; done  # reported, not fatal (yet)

# Regenerate the committed producer fixtures (golden files: review the diff; refused under CI).
# Golden records (tests/golden): rewritten from today's parses, refused under CI; review git diff tests/golden.
golden: $(DEV_STAMP)
	DOCEXTRACT_REGENERATE_GOLDEN=1 $(BIN)/python -m pytest -q -s tests/acceptance/test_golden_records.py

fixtures: $(DEV_STAMP)
	$(BIN)/python -m corpora.synth.fixtures --write --out $(FIXTURES)

bench: $(DEV_STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache

# The two commands of the README: `make demo` and `make test`. Both do all set-up
# (a .venv with docextract and its development tools) on a machine with Python 3.11+.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SAMPLE := examples/sample-pdu-report.pdf

.PHONY: demo test lint bench eval setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/docextract parse $(SAMPLE) --format table
	$(BIN)/docextract parse $(SAMPLE) --output out/sample-pdu-report.json
	@echo "JSON record written to out/sample-pdu-report.json"

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check docextract corpora tests benchmarks
	$(BIN)/mypy docextract corpora

# Field-level accuracy on the real corpus (PDF and text) and on a generated batch.
CORPUS ?= $(or $(DOCEXTRACT_CORPUS),../shared/corpus)
EVAL_SYNTH := benchmarks/work/eval-synth
eval: $(STAMP)
	$(BIN)/docextract eval $(CORPUS)/pdf $(CORPUS)/expected
	$(BIN)/docextract eval $(CORPUS)/text $(CORPUS)/expected
	$(BIN)/python -m corpora.synth --out $(EVAL_SYNTH) --count 100 --seed 42 --text --quiet
	$(BIN)/docextract eval $(EVAL_SYNTH) $(EVAL_SYNTH)

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache

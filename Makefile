# Everything a fresh machine needs: `make demo` and `make test` build their own venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench golden clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/reconcile diff fixtures/press-2024-03-26/ministry-report.txt fixtures/press-2024-03-26/web-report.txt

lint: $(STAMP)
	$(BIN)/ruff check reconcile tests bench
	$(BIN)/ruff format --check reconcile tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

golden: $(STAMP)
	RECONCILE_UPDATE_GOLDEN=1 $(BIN)/pytest -q tests/test_render.py
	$(BIN)/reconcile merge fixtures/press-2024-03-26/ministry-report.txt fixtures/press-2024-03-26/web-report.txt -o reports/press-2024-03-26.md

bench: $(STAMP)
	$(BIN)/python bench/bench_diff.py
	$(BIN)/python bench/bench_facts.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache

# Two commands do everything on a fresh machine with Python 3.11:
#   make run    install, migrate, load the sample on first start, open the app
#   make test   install, lint, run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint install sample-reset bench-excel national-data bench-screens bench-journey bench-save bench-sync load-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run server.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest -q --numprocesses 2

# Reset the database (DATABASE_URL, or data/giamsat.sqlite3) to the sample data.
sample-reset: $(STAMP)
	$(BIN)/python -m sample_data reset --yes

# Excel speed against raw writer/reader floors; writes docs/PERFORMANCE.md.
bench-excel: $(STAMP)
	$(BIN)/python -m benchmarks.excel_bench

# A national-scale dataset (34 provinces, 3,321 communes, ~600,000 values) in var/.
national-data: $(STAMP)
	$(BIN)/python -m benchmarks.national

# Screens at 1/10, 1/3 and full national scale on SQLite and on a throw-away PostgreSQL
# (started as CI does), exports, server memory; docs/PERFORMANCE.md.
bench-screens: $(STAMP)
	$(BIN)/python -m benchmarks.screens_bench --postgres "$$(bash .ci/start-postgres)"

# One whole visit recorded in the browser: clicks, page and tab runs, time; docs/PERFORMANCE.md.
bench-journey: $(STAMP)
	$(BIN)/python -m benchmarks.visit_journey

# One save on the visit record at national scale: its server time; docs/PERFORMANCE.md.
bench-save: $(STAMP)
	$(BIN)/python -m benchmarks.visit_save

# Field sync: a day of work and a province checked out, into SQLite and a throw-away
# PostgreSQL (started as CI does); docs/PERFORMANCE.md.
bench-sync: $(STAMP)
	$(BIN)/python -m benchmarks.sync_bench --postgres "$$(bash .ci/start-postgres)"

# Ten browser sessions saving and reading at once against one server (needs chromium).
load-test: $(STAMP)
	$(BIN)/python -m benchmarks.load_test

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

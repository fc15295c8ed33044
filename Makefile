# The README's two commands are `make run` and `make test`; the rest are helpers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format bench faults

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# The Nu HTML checker (npm's vnu-jar) for the HTML validity test. Its install
# script, which fetches a Java runtime when none is found, is not needed: the
# test runs the system's `java`. Without npm that one test is skipped.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: the HTML validity test will be skipped (see README, Testing)."; \
	fi

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# In parallel, one worker per core (pytest-xdist): the suite is too long to run serially.
test: install node_modules/.installed
	$(BIN)/python -m pytest -n auto

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -c pyproject.toml -r .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The load benchmark (README, "Benchmark"): PostgreSQL, Redis and wrk needed.
# Options through ARGS, e.g. `make bench ARGS="--events 1000 --json bench.json"`.
bench: install
	$(BIN)/python -m bench $(ARGS)

# Load with PostgreSQL and Redis stopped in turn (README, "Load and faults").
faults: install
	$(BIN)/python -m bench.faults $(ARGS)

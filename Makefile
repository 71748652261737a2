# Handhavingscapaciteit in kaart. `make run` serves the dashboard, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run prepare test bench lint typecheck shape check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: requirements.txt constraints.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt constraints.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@ $(VENV)/.run-installed

## run: install, prepare boundaries + database (+ demo data when empty), serve on localhost:8501
run: $(VENV)/.run-installed prepare
	$(BIN)/python -m streamlit run dashboard.py --server.port $(PORT) --server.address localhost

prepare: $(VENV)/.run-installed
	$(BIN)/python -m capaciteit voorbereiden

## test: install and run the whole suite (unit, storage on SQLite/PostgreSQL, pages, browser)
test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## bench: print the benchmark figures with their floors and ratios, write bench-results/bench.json
## (set TEST_DATABASE_URL to measure PostgreSQL too; BENCH_ARGS="map upload" runs only those)
bench: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy src benchmarks
	$(BIN)/mypy --explicit-package-bases pages dashboard.py  # the pages import pages._shared

## shape: the package's shape (subpackages, no cycles, no private imports, modules <= 400 lines)
shape:
	@if [ -f ../shared/tools/shape.py ]; then $(PYTHON) ../shared/tools/shape.py .; else echo "shape: ../shared/tools/shape.py not found, skipped"; fi

## check: lint, types, shape and the whole suite (what CI runs)
check: lint typecheck shape test

clean:
	rm -rf $(VENV) static .pytest_cache .mypy_cache .ruff_cache

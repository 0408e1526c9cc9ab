# Two entry points for newcomers: `make run` and `make test`. Everything else is a building block.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SEED := fixtures/seed/seed.txt

.PHONY: run test venv dev lint typecheck pytest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

venv: $(VENV)/.installed
dev: $(VENV)/.installed-dev

## make run: set up and check the bundled seed article (exit 1 means findings, as in CI).
run: venv
	$(BIN)/irlint check $(SEED)

lint: dev
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: dev
	$(BIN)/mypy

pytest: dev
	$(BIN)/pytest

## make test: set up with dev tools and run the whole suite: ruff, mypy, pytest.
test: lint typecheck pytest

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# Two entry points for newcomers: `make run` and `make test`. Everything else is a building block.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SEED := fixtures/seed/seed.txt

.PHONY: run test venv dev languagetool chromium lint typecheck pytest schema clean bench

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

## make languagetool: fetch the pinned LanguageTool server jars from Maven Central into the user cache (once).
languagetool:
	@bash scripts/provision-languagetool.sh >/dev/null

## make chromium: install Debian's chromium and chromium-driver (once) for the browser tests of the HTML report.
chromium:
	@bash scripts/provision-chromium.sh

## make run: set up and check the bundled seed article (exit 1 means findings, as in CI).
# irlint exits 1 when it reports findings, as it does on the seed: that is the expected outcome here, not a failure.
run: venv languagetool
	@$(BIN)/irlint check $(SEED); code=$$?; \
	echo "irlint exit code: $$code (0 clean, 1 findings at or above --fail-on, 2 error)"; test $$code -le 1

lint: dev
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench

typecheck: dev
	$(BIN)/mypy

# pytest exits 5 when it collects no test: that is a failure here, never a pass.
pytest: dev languagetool chromium
	@$(BIN)/pytest; code=$$?; \
	if [ $$code -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi; exit $$code

## make test: set up with dev tools and run the whole suite: ruff, mypy, pytest.
test: lint typecheck pytest

## make schema: regenerate docs/rule-pack-schema.json from the pydantic models.
schema: venv
	$(BIN)/python -m irlint.rules.schema > docs/rule-pack-schema.json

## make bench: install Vale and proselint into bench/.tools, generate the corpora into bench/.work and run the
## benchmark (bench/README.md); BENCH_ARGS passes options to bench/run.py, e.g. BENCH_ARGS=--quick for a smoke run.
bench: venv languagetool
	bash bench/install-tools.sh
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# The two set-up commands of the README: `make demo` and `make test`.
# Each creates .venv at the repo root when missing and installs what it needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= demo-data
# Test workers: three per core. Most of the suite's time is spent waiting (Pilot
# waits for the app to go idle, fsync, child processes killed and restarted): with
# one worker per core a 2-core machine stays about two-thirds idle.
WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 2) * 3 )))

.PHONY: demo test bench mutation lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the project's dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/atelier --data-dir $(DEMO_DIR) demo

# The checks a Python team runs, before the suite: lint and import order
# (ruff), types (mypy: the core, the exercises and the screens fully typed; the
# tests are not type-checked, so no `type: ignore` there, it would answer no tool), and the
# layering contract (the core never imports the interface).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	@! grep -rn --include='*.py' 'type: ignore' tests || { echo 'tests/ is not type-checked: remove these type: ignore comments'; exit 1; }
	$(BIN)/lint-imports pyproject.toml

# Tests are handed out one at a time (--maxschedchunk 1), longest first (the order
# tests/conftest.py gives them): xdist's default sends each worker a quarter of its
# share at once, in file order, and a long test met late kept the run going alone.
#
# Bytecode caches are written for the tests even where the environment sets
# PYTHONDONTWRITEBYTECODE (this machine's image does): otherwise each of the six
# workers, and each process the kill tests start, compiles the project and rewrites
# the tests' assertions from source (6 s of CPU per worker instead of 2). One
# collection first writes them, so that the workers starting together find them; its
# output is dropped, the run itself reports any error.
test: lint
	-PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest --collect-only -q -p no:xdist > /dev/null 2>&1
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n $(WORKERS) --dist load --maxschedchunk 1

bench: $(STAMP)
	$(BIN)/python tests/bench/run.py

# Mutation testing of the core (slow: hours from scratch, minutes after a change;
# not part of `make test`). Results are kept in mutants/ (git-ignored) between runs.
# `make mutation MODULES=workshop.timer` runs one module again; the score per module
# and the unexplained survivors are printed (tests/mutation_score.py). After adding
# functions, `make mutation MUTATION_FLAGS=--fresh-stats` maps the tests again; after
# writing tests, `make mutation MUTATION_FLAGS=--survivors MODULES=…` runs only the survivors again.
MODULES ?=
MUTATION_FLAGS ?=
$(VENV)/.mutation: pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	touch $@

mutation: $(VENV)/.mutation
	$(BIN)/python tests/mutation_score.py --run $(MUTATION_FLAGS) $(MODULES)

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache mutants

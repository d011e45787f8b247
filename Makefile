# The two set-up commands of the README: `make demo` and `make test`.
# Each creates .venv at the repo root when missing and installs what it needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= demo-data

.PHONY: demo test bench lint clean

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
# (ruff), types (mypy: the core and the exercises fully typed), and the
# layering contract (the core never imports the interface).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports pyproject.toml

test: lint
	$(BIN)/python -m pytest -n auto

bench: $(STAMP)
	$(BIN)/python tests/bench/run.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache

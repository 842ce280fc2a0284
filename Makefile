# Two set-up commands: `make demo` and `make test`. Each bootstraps .venv from pinned requirements.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NOSDK := .venv-nosdk
DEMO := .venv-demo
PIN := -r requirements/test.txt -c requirements/constraints.txt
PROJECT_SOURCES := $(shell find stubs mypy_plugin lint_rules -type f -not -path '*/__pycache__/*' 2>/dev/null) pyproject.toml

.PHONY: demo test bench fuzz lock clean

$(BIN)/.deps: requirements/test.txt requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(PIN)
	$(BIN)/pyright --version >/dev/null  # fetches pyright's node package once
	touch $@

# The project itself, installed as users get it: the four wheels (mellea-lint, mellea-stubs,
# mellea-mypy and the mellea-typing meta-package) built once, installed into each venv.
# Tests that need one part alone install from this same set (--no-index --find-links).
# Built with the demo environment (it has hatchling), so `make demo` needs no other venv.
WHEEL_DIR := build/wheel
PARTS := . ./lint_rules ./stubs ./mypy_plugin
OUR_DISTS := mellea-typing mellea-lint mellea-stubs mellea-mypy
$(WHEEL_DIR)/.stamp: $(DEMO)/.deps $(PROJECT_SOURCES)
	rm -rf $(WHEEL_DIR)
	$(DEMO)/bin/python -m pip wheel --quiet --no-deps --no-build-isolation -w $(WHEEL_DIR) $(PARTS)
	touch $@

# Uninstall first: a venv made before the split has one mellea-typing that owns every file.
define install_project
	$(1)/python -m pip uninstall --quiet --yes $(OUR_DISTS) 2>/dev/null || true
	$(1)/python -m pip install --quiet --no-deps $(WHEEL_DIR)/*.whl
endef

$(BIN)/.project: $(BIN)/.deps $(WHEEL_DIR)/.stamp
	$(call install_project,$(BIN))
	touch $@

# A second environment with mellea's base dependencies only: the optional SDKs
# (transformers, litellm, ibm-watsonx-ai) are absent, so the stubs must degrade to Any.
$(NOSDK)/.deps: requirements/test.txt requirements/constraints.txt
	$(PYTHON) -m venv $(NOSDK)
	$(NOSDK)/bin/python -m pip install --quiet mellea==0.8.0 -c requirements/constraints.txt
	touch $@

$(NOSDK)/.project: $(NOSDK)/.deps $(WHEEL_DIR)/.stamp
	$(call install_project,$(NOSDK)/bin)
	touch $@

# `make demo` runs where a user would: mellea, the five checkers, the fixer, the language
# server, and this project (requirements/demo.txt; no provider SDKs).
$(DEMO)/.deps: requirements/demo.txt requirements/constraints.txt
	$(PYTHON) -m venv $(DEMO)
	$(DEMO)/bin/python -m pip install --quiet -r requirements/demo.txt -c requirements/constraints.txt
	$(DEMO)/bin/pyright --version >/dev/null  # fetches pyright's node package once
	touch $@

$(DEMO)/.project: $(DEMO)/.deps $(WHEEL_DIR)/.stamp
	$(call install_project,$(DEMO)/bin)
	touch $@

demo: $(DEMO)/.project
	$(DEMO)/bin/python examples/demo.py

test: $(BIN)/.project $(NOSDK)/.project $(DEMO)/.project
	$(BIN)/python -m pytest -n 2 -q

bench: $(BIN)/.project $(NOSDK)/.project
	$(BIN)/python bench/run_all.py

# Nightly-style: 50,000 generated programs through the lint engine and the autofix, and the
# full-size (50 MB) bad inputs through flake8.
fuzz: $(BIN)/.project
	MELLEA_FUZZ_EXAMPLES=50000 MELLEA_NIGHTLY=1 $(BIN)/python -m pytest -q -n 2 \
		tests/lint/test_lint_fuzz.py tests/autofix/test_autofix_fuzz.py tests/hardness/test_flake8_bad_input.py

# Re-freeze the transitive closure after changing requirements/test.txt.
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -r requirements/test.txt
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -Ev '^mellea-(typing|lint|stubs|mypy)\b' > requirements/constraints.txt
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) $(NOSDK) $(DEMO) build dist .mypy_cache .pytest_cache

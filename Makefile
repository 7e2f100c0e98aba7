# The two commands of the README:  make lab  ·  make test
# Everything runs from a virtual environment in .venv, installed with the pinned versions in
# requirements/constraints.txt (refresh them with `make pins`).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
PINS   := requirements/constraints.txt
# The lessons, from lessons.toml (read with the system Python, so it works before .venv exists).
NOTEBOOKS = $(or $(shell PYTHONPATH=src $(PYTHON) -m lessonkit.manifest notebooks),$(error lessons.toml gave no notebooks (see the message above)))
# Jupyter refuses to run as root unless told; CI and containers often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_ARGS ?=
# make lab LANG=de opens the German lesson 1. LANG is also the shell's locale (C.UTF-8,
# en_US.UTF-8, de_AT.UTF-8 ...): only the exact value "de" chooses German.
LAB_FIRST = $(if $(filter de,$(LANG)),$(firstword $(shell PYTHONPATH=src $(PYTHON) -m lessonkit.manifest notebooks de)),$(firstword $(NOTEBOOKS)))
# NO_INSTALL=1 runs a target with .venv as it is, installing nothing (the tests use it: the test
# suite never installs packages).
LAB_ENV  := $(if $(NO_INSTALL),,$(VENV)/.lab-installed)
TEST_ENV := $(if $(NO_INSTALL),,$(VENV)/.test-installed)

.PHONY: timing-tables translations axe test-oldest lab test unit notebooks browser execute bench student publish-student html worksheet links pins answer-key clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The stamps record what was installed; they are remade when the pins or pyproject change.
$(VENV)/.lab-installed: $(BIN)/python pyproject.toml $(PINS)
	$(PIP) install -c $(PINS) -e '.[lab]'
	@touch $@

# Everything the test suite needs: JupyterLab, the test tools, the browser driver, repo2docker.
TEST_EXTRAS := lab,test,browser,binder
$(VENV)/.test-installed: $(BIN)/python pyproject.toml $(PINS)
	$(PIP) install -c $(PINS) -e '.[$(TEST_EXTRAS)]'
	@touch $@ $(VENV)/.lab-installed

# Saving a lesson keeps the static previews of its widgets, never widget state (lessonkit.jupyter_presave).
PRESAVE := --ServerApp.jpserver_extensions=lessonkit.jupyter_presave=True

## make lab [LANG=de]: set up and open the lessons in JupyterLab (saved lessons keep static previews);
## LANG=de opens the German edition
lab: $(LAB_ENV)
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/$(or $(LAB_FIRST),$(error lessons.toml lists no German lessons)) $(PRESAVE) $(ROOT_FLAG) $(LAB_ARGS)

# axe-core (npm) for the accessibility checks in the browser tests; pinned, never committed.
AXE_VERSION := 4.10.3
AXE := $(VENV)/axe/node_modules/axe-core/axe.min.js
$(AXE): | $(BIN)/python
	npm install --silent --prefix $(VENV)/axe --no-save --no-audit --no-fund --no-package-lock axe-core@$(AXE_VERSION)
axe: $(AXE)

## make test: set up and run every test (unit, notebooks with nbval, browser)
# pytest-xdist: one worker per core; a test file (a notebook) stays on one worker, so its
# module fixtures (a JupyterLab server, a kernel) start once.
XDIST := -n auto --dist loadfile

# tests/nbval_quiet.py: nbval pretty-prints every kernel message for a debug log it then drops.
test: $(VENV)/.test-installed $(AXE)
	$(BIN)/python -m pytest $(XDIST) -p tests.nbval_quiet tests notebooks --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg

## make unit: the fast tests (no browser, no notebook runs, nothing marked slow; under 20 s)
# Python may keep compiled modules (__pycache__, ignored by git) even where PYTHONDONTWRITEBYTECODE
# is set: else every run compiles src/, tests/ and pytest's rewritten asserts again (about 3 s).
# tests/lazy_imports.py spares every run the 1.4 s import of rfc3987_syntax (via nbformat).
unit: $(VENV)/.test-installed
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest $(XDIST) -p tests.lazy_imports tests --ignore=tests/browser -m "not slow"

notebooks: $(VENV)/.test-installed
	$(BIN)/python -m pytest -p tests.nbval_quiet notebooks --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg

browser: $(VENV)/.test-installed $(AXE)
	$(BIN)/python -m pytest tests/browser

## make test-oldest: run the lessons in .venv-oldest, with the oldest versions pyproject.toml and
## environment.yml admit (requirements/oldest.txt); fails on any error or warning in a cell
OLDEST := .venv-oldest
$(OLDEST)/.installed: requirements/oldest.txt pyproject.toml
	rm -rf $(OLDEST) && $(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip --disable-pip-version-check -q install -r requirements/oldest.txt
	@touch $@

test-oldest: $(OLDEST)/.installed
	PYTHONPATH="$(CURDIR)/src" $(OLDEST)/bin/python tools/check_notebooks_run.py $(NOTEBOOKS)

## make execute: re-run the notebooks in place, storing outputs (widgets as static previews, no widget state)
execute: $(VENV)/.test-installed
	$(BIN)/python tools/execute_notebooks.py $(NOTEBOOKS)

## make bench: notebook run time against a floor, interactive redraw times, kernel memory growth on re-runs
bench: $(VENV)/.test-installed
	$(BIN)/python tools/bench_notebooks.py $(NOTEBOOKS)
	$(BIN)/python tools/bench_charts.py
	$(BIN)/python tools/bench_memory.py $(firstword $(NOTEBOOKS))

## make pins: re-resolve the newest allowed versions and write them to requirements/constraints.txt
pins: $(BIN)/python
	rm -rf .pins-venv && $(PYTHON) -m venv .pins-venv
	.pins-venv/bin/python -m pip -q install -e '.[$(TEST_EXTRAS)]'
	.pins-venv/bin/python -m pip freeze --all --exclude-editable | grep -v '^lessonkit\|^pip==' > $(PINS)
	rm -rf .pins-venv
	@echo "Wrote $(PINS). Now run: make execute && make test"

## make student: the student edition as a complete repository in build/student (no solutions,
## no teacher files), after checking every solution against its check
STUDENT_DIR ?= build/student
student: $(TEST_ENV)
	$(BIN)/python tools/student_edition.py $(STUDENT_DIR) $(NOTEBOOKS)

## make publish-student [BRANCH=student]: commit build/student to that branch (working tree untouched)
BRANCH ?= student
publish-student: student
	$(BIN)/python tools/publish_student.py $(STUDENT_DIR) $(BRANCH)

## make html: the student edition as offline web pages in build/html (one per lesson, and an index)
HTML_DIR ?= build/html
html: student
	$(BIN)/python tools/html_pages.py $(STUDENT_DIR) $(HTML_DIR)

## make worksheet: the pages and the answer key printed to PDF with Chromium, in build/worksheets
WORKSHEET_DIR ?= build/worksheets
worksheet: html
	$(BIN)/python tools/worksheets.py $(HTML_DIR) $(WORKSHEET_DIR)

## make links REPO=owner/name [REF=student] [HUB=https://hub.example.edu]: launch links for a class
## (REF defaults to the branch `student` when make publish-student made it, else main)
links:
	@PYTHONPATH=src $(PYTHON) tools/links.py "$(REPO)" "$(REF)" "$(HUB)"

## make answer-key: regenerate teacher/answer_key.md (and teacher/de/answer_key.md, in German)
## from the quiz banks and the solutions
answer-key: $(VENV)/.test-installed
	$(BIN)/python tools/teacher_answer_key.py teacher/answer_key.md
	$(BIN)/python tools/teacher_answer_key.py --de teacher/de/answer_key.md

## make timing-tables: rewrite the per-section timing table of each teacher guide from its stored lesson
timing-tables: $(TEST_ENV)
	$(BIN)/python tools/timing_tables.py

## make translations: refresh the German catalogues (locale/de/*.po, quizzes/de/*.toml, and
## lessonkit's own src/lessonkit/locale/de/*.po) from the English and report untranslated /
## fuzzy / obsolete / stale entries (fails if any)
translations: $(TEST_ENV)
	$(BIN)/python tools/translations.py update
	$(BIN)/python tools/ui_strings.py update
	$(BIN)/python tools/translations.py report
	$(BIN)/python tools/ui_strings.py check

clean:
	rm -rf build .pytest_cache

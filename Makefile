# Vertrieb 3.0 – course commands (Linux/macOS). Only python3 (3.11, 3.12 or 3.13) and make are
# needed; everything else is installed into .venv from requirements/constraints.txt (exact,
# tested versions). Without make (Windows): `pip install -c requirements/constraints.txt .`
# and `vertrieb30-lab` (see README).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
CONSTRAINTS := requirements/constraints.txt
PORT ?= 8888
PYTEST_ARGS ?=
NBVAL_SANITIZE := tests/nbval_sanitize.cfg

.PHONY: help check-python setup setup-test lab test test-fast notebooks benchmark handouts voila hub-benchmark check-wheels mutation screenshots lock clean

help:
	@echo "make lab        – JupyterLab mit dem Kurs starten (richtet beim ersten Mal alles ein)"
	@echo "make test       – alle Tests (Unit, nbval, Browser, Voilà, JupyterHub)"
	@echo "make notebooks  – alle Notebooks neu ausführen und gespeichert ablegen (für Autorinnen und Autoren)"
	@echo "make benchmark  – Geschwindigkeit und Speicher messen"
	@echo "make handouts   – Arbeitsblätter ohne Lösungen nach build/handouts bauen"
	@echo "make voila MODULE=04 – ein Modul als Web-App (Voilà) zeigen"
	@echo "make hub-benchmark N=20 – JupyterHub-Lasttest mit echten Unix-Benutzern (als root)"
	@echo "make check-wheels – prüfen, ob es für alle Pins Wheels für Python 3.11–3.13 gibt (braucht PyPI)"
	@echo "make mutation   – Mutationstests der Bewertungsregeln (langsam; MUTANTS=\"course_lib.exercises.checks*\" grenzt ein)"

# Python 3.11–3.13 (requires-python in pyproject.toml); a German message names what was found.
CHECK_PY := import sys; v = sys.version_info; sys.exit(0 if (3, 11) <= v[:2] <= (3, 13) else \
  "Vertrieb 3.0 braucht Python 3.11, 3.12 oder 3.13 – gefunden wurde Python %d.%d.%d (%s). " \
  "Installieren Sie eine dieser Versionen und rufen Sie z. B. make lab PYTHON=python3.12 auf." \
  % (v[0], v[1], v[2], sys.executable))

check-python:
	@if test -x $(PY); then $(PY) -c '$(CHECK_PY)'; else $(PYTHON) -c '$(CHECK_PY)'; fi

$(VENV)/.stamp-run: pyproject.toml $(CONSTRAINTS)
	@test -x $(PY) || { $(PYTHON) -c '$(CHECK_PY)' && $(PYTHON) -m venv $(VENV); }
	@$(PY) -c '$(CHECK_PY)'
	$(PIP) install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e .
	$(PY) -m course_lib.setup_lab
	@touch $@

$(VENV)/.stamp-test: $(VENV)/.stamp-run
	$(PIP) install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e ".[test]"
	@touch $@

setup: $(VENV)/.stamp-run
setup-test: $(VENV)/.stamp-test

lab: setup
	@exec $(PY) -m course_lib.launcher --port=$(PORT) --root="$(CURDIR)"

test: setup-test
	$(PY) -m pytest tests notebooks exercises instructor --nbval --nbval-current-env \
	  --nbval-sanitize-with $(NBVAL_SANITIZE) -n 2 --dist loadfile -p no:cacheprovider $(PYTEST_ARGS)

# Unit tests only (quick feedback while writing course_lib).
test-fast: setup-test
	$(PY) -m pytest tests -m "not browser and not hub and not slow" -n 2 --dist loadfile -p no:cacheprovider $(PYTEST_ARGS)

notebooks: setup-test
	$(PY) -m course_lib.authoring.execute_all $(NB)

benchmark: setup-test
	$(PY) -m course_lib.authoring.benchmark $(BENCH_ARGS)

handouts: setup
	$(PY) -m course_lib.exercises.handout build/handouts

voila: setup
	@NB=$$(ls notebooks/$(MODULE)_*.ipynb | head -1); \
	echo "Voilà zeigt $$NB auf http://127.0.0.1:$(PORT)/"; \
	exec $(VENV)/bin/voila "$$NB" --port=$(PORT) --no-browser --Voila.ip=127.0.0.1 --strip_sources=True

# JupyterHub load test with real Unix users (as root; see docs/JUPYTERHUB.md). Not in `make test`
# at this size (make test runs it with N = 3).
# Every notebook, run, as page PNGs at laptop width (SHOT_WIDTH=1000 SHOT_SIDEBAR=1: about 650 px
# of notebook) in build/screenshots – look at the pages you changed.
screenshots: setup-test
	SHOT_WIDTH=$(or $(SHOT_WIDTH),1000) SHOT_SIDEBAR=$(or $(SHOT_SIDEBAR),1) $(PY) -m tests.browser.screenshots build/screenshots $(NOTEBOOKS)

hub-benchmark: setup-test
	$(PY) -m tests.hub.loadtest --learners $(or $(N),20)

# Do the pinned constraints resolve to wheels for CPython 3.11/3.12/3.13 on Linux, macOS and
# Windows? Asks the package index (pip download --only-binary); run it when the lock changes.
# Not part of `make test`: a slow or unreachable index must not turn CI red.
# Mutation testing of the rules a learner's result depends on (slow: not part of `make test`).
# Prints killed/survived per file; MUTANTS="course_lib.exercises.checks*" restricts the run.
mutation: setup-test
	$(PIP) install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e ".[test,mutation]"
	rm -rf mutants
	$(PY) -m course_lib.authoring.mutation $(MUTANTS)

check-wheels: setup-test
	$(PIP) install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e ".[test,mutation]"  # the closure reads installed metadata
	$(PY) .ci/check_wheels.py $(WHEEL_ARGS)

# Regenerate the exact pins after changing dependencies in pyproject.toml (maintainers only).
# The freeze sees only this machine's packages: the block "platform-only pins" at the end of
# the constraints (Windows/macOS/3.13-only packages, with markers) is kept as it is – check it
# with `make check-wheels` ("not pinned" must stay empty).
lock:
	rm -rf build/lockenv && $(PYTHON) -m venv build/lockenv
	build/lockenv/bin/pip install --quiet --disable-pip-version-check -c requirements/lock-caps.txt -e ".[test,mutation]"
	sed -n '/^# --- platform-only pins/,$$p' $(CONSTRAINTS) > build/platform-pins.txt
	# a package the platform block pins itself (per platform, with markers) leaves the frozen part
	sed -n 's/^\([A-Za-z0-9._-]*\)==.*;.*/^\1==/p' build/platform-pins.txt | sort -u > build/platform-names.txt
	build/lockenv/bin/pip freeze --exclude-editable | grep -v '^-e' | grep -v -i -f build/platform-names.txt > $(CONSTRAINTS)
	cat build/platform-pins.txt >> $(CONSTRAINTS)
	$(PYTHON) -m course_lib.authoring.sync_env

clean:
	rm -rf $(VENV) build .pytest_cache

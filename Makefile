# Vertrieb 3.0 – course commands. Only python3 (3.11) and make are needed; everything else
# is installed into .venv from requirements/constraints.txt (exact, tested versions).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
CONSTRAINTS := requirements/constraints.txt
PORT ?= 8888
PYTEST_ARGS ?=
NBVAL_SANITIZE := tests/nbval_sanitize.cfg

.PHONY: help setup setup-test lab test test-fast notebooks benchmark handouts voila hub-benchmark lock clean screenshots

help:
	@echo "make lab        – JupyterLab mit dem Kurs starten (richtet beim ersten Mal alles ein)"
	@echo "make test       – alle Tests (Unit, nbval, Browser, Voilà, JupyterHub)"
	@echo "make notebooks  – alle Notebooks neu ausführen und gespeichert ablegen (für Autorinnen und Autoren)"
	@echo "make benchmark  – Geschwindigkeit und Speicher messen"
	@echo "make handouts   – Arbeitsblätter ohne Lösungen nach build/handouts bauen"
	@echo "make voila MODULE=04 – ein Modul als Web-App (Voilà) zeigen"

$(VENV)/.stamp-run: pyproject.toml $(CONSTRAINTS)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 needed, found " + sys.version' 
	$(PIP) install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e .
	$(PY) -m course_lib.setup_lab
	@touch $@

$(VENV)/.stamp-test: $(VENV)/.stamp-run
	$(PIP) install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e ".[test]"
	@touch $@

setup: $(VENV)/.stamp-run
setup-test: $(VENV)/.stamp-test

lab: setup
	@TOKEN=$$($(PY) -c 'import secrets; print(secrets.token_hex(16))'); \
	ROOTFLAG=$$( [ "$$(id -u)" = 0 ] && echo --allow-root ); \
	echo ""; \
	echo "  Vertrieb 3.0 startet. Öffnen Sie im Browser:"; \
	echo "  http://127.0.0.1:$(PORT)/lab/tree/notebooks/00_Start.ipynb?token=$$TOKEN"; \
	echo "  (Beenden mit Strg+C)"; echo ""; \
	exec $(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
	  --ServerApp.port_retries=0 --IdentityProvider.token=$$TOKEN \
	  --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks/00_Start.ipynb \
	  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	  $$ROOTFLAG

test: setup-test
	$(PY) -m pytest tests notebooks exercises instructor --nbval --nbval-current-env \
	  --nbval-sanitize-with $(NBVAL_SANITIZE) -n 2 --dist loadfile -p no:cacheprovider $(PYTEST_ARGS)

# Unit tests only (quick feedback while writing course_lib).
test-fast: setup-test
	$(PY) -m pytest tests -m "not browser and not hub and not slow" -n 2 -p no:cacheprovider $(PYTEST_ARGS)

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

# Every notebook, run, as page PNGs at laptop width (SHOT_WIDTH=1000 SHOT_SIDEBAR=1: about 650 px
# of notebook) in build/screenshots – look at the pages you changed.
screenshots: setup-test
	SHOT_WIDTH=$(or $(SHOT_WIDTH),1000) SHOT_SIDEBAR=$(or $(SHOT_SIDEBAR),1) $(PY) -m tests.browser.screenshots build/screenshots $(NOTEBOOKS)

hub-benchmark: setup-test
	$(PY) -m tests.hub.loadtest --learners $(or $(N),20)

# Regenerate the exact pins after changing dependencies in pyproject.toml (maintainers only).
lock:
	rm -rf build/lockenv && $(PYTHON) -m venv build/lockenv
	build/lockenv/bin/pip install --quiet --disable-pip-version-check -e ".[test]"
	build/lockenv/bin/pip freeze --exclude-editable | grep -v '^-e' > $(CONSTRAINTS)
	$(PYTHON) -m course_lib.authoring.sync_env

clean:
	rm -rf $(VENV) build .pytest_cache

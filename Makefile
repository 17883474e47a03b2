# Quick start: `make run` (serve the demo at http://127.0.0.1:8000/) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Runtime packages (requirements.txt) for run, serve, bench and backups; tests and tools
# (requirements-dev.txt) on top of them for test, lint and format. Each stamp is remade when
# its file, or the runtime's, changes.
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
PORT ?= 8000
DEV_ENV := DJANGO_DEBUG=1

.PHONY: run test test-quick chromium lint format messages serve bench clean backup restore install install-dev

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (PYTHON=$(PYTHON))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(DEV_STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

run: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	@# The citation worker beside the server (README: Citations), stopped with it (Ctrl-C too:
	@# a background job of a script ignores SIGINT, so the trap ends it).
	$(DEV_ENV) $(BIN)/python manage.py render_citations --worker & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# `make test` is the whole suite, the browser tests included: they need Chromium and, for
# axe-core, Node.js (npm ci runs when node_modules is missing or package-lock.json changed).
# REQUIRE_BROWSER=0 lets them skip where those are missing. The suite runs on every core up
# to 4 (pytest-xdist; PYTEST_WORKERS=0 runs it in one process); MARKS narrows it, e.g.
# `make test MARKS="not slow"` (= make test-quick); PYTEST_ARGS go to pytest as they are.
REQUIRE_BROWSER ?= 1
export REQUIRE_BROWSER
PYTEST_WORKERS ?= auto --maxprocesses=4
MARKS ?=
NPM_STAMP := node_modules/.installed
CHROMIUM ?= $(or $(CHROMIUM_PATH),/usr/bin/chromium)
BROWSER_TOOLS := apt-get install chromium fonts-noto-cjk nodejs npm
PYTEST := $(BIN)/python -m pytest -n $(PYTEST_WORKERS)
only = $(if $(MARKS),$(1) and ($(MARKS)),$(1))

$(NPM_STAMP): package-lock.json
	@command -v npm >/dev/null || { echo "make test runs the browser tests, which need Node.js: $(BROWSER_TOOLS) (or make test REQUIRE_BROWSER=0)"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NPM_STAMP)

chromium:
	@test -x "$(CHROMIUM)" || { echo "make test runs the browser tests, which need Chromium: $(BROWSER_TOOLS) (or make test REQUIRE_BROWSER=0)"; exit 1; }

# Browser tests run in their own process: Playwright's driver threads and the
# citation engine's V8 contexts are kept apart.
test: $(DEV_STAMP) $(if $(filter 1,$(REQUIRE_BROWSER)),chromium $(NPM_STAMP))
	$(PYTEST) -m "$(call only,not browser)" $(PYTEST_ARGS)
	$(PYTEST) -m "$(call only,browser)" $(PYTEST_ARGS)

# The suite without the tests marked slow (each over 3 s on its own).
test-quick: MARKS = not slow
test-quick: test

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

format: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Production server: gunicorn + whitenoise (hashed, gzip/brotli static files). Needs
# DJANGO_SECRET_KEY and refuses DJANGO_DEBUG. Local try: DJANGO_SECRET_KEY=local make serve
serve: $(STAMP)
	@test -n "$$DJANGO_SECRET_KEY" || { echo "make serve needs DJANGO_SECRET_KEY"; exit 1; }
	@case "$$DJANGO_DEBUG" in 1|true|True|yes|on) echo "make serve refuses DJANGO_DEBUG"; exit 1;; esac
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/gunicorn --config gunicorn.conf.py

# Benchmarks (bench/RESULTS.md); BENCH_ARGS=--smoke for a quick run without timings.
bench: $(STAMP)
	$(BIN)/python bench/run_all.py $(BENCH_ARGS)

# Refresh the message catalogs after changing interface strings, then compile them.
messages: $(STAMP)
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages --locale zh_Hans --locale en --ignore '.venv/*' --no-obsolete
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --ignore '.venv/*'

# Database dump and media archive in backups/<timestamp>/ (README: Backups). The settings
# come from the environment, as for the server itself; without DJANGO_SECRET_KEY in it,
# those of `make run` (the development database and media folder).
BACKUP_ENV = $(if $(DJANGO_SECRET_KEY),,$(DEV_ENV))

backup: $(STAMP)
	$(BACKUP_ENV) $(BIN)/python manage.py backup

# make restore BACKUP=backups/20250101T000000Z
restore: $(STAMP)
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/<timestamp>"; exit 2; }
	$(BACKUP_ENV) $(BIN)/python manage.py restore $(BACKUP)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .import_linter_cache

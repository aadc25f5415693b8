# Masthead: `make run` brings the newsroom up, `make test` checks it. See README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
# "-bytecode": venvs installed before uv compiled the dependencies sync once more (nothing is reinstalled).
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)-bytecode
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: run dev prod bench-prod bench-coldstart chaos install migrate setup test test-fast lint format bench bench-article bench-narration bench-newsletter bench-distribution bench-import bench-live bench-pages node_modules reset clean lock

# The embedded profile through gunicorn with DEBUG off: one process (its local caches are per process), threads.
run: setup
	@$(PY) manage.py collectstatic --noinput -v0
	@echo "Starting web (http://127.0.0.1:8000), worker and narrator. Ctrl-C stops them all."
	@DEBUG=false WEB_WORKERS=1 WEB_THREADS=8 $(VENV)/bin/honcho -f Procfile start

# Django's development server with auto-reload, and the worker.
dev: setup
	@$(VENV)/bin/honcho -f Procfile.dev start

# The production profile: Varnish on PROD_PORT (8080), two web nodes, two workers, PostgreSQL, Redis.
prod: install
	@$(PY) -m masthead.caching.prod

bench-prod: install
	@$(PY) -m masthead.caching.bench $(BENCH_ARGS)

# A web worker's cold start, import CPU and RSS against main's (a worktree: BENCH_ARGS="--baseline PATH --runs 7").
bench-coldstart: install
	@$(PY) -m masthead.caching.bench --cold-start-only $(BENCH_ARGS)

# Fault scenarios against the production profile (Redis, SMTP, PostgreSQL cut through loopback proxies; a worker
# SIGKILLed; hostile input): a table, exit 1 on any unexpected 5xx or lost work. See masthead/core/chaos.py.
chaos: install
	@$(PY) -m masthead.core.chaos

# Bytecode for the dependencies (uv) and Masthead's own modules: without it every process compiles each module it
# imports again wherever Python may not write __pycache__ (a service user's read-only tree, PYTHONDONTWRITEBYTECODE),
# which was two thirds of a web worker's cold start. compileall skips what is current.
install: $(STAMP)
	@$(PY) -m compileall -q masthead

# Reinstall only when the lock file changes.
$(STAMP): requirements.lock
	@$(PYTHON) -c "import sys; sys.exit(sys.version_info[:2] != (3, 11))" || { echo "Masthead needs Python 3.11; set PYTHON=/path/to/python3.11."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.9
	@$(VENV)/bin/uv pip sync --quiet --compile-bytecode --python $(PY) --require-hashes requirements.lock
	@rm -f $(VENV)/.installed-* && touch $@

setup: install
	@$(PY) manage.py setup_newsroom

test: install node_modules
	@$(PY) -m pytest $(PYTEST_ARGS)

test-fast: install
	@$(PY) -m pytest -m "not browser and not slow" $(PYTEST_ARGS)

lint: install
	@$(VENV)/bin/ruff check masthead
	@$(VENV)/bin/ruff format --check masthead

format: install
	@$(VENV)/bin/ruff check --fix masthead
	@$(VENV)/bin/ruff format masthead

reset: install
	@$(PY) manage.py reset_demo --yes

bench: bench-article

bench-article: setup
	@$(PY) -m masthead.newsroom.bench

bench-narration: install
	@$(PY) -m masthead.narration.bench

bench-newsletter: install
	@$(PY) -m masthead.newsletters.bench

bench-distribution: install
	@$(PY) -m masthead.distribution.bench

bench-import: install
	@$(PY) -m masthead.imports.bench

bench-live: install
	@$(PY) -m masthead.live.bench

# The checkers the page tests and bench-pages run (Nu HTML Checker, axe-core, Lighthouse), from package-lock.json.
node_modules: node_modules/.installed

node_modules/.installed: package-lock.json
	@npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

# Lighthouse (mobile, Debian's Chromium), median of 3 runs, on the demo's home, article, section, author, search.
bench-pages: setup node_modules
	@$(PY) -m masthead.newsroom.bench_pages $(BENCH_ARGS)

# Regenerate the lock after changing dependencies in pyproject.toml.
lock: install
	@$(VENV)/bin/uv pip compile pyproject.toml --extra test --python-version 3.11 --generate-hashes -q -o requirements.lock

clean:
	rm -rf $(VENV) var node_modules

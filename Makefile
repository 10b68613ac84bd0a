# The two commands of the README: `make run` and `make test`. Everything else is a helper.
# The newest Python 3.11–3.13 that runs here (a version manager's shim may exist and still refuse to run).
ifeq ($(origin PYTHON), undefined)
PYTHON := $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' >/dev/null 2>&1 && { echo $$p; break; }; done)
endif
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test ci install system-check lint format setup

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11, 3.12 or 3.13 is required and none was found (Debian/Ubuntu: sudo apt-get install python3 python3-venv)."; exit 1; }
	@$(PYTHON) -c 'import sys; assert (3, 11) <= sys.version_info[:2] <= (3, 13), "Python 3.11, 3.12 or 3.13 is required, found " + sys.version' || exit 1
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

system-check: install
	@$(BIN)/python scripts/system_check.py

setup: system-check
	$(MANAGE) migrate --noinput
	$(MANAGE) load_real_data
	$(MANAGE) ensure_demo_admin

run: setup
	$(MANAGE) runserver $(HOST):$(PORT)

# The production configuration, locally: PostgreSQL (DATABASE_URL, default the local ogp_portal database),
# DEBUG off, collectstatic, gunicorn (WEB_CONCURRENCY workers), Redis cache if one answers, task worker.
serve: system-check
	HOST=$(HOST) PORT=$(PORT) $(BIN)/python scripts/serve.py

# The checkers the browser tests use (axe-core, the Nu HTML Checker) come from npm; without npm
# those tests are skipped with a clear reason, everything else still runs.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the accessibility and HTML-validity browser tests will be skipped."; fi

test: system-check node_modules/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python scripts/check_code_size.py

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

ci:
	bash .ci/run

# Veridact: `make run` serves the site with demo content; `make test` runs the suite.
# Only Python 3.11 and make are needed; everything else lands in .venv.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The development server, worker and beat read .env (DEBUG on, this checkout's own secret)
# and learn the port served, which SITE_URL follows unless it is set.
DEV_ENV := ENV_FILE=.env PORT=$(PORT)
# The test suite runs with DEBUG off, which needs a secret (this one is for tests only) and,
# for its http:// SITE_URL, a word that plain HTTP is meant. It never reads a .env.
TEST_ENV := SECRET_KEY=test-only-secret-key-that-is-not-used-anywhere-else-0123456789 \
	ALLOW_INSECURE_SITE_URL=true ENV_FILE=
# The suite runs on every core (pytest-xdist); TEST_WORKERS=0 runs it in this one process.
TEST_WORKERS ?= auto

.PHONY: run test lint format lock worker beat bench backup restore clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Install from the lock (every release pinned and checked against its hash, wheels only),
# again whenever the lock changes. Python compiles each module when it is first imported, so
# pip need not compile every module of every package first (half the install's time).
$(VENV)/.installed: requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-compile --require-hashes --no-deps \
		--only-binary :all: -r requirements-dev.txt
	touch $@

# Resolve the locks again after a change to the dependencies in pyproject.toml; the pins
# already there are kept unless LOCK_ARGS says otherwise (`--upgrade`,
# `--upgrade-package django`). Production's lock takes its releases from the development one.
LOCK := $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" --quiet $(LOCK_ARGS)
lock: $(VENV)/.installed
	$(LOCK) --extra dev -o requirements-dev.txt
	$(LOCK) --constraint requirements-dev.txt -o requirements.txt

var:
	mkdir -p var/mail var/media

# Development settings, written once and git-ignored: manage.py reads them, so the README's
# commands work after `make run` with nothing exported. No SITE_URL: it follows PORT.
.env: | $(BIN)/python
	umask 077 && printf '%s\n' \
		'# Development settings written by `make run` for this checkout; not for production.' \
		'# manage.py and the Makefile read this file; variables in the environment win.' \
		'DEBUG=true' \
		"SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		> $@

run: $(VENV)/.installed | var .env
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py seed_demo --if-empty
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed | var
	$(TEST_ENV) $(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: $(VENV)/.installed | var .env
	$(DEV_ENV) $(BIN)/celery -A veridact worker --loglevel=INFO

beat: $(VENV)/.installed | var .env
	$(DEV_ENV) $(BIN)/celery -A veridact beat --loglevel=INFO --schedule var/celerybeat-schedule

bench: $(VENV)/.installed | var
	$(BIN)/python bench/run.py $(BENCH)

# The database (DATABASE_URL) and the media (bucket or MEDIA_ROOT) into var/backups/<time>/,
# or BACKUP=folder; `make restore BACKUP=folder` puts one back (docs/operations.md).
backup: $(VENV)/.installed | var
	DEBUG=1 $(BIN)/python manage.py backup $(if $(BACKUP),--to "$(BACKUP)")

restore: $(VENV)/.installed | var
	$(if $(BACKUP),,$(error Name the backup to restore: make restore BACKUP=var/backups/…))
	DEBUG=1 $(BIN)/python manage.py restore "$(BACKUP)"

clean:
	rm -rf $(VENV) var/static

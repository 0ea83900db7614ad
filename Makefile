# Veridact: `make run` serves the site with demo content; `make test` runs the suite.
# Only Python 3.11 and make are needed; everything else lands in .venv.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The test suite runs with DEBUG off, which needs a secret; this one is for tests only.
TEST_ENV := SECRET_KEY=test-only-secret-key-that-is-not-used-anywhere-else-0123456789

.PHONY: run test lint format worker beat bench backup restore clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

var:
	mkdir -p var/mail var/media

run: $(VENV)/.installed | var
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo --if-empty
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed | var
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: $(VENV)/.installed | var
	DEBUG=1 $(BIN)/celery -A veridact worker --loglevel=INFO

beat: $(VENV)/.installed | var
	DEBUG=1 $(BIN)/celery -A veridact beat --loglevel=INFO --schedule var/celerybeat-schedule

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

# The two commands: `make run` and `make test`. Everything else is a helper.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint demo worker bench bench-busy clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Links in emails (written outside any request) lead to the address `make run` serves on.
run: export U4SSC_SITE_URL ?= http://$(HOST):$(PORT)
run: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_demo --publish-report
	@if [ -n "$$REDIS_URL" ]; then \
	  echo "REDIS_URL is set: starting a Celery worker and beat beside the web server"; \
	  DJANGO_DEBUG=1 $(BIN)/celery -A u4ssc worker --beat --loglevel=info --concurrency=2 & \
	fi; \
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check . || true

bench: install
	$(BIN)/python bench/run.py

# The busy hour (issue 17): signed-in readers and 51 voting focal points at once (bench/busy.py).
bench-busy: install
	$(BIN)/python bench/busy.py

clean:
	rm -rf $(VENV) .pytest_cache db.sqlite3 var/

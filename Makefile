# The two commands: `make run` and `make test`. Everything else is a helper.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Python keeps the compiled modules (__pycache__, ignored by git) even where the environment says
# not to (PYTHONDONTWRITEBYTECODE, set on some machines): the suite starts many Python processes
# (xdist workers, Celery workers, gunicorn, manage.py), and each compiled every module again
# (~0.5 s a start for the portal's own, ~10 % of the suite's CPU in all).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test install lint demo worker bench bench-busy bench-scale wrk clean

# uv installs the packages (~4 s with its cache, pip ~25 s; README "Suite time"), pip among them;
# pip itself when uv cannot be had.
$(BIN)/python:
	$(PY) -m venv --without-pip $(VENV)
	$(PY) -m pip --python $(BIN)/python install --quiet uv || $(BIN)/python -m ensurepip --default-pip

$(STAMP): pyproject.toml | $(BIN)/python
	@# Offline first: from uv's cache alone when it holds everything (~1 s), else from the index.
	@if [ -x $(BIN)/uv ]; then $(BIN)/uv pip install --offline --quiet --python $(BIN)/python -e '.[test]' pip 2>/dev/null \
	  || $(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[test]' pip; \
	else $(BIN)/pip install --quiet --upgrade pip && $(BIN)/pip install --quiet -e '.[test]'; fi
	touch $(STAMP)

install: $(STAMP)

# Links in emails (written outside any request) lead to the address `make run` serves on.
run: export U4SSC_SITE_URL ?= http://$(HOST):$(PORT)
run: install
	$(BIN)/python manage.py compile_catalogues
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_demo --publish-report
	@# The web server, a Celery worker and beat, stopped together (Ctrl-C); without REDIS_URL
	@# their broker is the folder var/celery/queue (README: "What `make run` starts").
	DJANGO_DEBUG=1 exec $(BIN)/python manage.py run_portal $(HOST):$(PORT)

# pytest-xdist: one worker per core and one more (tests that wait for a Celery worker, a beat's
# tick, a browser's frame or a subprocess left the CPUs ~8 % idle with one per core: README "Suite
# time"), a test file stays on one worker (module fixtures, the services a file starts), the
# longest files first (tests/conftest.py SLOW_FILES). At most 3: the suites' Redis database
# numbers are spaced for three workers (tests/reminders/harness.py MAX_XDIST_WORKERS).
TEST_WORKERS ?= $(shell n=$$(( $$(nproc 2>/dev/null || echo 1) + 1 )); [ $$n -gt 3 ] && n=3; echo $$n)
PYTEST_ARGS ?= -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

test: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py compile_catalogues
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check . || true

# The benchmarks load the server with wrk (Debian's package, built with LuaJIT): installed here
# when missing (as root; otherwise install it by hand: `apt-get install wrk`).
wrk:
	@command -v wrk >/dev/null || apt-get install -y wrk || (apt-get update && apt-get install -y wrk)

# The public pages (bench/run.py), then the busy hour with the caches on and off (bench/busy.py).
bench: install wrk
	$(BIN)/python bench/run.py
	$(BIN)/python bench/busy.py

# The busy hour (issue 17): signed-in readers and 51 voting focal points at once (bench/busy.py).
bench-busy: install wrk
	$(BIN)/python bench/busy.py

# Pages on 5,000 and 50,000 deliverables, caches off: query counts must not grow (bench/scale.py).
bench-scale: install
	$(BIN)/python bench/scale.py

clean:
	rm -rf $(VENV) .pytest_cache db.sqlite3 var/

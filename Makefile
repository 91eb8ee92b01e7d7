# Gigwise: the commands everyone relies on. See README.md.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run serve test test-fast lint format bench large-demo bench-load screenshots audit lock clean

install: $(STAMP)

# Reinstall only when a lock file changes. torch goes first, pinned exactly, so that
# sentence-transformers finds it satisfied and never pulls a CUDA build.
$(STAMP): requirements.lock requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -r requirements.lock -r requirements-dev.lock
	touch $(STAMP)

# First run: venv, SQLite, taxonomy, demo, then serve. Later runs reuse all of it.
run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py import_skills
	DEBUG=1 $(PY) manage.py import_courses
	DEBUG=1 $(PY) manage.py seed_demo --size small
	DEBUG=1 $(PY) manage.py relate_skills
	DEBUG=1 $(PY) manage.py aggregate_market
	DEBUG=1 $(PY) manage.py train_estimator
	DEBUG=1 $(PY) manage.py recommend_courses
	DEBUG=1 $(PY) manage.py fairness_audit
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	DEBUG=1 $(PY) bench/run.py

# The large demo on the local PostgreSQL (127.0.0.1:5432, user postgres), in the database
# gigwise_large_demo that make bench measures pages with: about 10 minutes, once. make bench
# seeds it itself when it is missing, which makes that first run about 10 minutes longer.
large-demo: install
	DEBUG=1 $(PY) bench/bench_scale.py --set-up-only

# The load test (docs/PERFORMANCE.md): the medium demo on gunicorn, PostgreSQL (127.0.0.1:5432,
# user postgres), Redis (database 12) and a Celery worker; 50 locust users for 3 minutes.
# LOAD_ARGS="--users 10 --run-time 30s" for a short trial.
bench-load: install
	$(PY) bench/load/run.py $(LOAD_ARGS)

# The five browser journeys (tests/browser/test_journey_*.py) at desktop and phone size; their
# screenshots land in screenshots/, and the README's few in docs/screenshots/ are made from them.
screenshots: install
	$(VENV)/bin/pytest tests/browser/test_journey_freelancer.py tests/browser/test_journey_employer.py \
		tests/browser/test_journey_reviews.py tests/browser/test_journey_learning.py \
		tests/browser/test_staff_admin.py
	$(PY) bin/readme-screenshots

# Known vulnerabilities in the locked dependencies (pip-audit; ignore list in .ci/).
audit: install
	bash .ci/audit

# Re-pin after editing requirements*.in (torch stays exactly 2.13.0).
lock: install
	$(VENV)/bin/pip-compile -q --no-header --strip-extras --allow-unsafe -o requirements.lock requirements.in
	$(VENV)/bin/pip-compile -q --no-header --strip-extras --allow-unsafe -o requirements-dev.lock requirements-dev.in
	sed -i -e 's/^torch==2.13.0+cpu/torch==2.13.0/' -e '/^--extra-index-url\|^--find-links/d' requirements.lock requirements-dev.lock

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache

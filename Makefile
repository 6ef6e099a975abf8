# Expo Portal: `make run` serves the demo, `make test` runs the whole suite.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
export DATABASE_URL_TEST ?= postgres://postgres@127.0.0.1:5432/expo_portal
# apt-get needs root; use sudo where we are not root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install install-dev gettext chromium pdf-libs poppler zbar nginx messages postgres-check lint fmt bench bench-uploads bench-booth bench-report bench-print bench-load two-servers clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.runtime: $(VENV)/bin/activate requirements.txt constraints.txt
	$(PIP) install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt constraints.txt
	$(PIP) install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

install: $(VENV)/.runtime

install-dev: $(VENV)/.dev

# gettext compiles the translations; Debian's package where it is missing.
gettext:
	@command -v msgfmt >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq gettext; }

# Browser tests drive Debian's Chromium (never a downloaded browser build).
chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-noto-core; }

# PDFs are drawn by WeasyPrint with Debian's Pango and Noto fonts.
pdf-libs:
	@ldconfig -p | grep -q libpangoft2-1.0 && [ -d /usr/share/fonts/truetype/noto ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core; }

# The tests read PDFs back as text and images (pdftotext, pdftoppm).
poppler:
	@command -v pdftotext >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq poppler-utils; }

# The printed catalogue's tests read its QR codes back (zbarimg).
zbar:
	@command -v zbarimg >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends zbar-tools; }

# The two-server check and the load test put Debian's nginx in front of the app servers
# (each run renders deploy/nginx/ into a temporary prefix). The package's own service would
# serve its default site on every address: where systemd started it, it is stopped and disabled.
nginx:
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nginx && { [ ! -d /run/systemd/system ] || $(SUDO) systemctl disable --now nginx; }; }

messages: gettext install
	$(PY) manage.py compilemessages --ignore=.venv -v0

# The demo reads a developer's .env (nothing else does unless asked).
run: export DJANGO_READ_DOT_ENV_FILE ?= true
run: install messages pdf-libs
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo
	@# Debug is off, as deployed: WhiteNoise serves the collected, hashed static files.
	$(PY) manage.py collectstatic --noinput -v0
	@echo ""
	@echo "Expo Portal demo: http://$(HOST):$(PORT)/   (admin: http://$(HOST):$(PORT)/en/admin/)"
	@echo "Demo logins (username / password):"
	@echo "  superuser     admin / Admin-super-2024"
	@echo "  Booth admin   boothadmin / Booth-admin-2024"
	@echo "  Booth staff   staff / Booth-staff-2024"
	@echo "  MSME owners   sari / Sari-owner-2024, budi / Budi-owner-2024"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

postgres-check: install
	@DATABASE_URL=$${DATABASE_URL:-$(DATABASE_URL_TEST)} $(PY) -c "import environ, psycopg2, sys; c = environ.Env.db_url_config(__import__('os').environ['DATABASE_URL']); psycopg2.connect(host=c['HOST'], port=c['PORT'] or 5432, user=c['USER'], password=c['PASSWORD'], dbname='postgres', connect_timeout=5).close()" 2>/dev/null || { \
		echo "PostgreSQL is not reachable at $${DATABASE_URL:-$(DATABASE_URL_TEST)}."; \
		echo "The tests run against a real PostgreSQL server. Start it (on Debian:"; \
		echo "  pg_ctlcluster --skip-systemctl-redirect \$$(ls /etc/postgresql) main start)"; \
		echo "or set DATABASE_URL to a server where user may create databases."; \
		exit 1; }

test: install-dev messages chromium pdf-libs poppler zbar nginx postgres-check
	DATABASE_URL=$${DATABASE_URL:-$(DATABASE_URL_TEST)} $(VENV)/bin/pytest

# Two gunicorn servers behind nginx sharing PostgreSQL, Redis and an object store
# (tests/stack.py): logins, lockout, uploads, catalogue changes and leads across both.
two-servers: install-dev messages nginx postgres-check
	DATABASE_URL=$${DATABASE_URL:-$(DATABASE_URL_TEST)} $(VENV)/bin/pytest tests/test_two_servers.py

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

fmt: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf var test-artifacts .pytest_cache

# Throughput and latency of the public pages at 20,000 and 100,000 products (bench/run.py).
bench: install-dev postgres-check
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; }
	$(PY) bench/run.py

# How long the largest accepted photo holds a web worker (bench/uploads.py).
bench-uploads: install-dev postgres-check
	$(PY) bench/uploads.py

# The booth floor: its sync endpoint under 20 devices, what a device keeps, offline saving (bench/booth.py).
bench-booth: install-dev postgres-check chromium
	$(PY) bench/booth.py

# The expo report: PDF and XLSX of an expo with 5,000 leads and 1,000 deals (bench/report.py).
bench-report: install-dev postgres-check pdf-libs
	$(PY) bench/report.py

# How long the printed catalogue takes to build for the demo and for 300 products with photos (bench/print_catalogue.py).
bench-print: install-dev postgres-check pdf-libs poppler
	$(PY) bench/print_catalogue.py

# The peak: 200 simulated users through nginx to two app servers, mail server down (bench/load.py).
bench-load: install-dev messages nginx postgres-check
	$(PY) bench/load.py $(LOAD_ARGS)

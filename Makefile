# The two commands: `make lab` (set up and start) and `make test` (install and check everything).
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-stamp
# `make app`: Voila on 127.0.0.1 (add APP_FLAGS=--no-browser to only serve)
APP_PORT  ?= 8866
APP_FLAGS ?=
# `make lab`: JupyterLab on 127.0.0.1 (LAB_FLAGS=--no-browser to only serve; LAB_PORT=8890)
LAB_PORT  ?=
LAB_FLAGS ?=
# the real browser of the browser tests and the latency bench, and the fonts Chinese needs
CHROMIUM  ?= /usr/bin/chromium

.PHONY: lab app test lint unit bench install browser pdf git-filter clean

# Create the virtual environment when missing; reinstall when the package list changes.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

lab: $(STAMP) git-filter
	$(PY) -m helpers.cli.lab $(if $(LAB_PORT),--port=$(LAB_PORT)) $(LAB_FLAGS)

# The notebooks as apps: Voila serves notebooks/ on 127.0.0.1 and shows no code (the classic
# tree page: the newer one logs widget-plugin errors in the console when no kernel runs). The
# page template is the project's (share/jupyter/voila/templates/workbench, found through
# JUPYTER_PATH): Voila's lab template without the icon CSS it links from a CDN, so the pages
# ask nothing of any other machine (Voila's own bundle serves the icon font).
# A page left for the next notebook leaves its kernel behind (Voila's shutdown request lacks
# the _xsrf token: voila-dashboards/voila#1458): kernels idle for an hour are culled.
app: $(STAMP)
	JUPYTER_PATH="$(CURDIR)/share/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH}" \
	  $(VENV)/bin/voila notebooks --Voila.ip=127.0.0.1 --port=$(APP_PORT) --strip_sources=True \
	  --template=workbench --classic-tree $(APP_FLAGS) \
	  --MappingKernelManager.cull_idle_timeout=3600 --MappingKernelManager.cull_interval=300

# Debian's chromium and the CJK fonts, installed when missing and we are root with apt-get.
# Elsewhere say so loudly: the browser tests then skip (and fail when CI=true).
browser:
	@if [ -x $(CHROMIUM) ] && fc-list :lang=zh family 2>/dev/null | grep -q CJK; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing chromium and fonts-noto-cjk for the browser tests (apt-get)"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; } \
	  || echo "*** apt-get could not install chromium fonts-noto-cjk: browser tests skip (fail if CI=true)"; \
	else \
	  echo "*** NO BROWSER: $(CHROMIUM) or a Chinese font (fonts-noto-cjk) is missing and cannot"; \
	  echo "*** be installed here (needs root and apt-get): the browser tests skip (fail if CI=true)."; \
	fi

# LibreOffice (Writer, no GUI) that renders the written application as PDF, the CJK fonts its
# Chinese needs and poppler-utils (pdftotext, pdffonts) that the PDF test reads it back with:
# installed when soffice is missing and we are root with apt-get (about 20 s on a Debian 12
# machine with a nearby mirror). Elsewhere say so loudly: the PDF test skips (fails if CI=true).
pdf:
	@if command -v soffice >/dev/null && command -v pdftotext >/dev/null \
	  && fc-list :lang=zh family 2>/dev/null | grep -q CJK; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing libreoffice-writer-nogui, fonts-noto-cjk and poppler-utils for the PDF drafts (apt-get)"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq libreoffice-writer-nogui fonts-noto-cjk poppler-utils >/dev/null; } \
	  || echo "*** apt-get could not install libreoffice-writer-nogui: the PDF test skips (fails if CI=true)"; \
	else \
	  echo "*** NO PDF: LibreOffice (soffice), pdftotext or a Chinese font (fonts-noto-cjk) is missing and"; \
	  echo "*** cannot be installed here (needs root and apt-get): the PDF test skips (fails if CI=true)."; \
	fi

# Notebooks reach git stripped of outputs and widget state (personal data): nbstripout's git
# filter, set up in this repository's git config for the notebooks .gitattributes names.
# Idempotent; nothing happens where git or the repository is absent.
git-filter: $(STAMP)
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  $(PY) -m nbstripout --install --attributes .gitattributes; \
	fi

lint: $(STAMP)
	$(PY) -m ruff check src tests bench
	$(PY) -m ruff format --check src tests bench

unit: $(STAMP) browser pdf
	$(PY) -m pytest --durations=30

test: git-filter lint unit

bench: $(STAMP) browser
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-output

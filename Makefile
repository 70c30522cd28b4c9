# Two entry points, each sets up what it needs on first use:
#   make run   - start Foghill on 127.0.0.1 and open the page
#   make test  - lint, types and every test (engine, API, browser, notebooks), in parallel
# and a quick inner loop: make test-quick (engine, API, contract, JS units; no browser).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test test-quick check lint types pytest jstest bench torch chromium nginx npm setup build contract screenshots

run: $(STAMP) build
	$(BIN)/foghill serve --host $(HOST) --port $(PORT)

setup: $(STAMP) chromium npm build

# Python: a virtual environment with the package (editable) and its dev tools.
# uv when it can be had from PyPI (fast), plain venv + pip otherwise.
$(STAMP): pyproject.toml
	@if $(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install -q --disable-pip-version-check uv >/dev/null 2>&1; then \
	  $(PYTHON) -m uv venv -q --allow-existing --python $(PYTHON) $(VENV) && \
	  $(PYTHON) -m uv pip install -q --python $(BIN)/python -e '.[dev]'; \
	else \
	  $(PYTHON) -m venv $(VENV) && $(BIN)/pip install -q --disable-pip-version-check -e '.[dev]'; \
	fi
	@touch $@

# PyTorch (its CPU build) for the tests that run the "show the code" programs: a test-only
# dependency that uv cannot see; pip takes the CPU wheel from its find-links (never CUDA).
TORCH := $(VENV)/.torch
torch: $(TORCH)
$(TORCH): $(STAMP)
	@$(BIN)/python -c 'import torch' >/dev/null 2>&1 || \
	  $(PYTHON) -m pip --python $(BIN)/python install -q --disable-pip-version-check 'torch==2.13.0+cpu'
	@touch $@

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
chromium:
	@command -v chromium >/dev/null 2>&1 || ./scripts/install-chromium

# Debian's nginx for the proxy test (deploy/nginx.conf in front of two backends).
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || ./scripts/install-nginx

# npm: esbuild (the bundles), TypeScript and the JS linter (checks), axe-core (accessibility).
npm: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The web bundles (esbuild): the page's one script and one stylesheet, and each notebook
# widget's module, under src/foghill/web/dist/. Rebuilt when a source under web/ changes.
WEB_SOURCES := $(shell find src/foghill/web -path src/foghill/web/dist -prune -o -type f -print)
BUNDLE := src/foghill/web/dist/foghill.js
build: $(BUNDLE)
$(BUNDLE): node_modules/.package-lock.json scripts/build-web.mjs $(WEB_SOURCES)
	npm run --silent build
	@touch $@

# web/lib/contract.js and docs/authoring.md are made from the code (contract/, lessons/reference.py).
contract: $(STAMP)
	$(BIN)/python -m foghill.remake

lint: $(STAMP) npm
	$(BIN)/ruff check src tests bench examples hatch_build.py
	$(BIN)/ruff format --check src tests bench examples hatch_build.py
	$(BIN)/python -m foghill.remake --check
	npm run --silent lint

types: $(STAMP) npm
	$(BIN)/mypy --strict
	npm run --silent typecheck

# The suite runs in parallel (pytest-xdist): each worker has its own Chromium, its own
# `foghill serve` and its own JupyterLab. Most of the suite waits (on servers, browsers,
# kernels), so more workers than cores pay (docs/testing.md). The tests marked `alone`
# (time or load measured) then run one at a time. The 15 slowest tests are printed.
PYTEST_WORKERS ?= 4
pytest: $(STAMP) torch chromium nginx npm build
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m "not alone" --durations=15
	$(BIN)/pytest -m alone --durations=5

# Pure JS logic of web/lib under node's own test runner (tests/js).
jstest: npm
	npm run --silent test

test: lint types jstest pytest

# The inner loop: engine, API, contract and the JS units; no browser, no notebook, no fuzzing
# and nothing that measures time or load (< 60 s).
QUICK := tests/engine tests/api tests/test_contract.py tests/test_testing_support.py
test-quick: $(STAMP) npm build
	$(BIN)/pytest -n 2 -q -m "not alone and not fuzz" --durations=5 $(QUICK)
	npm run --silent test

check: test

bench: $(STAMP) chromium build
	$(BIN)/python bench/run_all.py

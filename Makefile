# Manabi: `make run` serves on http://127.0.0.1:8080, `make test` runs every test.
SHELL := /bin/bash
APT_PACKAGES := libsqlite3-dev libicu-dev libmecab-dev mecab mecab-ipadic-utf8 zlib1g-dev
BENCH_PACKAGES := wrk nginx-light curl
# Fonts: Noto CJK and Noto (Devanagari) so screenshots show Japanese, Chinese, Korean and Nepali, not boxes.
BROWSER_PACKAGES := chromium chromium-driver python3-venv curl fonts-noto-cjk fonts-noto-core
VENV := .venv
HOST ?= 127.0.0.1
PORT ?= 8080
MANABI_DB ?= data/manabi.sqlite
export HOST PORT MANABI_DB

.PHONY: run test build deps bench-deps browser-deps bench clean

## Install the system libraries Manabi links against (as root), or say how.
deps:
	@$(call ensure_packages,$(APT_PACKAGES))
	@command -v swift >/dev/null || { echo "Swift 6 toolchain not found on PATH: install it from swift.org, then run make again."; exit 1; }

bench-deps:
	@$(call ensure_packages,$(BENCH_PACKAGES))

browser-deps:
	@$(call ensure_packages,$(BROWSER_PACKAGES))

# Selenium and pytest for the browser tests, in a local virtual environment; remade when the list changes.
# axe-core (the accessibility rules engine) comes as the file axe.min.js inside axe-playwright-python's
# wheel; the tests inject that file through Selenium, so the package's own Playwright dependency is skipped.
AXE_PACKAGE := axe-playwright-python==0.1.8
$(VENV)/.installed: Tests/Browser/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q -r Tests/Browser/requirements.txt
	$(VENV)/bin/pip install -q --no-deps $(AXE_PACKAGE)
	touch $@

define ensure_packages
	missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Missing system packages:$$missing"; echo "Run:  sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; fi; \
	fi
endef

build: deps
	swift build -c release --product manabi

## Build, migrate and seed data/manabi.sqlite on first start, serve on http://$(HOST):$(PORT)/
run: build
	.build/release/manabi serve --db "$(MANABI_DB)" --host "$(HOST)" --port "$(PORT)"

## The whole suite from a clean clone: Swift Testing through the real stack, the command line against a running
## server (real processes), the teacher and staff flow, the pages in headless Chromium, then schemathesis
## against /openapi.json.
test: deps browser-deps $(VENV)/.installed
	swift test --disable-xctest
	Tests/CLI/run.sh
	Tests/Work/run.sh
	VENV=$(VENV) Tests/Browser/run.sh
	VENV=$(VENV) Tests/API/run.sh

bench: deps bench-deps
	bench/run.sh

clean:
	rm -rf .build data $(VENV) artifacts

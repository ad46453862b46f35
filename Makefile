# Tacitus developer commands. `make demo` and `make test` work on a fresh machine with only Python.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

.PHONY: install demo test eval bench
install: $(STAMP)

demo: $(STAMP)  ## install, then code the bundled example article
	$(BIN)/tacitus demo

test: $(STAMP)  ## install, then run the whole test suite (browser tests use Debian's chromium)
	@command -v chromium >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
		echo "chromium could not be installed: browser tests will be skipped"
	$(BIN)/python -m pytest -q

eval: $(STAMP)  ## accuracy table on the seed, dev and test gold sets
	$(BIN)/tacitus evaluate $(wildcard ../shared/gold/seed.jsonl) eval/gold/dev.jsonl eval/gold/test.jsonl eval/gold/fresh.jsonl eval/gold/fresh2.jsonl eval/gold/fresh3.jsonl eval/gold/fresh4.jsonl eval/gold/fresh5.jsonl eval/gold/fresh6.jsonl src/tacitus/examples/example.gold.jsonl --json eval/results.json --markdown

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

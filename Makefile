# navokg: two commands set everything up.
#   make run   create .venv, install, build the seed graph, show an answer
#   make test  create .venv, install with test extras, run the whole suite

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= graph/store

.PHONY: run test check build install install-test bench evaluate calibrate vendor clean help

help:
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when the package definition changed.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## install navokg into .venv

install-test: $(VENV)/.installed-test ## install navokg with test and dev tools

build: install ## build the store from graph/documents and graph/annotations
	$(BIN)/navokg build --store $(STORE)

run: build ## build the seed graph and ask it a first question
	@echo
	@echo "Who held which office on 2 October 2024?"
	$(BIN)/navokg query --store $(STORE) office-holders-on --param date=2024-10-02
	@echo
	@echo "Aid per donor, recipient, year and currency:"
	$(BIN)/navokg query --store $(STORE) aid-totals

test: install-test check ## the code checks, then the whole test suite
	$(BIN)/python -m pytest

check: install-test ## ruff (lint and format) and mypy --strict
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

evaluate: install ## precision/recall of the automatic extractor, and how well its confidence is calibrated
	$(BIN)/navokg evaluate

calibrate: install ## refit the extractor's confidence calibration (after any change to its rules)
	$(BIN)/navokg evaluate --calibrate

bench: install-test ## benchmarks at 1,000 and 10,000 documents (about half an hour on two cores)
	$(BIN)/python -m benchmarks --sizes 1000,10000

vendor: ## refresh the pages' drawing libraries (pinned in tools/web-vendor/) from the npm registry
	bash tools/vendor.sh

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache .mypy_cache

# The Dutch parsing pipeline (training/RESULTS.md): convert the UD treebanks in
# training/ud-dutch, train (about an hour on two cores, niced), score on the held-out
# UD_Dutch-Alpino test split, copy the best model into the package and time it.
NL_UD := src/navokg/extract/nl_ud

.PHONY: model

model: install ## train the Dutch UD pipeline into src/navokg/extract/nl_ud
	$(BIN)/python training/prepare.py --out training/corpus
	OPENBLAS_NUM_THREADS=1 nice -n 10 $(BIN)/python -m spacy train training/config.cfg \
		--output training/output \
		--paths.train training/corpus/train.spacy --paths.dev training/corpus/dev.spacy
	$(BIN)/python -m spacy evaluate training/output/model-best training/corpus/test.spacy \
		--output training/output/test-metrics.json
	$(BIN)/python training/evaluate_wrapped.py training/output/model-best training/corpus/test-wrapped.spacy \
		--output training/output/test-wrapped-metrics.json
	$(BIN)/python training/package.py --model training/output/model-best \
		--metrics training/output/test-metrics.json --dest $(NL_UD)
	$(BIN)/python training/bench.py --model $(NL_UD)

# Two commands matter: `make serve` and `make test`. Both create .venv and
# install what they need first, so they work on a fresh clone.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

# Material prints an end-of-life banner on every run; the README covers the plan.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test readability handout clean

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest tests

# Prints the readability table (page, words, FKGL, SMOG) of a fresh build.
readability: $(VENV)/.dev-installed build
	$(BIN)/python tests/readability.py site

# Prints the one-page handout to dist/handout-a4.pdf and dist/handout-letter.pdf
# with headless Chromium. Clinic settings (CLINIC_NAME=...) apply as in `make build`.
handout: $(VENV)/.dev-installed build
	$(BIN)/python tools/print_pdf.py site --page handout/ --out dist

clean:
	rm -rf site dist $(VENV)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@
	touch $(VENV)/.site-installed

# Two commands matter: `make serve` and `make test`. Both create .venv and
# install what they need first, so they work on a fresh clone.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Zensical has its own environment: its pins differ from MkDocs'.
ZENSICAL_VENV := .venv-zensical

# Material prints an end-of-life banner on every run; the README covers the plan.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test readability handout review-pack reviews signed translated zensical-check bench clean pins

# Both editions: English at http://127.0.0.1:8000/, Spanish at /es/.
serve: $(VENV)/.site-installed
	$(BIN)/python tools/serve.py

# English into site/, then the Spanish edition (mkdocs.es.yml) into site/es/
# unless SPANISH_EDITION is "no" (tools/edition.py reads the settings).
# site/ is emptied first: MkDocs keeps hidden files (.env, .git/) it finds there.
build: $(VENV)/.site-installed
	rm -rf site
	@configs=$$($(BIN)/python tools/edition.py --configs) && for config in $$configs; do \
	  echo "mkdocs build --strict --config-file $$config"; $(BIN)/mkdocs build --strict --config-file $$config || exit 1; done

test: $(VENV)/.dev-installed zensical-check
	$(BIN)/python -m pytest tests

# Prints the readability table (page, words, FKGL, SMOG) of a fresh build.
readability: $(VENV)/.dev-installed build
	$(BIN)/python tests/readability.py site

# Prints the handout to dist/handout-a4.pdf and dist/handout-letter.pdf, and the
# Spanish one to dist/es-handout-a4.pdf and dist/es-handout-letter.pdf, with
# headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM=/path/to/chromium).
# Clinic settings (clinic.yml, CLINIC_NAME=...) apply as in `make build`.
# It refuses a local SITE_URL (patients could not open it); DRAFT=1 prints a
# sheet marked "DRAFT - not for patients" instead.
handout: $(VENV)/.dev-installed build
	$(BIN)/python tools/print_pdf.py site --page handout/ $$($(BIN)/python tools/edition.py --spanish && echo --page es/handout/) --out dist

# Prints dist/review-pack.pdf (A4), and dist/review-pack-es.pdf for the Spanish
# edition in Spanish: every page with its sources in full, the
# settings in force, the git commit and a sign-off box per page, for the
# clinician who checks the site. Settings apply as in `make build`; a local
# SITE_URL needs DRAFT=1, as for the handout.
review-pack: $(VENV)/.dev-installed build
	$(BIN)/python tools/review_pack.py site --out dist/review-pack.pdf
	@if $(BIN)/python tools/edition.py --spanish; then \
	$(BIN)/python tools/review_pack.py site/es --config mkdocs.es.yml --out dist/review-pack-es.pdf; fi

# Lists pages whose next review has passed or is due within 60 days.
# TODAY=YYYY-MM-DD counts from another day.
reviews: $(VENV)/.site-installed
	$(BIN)/python tools/reviews.py docs $(if $(TODAY),--today $(TODAY))

# After the clinician has signed the review pack, records who checked which
# pages and the exact text they read, in sign-offs/ (tools/signed.py):
#   make signed PAGE=docs/handout.md            # REVIEWER_NAME, ROLE, REGISTRATION by default
#   make signed PAGE=docs REVIEWER="Dr Jane Lee" ROLE="Consultant dermatologist"
#   make signed PACK=dist/review-pack-versions.txt   # the pages of the signed pack, if unchanged
signed: $(VENV)/.site-installed
	$(BIN)/python tools/signed.py $(PAGE) $(if $(PACK),--pack "$(PACK)") $(if $(REVIEWER),--reviewer "$(REVIEWER)") \
		$(if $(ROLE),--role "$(ROLE)") $(if $(REGISTRATION),--registration "$(REGISTRATION)") $(if $(DATE),--date $(DATE))

# After bringing a Spanish page in line with its English:
#   make translated PAGE=docs/es/about.md
# records the English it now translates (tools/translations.py).
translated: $(VENV)/.site-installed
	$(BIN)/python tools/translations.py --mark $(PAGE)

# Builds the same sources with Zensical in a temporary folder and compares
# its features with a MkDocs build of the same settings. Part of `make test`.
zensical-check: $(ZENSICAL_VENV)/.installed $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict --quiet --site-dir .cache/mkdocs-site
	$(ZENSICAL_VENV)/bin/python tools/zensical_check.py .cache/mkdocs-site

# Lighthouse on every page (served by nginx with deploy/nginx.conf), page
# weight, and build time against stock Material. Prints the table that
# BENCHMARKS.md holds. Needs Node.js and npm, Chromium and nginx.
bench: $(VENV)/.dev-installed bench/node_modules/.installed
	$(BIN)/python tools/bench.py

clean:
	rm -rf site dist .cache $(VENV) $(ZENSICAL_VENV) .venv-pins bench/node_modules

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Every package is checked against its hash in requirements*.txt. This
# project's own package (patient_site/) comes last: built by the pinned
# setuptools already installed, with nothing fetched.
REQUIRE_HASHES := -m pip install --quiet --require-hashes
OWN_PACKAGE    := -m pip install --quiet --no-deps --no-build-isolation -e .

$(VENV)/.site-installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python $(REQUIRE_HASHES) -r requirements.txt
	$(BIN)/python $(OWN_PACKAGE)
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/python $(REQUIRE_HASHES) -r requirements.txt -r requirements-dev.txt
	$(BIN)/python $(OWN_PACKAGE)
	touch $@
	touch $(VENV)/.site-installed

$(ZENSICAL_VENV)/.installed: requirements-zensical.txt pyproject.toml
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python $(REQUIRE_HASHES) -r requirements-zensical.txt
	$(ZENSICAL_VENV)/bin/python $(OWN_PACKAGE)
	touch $@

# After changing a version in requirements*.in: writes requirements*.txt with
# the hash of every file PyPI has for each version (pip-tools' pip-compile).
pins:
	$(PYTHON) -m venv .venv-pins
	.venv-pins/bin/python -m pip install --quiet pip-tools==7.7.0
	for name in requirements requirements-dev requirements-zensical; do \
		CUSTOM_COMPILE_COMMAND="make pins" .venv-pins/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
			--strip-extras --no-emit-index-url --no-emit-find-links $$name.in -o $$name.txt || exit 1; \
	done

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund
	touch $@

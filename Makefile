# crm_interaction_log: a real Odoo 18.0 with PostgreSQL, set up by the project itself.
#
#   make run    install what is missing, create the demo database once, serve :$(PORT)
#   make test   the same set-up, then the addon's tests on a fresh test database
#
# Every target is idempotent: a second call finds its stamps and does nothing again.
# Python versions are pinned in requirements/; Odoo 18.0 is the source tree in
# ../shared/runtime (checked against its SHA256SUMS), or ODOO_SRC=/path/to/an/18.0/checkout.

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
export PATH := $(VENV)/bin:$(PATH)

# Odoo 18.0: unpacked from the runtime tarball into .odoo/src, unless ODOO_SRC names a checkout.
RUNTIME   := $(abspath $(ROOT)/../shared/runtime)
TARBALL   := $(RUNTIME)/odoo-18.0-community.tar.xz
ODOO_SRC  ?= $(ROOT)/.odoo/src
export ODOO_SRC
# the tarball keeps every addon in odoo/addons; a git checkout of 18.0 has addons/ at its root
ODOO_ADDONS = $(ODOO_SRC)/odoo/addons$(if $(wildcard $(ODOO_SRC)/addons/web/__manifest__.py),$(comma)$(ODOO_SRC)/addons)
comma := ,
space := $() $()

PORT      ?= 8069
DB        ?= crm_interaction_demo
TEST_DB   ?= crm_interaction_test
PGHOST    ?= localhost
PGPORT    ?= 5432
PGUSER    ?= odoo
PGPASSWORD ?= odoo
export PGHOST PGPORT PGUSER PGPASSWORD

DEMO_MODULES := contacts,crm,sale_management,account,purchase,stock,sale_stock,purchase_stock,crm_interaction_log,$\
mass_mailing,crm_interaction_log_mass_mailing,repair,crm_interaction_log_repair,$\
purchase_requisition,crm_interaction_log_purchase_requisition
# what the addon's tests need installed besides the addon itself
TEST_MODULES := sale_management,account,purchase,stock,sale_stock,purchase_stock,crm_interaction_log,$\
mass_mailing,crm_interaction_log_mass_mailing,repair,crm_interaction_log_repair,$\
purchase_requisition,crm_interaction_log_purchase_requisition
# the bridge addons, each installed by itself with the addon and the Odoo module it records
BRIDGES := crm_interaction_log_mass_mailing crm_interaction_log_repair crm_interaction_log_purchase_requisition
# Odoo's own suites of the addons we extend (make test-odoo); of account, the invoice, credit
# note, sending and payment tests; test_mail, test_mail_sms and test_mass_mailing: Odoo's mail suites,
# whose query counts show what the addon's hooks on every message, e-mail and SMS cost
ODOO_SUITES  := crm,sale,sale_management,purchase,stock,$\
account:TestAccountMoveOutInvoiceOnchanges,account:TestAccountMoveInInvoiceOnchanges,$\
account:TestAccountMoveOutRefundOnchanges,account:TestAccountMoveInRefundOnchanges,$\
account:TestAccountMoveSend,account:TestAccountComposerPerformance,account:TestAccountPayment,$\
calendar,repair,purchase_requisition,test_mail,test_mail_sms,test_mass_mailing

APT_PACKAGES := postgresql wkhtmltopdf chromium poppler-utils fonts-dejavu-core

STAMP := $(VAR)/stamps
# the database superuser, through the local socket (not as the project's role)
AS_POSTGRES := env -u PGHOST -u PGUSER -u PGPASSWORD su postgres -c

.PHONY: help setup odoo-src run test test-odoo reset-db drop-test-db load i18n wheel lint \
        screenshots postgres system-deps bench clean

help:
	@echo "make run        set up what is missing and serve http://localhost:$(PORT) (admin/admin)"
	@echo "make test       set up what is missing and run the addon's test suite"
	@echo "make test-odoo  run Odoo 18.0's own test suites with and without the addon"
	@echo "make reset-db   drop and recreate the demo database $(DB)"
	@echo "make lint       OCA's 18.0 pre-commit checks (ruff, pylint-odoo, OCA hooks, prettier)"
	@echo "make bench      the benchmarks"

# --- system packages (all of them before PostgreSQL starts) -------------------

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
	    for c in $$(pg_lsclusters -h 2>/dev/null | awk '$$4=="online" {print $$1"/"$$2}'); do \
	        echo "Restarting PostgreSQL $$c (its packages may have been upgraded under it)"; \
	        pg_ctlcluster $${c%/*} $${c#*/} restart; \
	    done; \
	fi
	@touch $@

system-deps: $(STAMP)/system

# --- Odoo 18.0 source tree ---------------------------------------------------------

$(ROOT)/.odoo/src/odoo-bin:
	@if [ ! -f "$(TARBALL)" ]; then \
	    echo "Odoo 18.0 is missing: put odoo-18.0-community.tar.xz in $(RUNTIME)/ or set ODOO_SRC to a checkout (git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo)"; \
	    exit 1; fi
	cd $(RUNTIME) && sha256sum --quiet -c SHA256SUMS
	rm -rf $(ROOT)/.odoo/src.tmp && mkdir -p $(ROOT)/.odoo/src.tmp
	tar -xJf $(TARBALL) -C $(ROOT)/.odoo/src.tmp
	rm -rf $(ROOT)/.odoo/src && mv $(ROOT)/.odoo/src.tmp $(ROOT)/.odoo/src

odoo-src: $(if $(filter $(ROOT)/.odoo/src,$(ODOO_SRC)),$(ROOT)/.odoo/src/odoo-bin)
	@grep -qs "^version_info = (18, 0," $(ODOO_SRC)/odoo/release.py || { \
	    echo "ODOO_SRC=$(ODOO_SRC) is not an Odoo 18.0 tree: clone it with git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo"; \
	    exit 1; }

# --- Python: the virtualenv with Odoo's requirements -------------------------------

$(STAMP)/venv: requirements/odoo18.txt requirements/test.txt requirements/constraints.txt | $(STAMP)/system
	@mkdir -p $(STAMP)
	test -x $(PY) || python3 -m venv $(VENV)
	PIP_CONSTRAINT=$(ROOT)/requirements/constraints.txt $(PY) -m pip install -q \
	    --disable-pip-version-check -r requirements/odoo18.txt -r requirements/test.txt
	@touch $@

# `import odoo` and the `odoo` command come from the tree named by ODOO_SRC (checked first, so
# that a missing tree is told before minutes of pip; written every time,
# so that switching ODOO_SRC takes effect)
venv: odoo-src $(STAMP)/venv
	@echo "$(ODOO_SRC)" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo18-src.pth"
	@printf '#!%s\nimport odoo.cli\nodoo.cli.main()\n' "$(PY)" > $(ODOO).tmp && chmod +x $(ODOO).tmp
	@cmp -s $(ODOO).tmp $(ODOO) && rm $(ODOO).tmp || mv $(ODOO).tmp $(ODOO)

# --- PostgreSQL ----------------------------------------------------------------

postgres: $(STAMP)/system
	@cluster=$$(pg_lsclusters -h | awk 'NR==1 {print $$1" "$$2}'); \
	if [ -z "$$cluster" ]; then pg_createcluster --start 15 main >/dev/null; cluster="15 main"; fi; \
	pg_lsclusters -h | awk 'NR==1 {print $$4}' | grep -q online || pg_ctlcluster $$cluster start
	@for i in $$(seq 30); do $(AS_POSTGRES) "psql -qtAc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
	@$(AS_POSTGRES) "psql -qtAc \"select 1 from pg_roles where rolname='$(PGUSER)'\"" | grep -q 1 \
	    || $(AS_POSTGRES) "psql -qc \"create role $(PGUSER) login createdb password '$(PGPASSWORD)'\""

# --- Odoo configuration (in the project, not machine-wide) -------------------

$(CONF): Makefile FORCE
	@mkdir -p $(VAR)/data $(LOGDIR)
	@printf '%s\n' \
	    '[options]' \
	    'addons_path = $(ODOO_ADDONS),$(ROOT)' \
	    'data_dir = $(VAR)/data' \
	    'db_host = $(PGHOST)' \
	    'db_port = $(PGPORT)' \
	    'db_user = $(PGUSER)' \
	    'db_password = $(PGPASSWORD)' \
	    'admin_passwd = admin' \
	    'logfile = $(LOGDIR)/odoo.log' \
	    'log_level = info' > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@
FORCE:

setup: venv $(CONF) postgres

db_exists = psql -d postgres -qtAc "select 1 from pg_database where datname='$(1)'" | grep -q 1
# the series of the database's base module ("" when it is not an Odoo database)
db_series = psql -d $(1) -qtAc "select latest_version from ir_module_module where name='base'" 2>/dev/null | cut -d. -f1-2

# --- the demo database and the server ----------------------------------------

demo-db: setup
	@if $(call db_exists,$(DB)); then \
	    series=$$($(call db_series,$(DB))); \
	    [ "$$series" = "18.0" ] || { echo "Database $(DB) was made by Odoo $${series:-?}, not 18.0: run make reset-db to recreate it with demo data (its data will be lost)"; exit 1; }; \
	else \
	    echo "Creating database $(DB) with demo data (about 2 minutes)..."; \
	    $(ODOO) -c $(CONF) -d $(DB) -i $(DEMO_MODULES) --stop-after-init; \
	fi

run: demo-db
	@echo "Odoo is starting at http://localhost:$(PORT) (login admin / admin, log in $(LOGDIR)/odoo.log)"
	exec $(ODOO) -c $(CONF) -d $(DB) --db-filter='^$(DB)$$' --http-port=$(PORT)

reset-db: setup
	dropdb --if-exists $(DB)
	$(ODOO) -c $(CONF) -d $(DB) -i $(DEMO_MODULES) --stop-after-init

# --- tests --------------------------------------------------------------------

drop-test-db:
	-dropdb --if-exists $(TEST_DB)

# The addon's unit tests (inside the addon) on a fresh database, through pytest-odoo,
# then the end-to-end tests against a live server.
test: setup drop-test-db
	$(ODOO) -c $(CONF) -d $(TEST_DB) -i $(TEST_MODULES) --without-demo=all --stop-after-init --logfile=$(LOGDIR)/test-install.log
	$(PY) -m pytest -p no:cacheprovider --odoo-config=$(CONF) --odoo-database=$(TEST_DB) \
	    crm_interaction_log/tests $(addsuffix /tests,$(BRIDGES)) tests

# Odoo 18.0's own test suites of the addons we extend, on a database with the addon and on one
# without it (the baseline), run by Odoo's own test runner. Accepted: a recorded message's few
# more queries, and the addon refusing by design to delete a contact that has entries (Odoo's
# mail tests delete the contact a recorded e-mail was just sent to).
test-odoo: setup
	$(PY) $(ROOT)/tools/run_odoo_suites.py -c $(CONF) --modules $(ODOO_SUITES) --max-query-difference 4 \
	    --refusal "You cannot delete a contact that has interaction log entries"

clean:
	rm -rf $(VAR) $(TOOLS) $(VENV) $(ROOT)/.odoo

# Benchmarks (not part of the tests): each builds its own data in the database
# crm_interaction_bench and prints its figures with a baseline from the same run.
# BENCH_SCALE=10m make bench: the million-entry benchmark at ten million entries.
BENCH_DB ?= crm_interaction_bench
bench: setup
	cd bench && $(PY) bench_segment.py -c $(CONF) -d $(BENCH_DB) $(BENCH_ARGS)
	cd bench && $(PY) bench_print.py -c $(CONF) -d $(BENCH_DB) $(BENCH_ARGS)
	cd bench && $(PY) bench_million.py -c $(CONF) -d $(BENCH_DB) $(BENCH_ARGS)
	cd bench && $(PY) bench_foreign_keys.py -c $(CONF) -d $(BENCH_DB) $(BENCH_ARGS)
	cd bench && $(PY) bench_timeline.py -c $(CONF) -d $(BENCH_DB) $(BENCH_ARGS)
	cd bench && $(PY) bench_mailing.py -c $(CONF) -d $(BENCH_DB) $(BENCH_ARGS)
	cd bench && $(PY) bench_import.py -c $(CONF) -d $(BENCH_DB) $(BENCH_ARGS)
	cd bench && $(PY) bench_letters.py -c $(CONF) -d $(BENCH_DB) $(BENCH_ARGS)

load: setup
	cd bench && $(PY) load_test.py -c $(CONF) -d $(BENCH_DB)

# The .pot from the code, with the demo data's terms (as OCA's templates have them): from the
# demo database, created as make run does, with the module upgraded to the tree.
i18n: demo-db
	$(ODOO) -c $(CONF) -d $(DB) -u crm_interaction_log --stop-after-init
	$(ODOO) -c $(CONF) -d $(DB) -i $(subst $(space),$(comma),$(BRIDGES)) --stop-after-init
	$(PY) tools/i18n_export.py -c $(CONF) -d $(DB)
	for bridge in $(BRIDGES); do $(PY) tools/i18n_export.py -c $(CONF) -d $(DB) --module $$bridge || exit 1; done

# OCA's 18.0 pre-commit checks (.pre-commit-config.yaml): ruff, pylint-odoo, OCA's
# odoo-pre-commit-hooks, prettier for XML. The Python tools are pinned in requirements/lint.txt
# in a virtualenv of their own; prettier and its XML plugin come from npm, pinned in
# requirements/lint-npm.txt, into .tools/node.
LINT_VENV := $(TOOLS)/lint
$(STAMP)/lint: requirements/lint.txt requirements/lint-npm.txt | $(STAMP)/system
	@mkdir -p $(STAMP) $(TOOLS)/node
	test -x $(LINT_VENV)/bin/python || python3 -m venv $(LINT_VENV)
	$(LINT_VENV)/bin/python -m pip install -q --disable-pip-version-check -r requirements/lint.txt
	cd $(TOOLS)/node && npm install --silent --no-audit --no-fund --prefix . \
	    $$(grep -v '^#' $(ROOT)/requirements/lint-npm.txt) >/dev/null
	@touch $@

lint: $(STAMP)/lint
	PATH=$(LINT_VENV)/bin:$(TOOLS)/node/node_modules/.bin:$$PATH PRE_COMMIT_HOME=$(TOOLS)/pre-commit \
	    $(LINT_VENV)/bin/pre-commit run --all-files --show-diff-on-failure

# The addon's wheel (odoo-addon-crm_interaction_log), built by whool from the addon's
# pyproject.toml as OCA publishes 18.0 addons.
wheel: $(STAMP)/venv
	$(PY) -m pip wheel --no-deps --no-build-isolation --disable-pip-version-check -q \
	    -w $(ROOT)/dist $(ROOT)/crm_interaction_log $(addprefix $(ROOT)/,$(BRIDGES))
	@ls $(ROOT)/dist/*.whl

# The README's screenshots, on the end-to-end tests' first-hour walks, run on a copy of the
# demo database (created as make run does) and its filestore.
screenshots: demo-db
	$(PY) tools/screenshots.py -c $(CONF) -d $(DB)

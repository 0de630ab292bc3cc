"""Shared set-up of the benchmarks: a database of their own, data made in bulk.

Each benchmark builds its data, measures its figure and a baseline in the same
run, and prints both with their ratio. Absolute times depend on the machine;
the ratios are the goals.
"""
import argparse
import contextlib
import os
import platform
import statistics
import subprocess
import time

import odoo
from odoo import api, SUPERUSER_ID

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO = os.path.join(ROOT, ".venv", "bin", "odoo")
MODULES = "sale_management,account_invoicing,purchase,l10n_generic_coa,crm_interaction_log"


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-c", "--config", default=os.path.join(ROOT, "var", "odoo.conf"))
    parser.add_argument("-d", "--database", default="crm_interaction_bench")
    parser.add_argument("--quick", action="store_true", help="the smaller sizes only")
    parser.add_argument("--sizes", type=int, nargs="*", help="only these sizes")
    return parser.parse_args()


def ensure_database(args):
    """Create the bench database (no demo data) the first time, update the
    module in it the next times."""
    odoo.tools.config.parse_config(["-c", args.config, "--log-level", "warn"])
    exists = subprocess.run(
        ["psql", "-d", "postgres", "-qtAc",
         "select 1 from pg_database where datname='%s'" % args.database],
        stdout=subprocess.PIPE, check=True).stdout.strip() == b"1"
    if not exists:
        print("creating database %s ..." % args.database, flush=True)
        command = ["-i", MODULES, "--without-demo=all"]
    else:  # the module as it is in this tree
        command = ["-u", "crm_interaction_log"]
    subprocess.run([ODOO, "-c", args.config, "-d", args.database] + command +
                   ["--stop-after-init", "--log-level=warn"], check=True)


@contextlib.contextmanager
def environment(args):
    """An environment as superuser on the bench database; rolled back at the end."""
    registry = odoo.registry(args.database)
    with api.Environment.manage(), registry.cursor() as cr:
        try:
            yield api.Environment(cr, SUPERUSER_ID, {})
        finally:
            cr.rollback()


def timed(func, repeat=1):
    """Median wall-clock seconds of ``func()`` over ``repeat`` runs, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def machine():
    with open("/proc/cpuinfo") as f:
        model = next((row.split(":", 1)[1].strip() for row in f
                      if row.startswith("model name")), "?")
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    return "%s, %d cores, %.0f GiB, Python %s, PostgreSQL %s" % (
        model, os.cpu_count(), mem, platform.python_version(), _pg_version())


def _pg_version():
    try:
        return subprocess.run(["psql", "-d", "postgres", "-qtAc", "show server_version"],
                              stdout=subprocess.PIPE).stdout.decode().strip()
    except OSError:
        return "?"


def make_partners(env, count, prefix="Bench", company_id=None):
    """``count`` contacts in one INSERT (the ORM would take minutes): the
    columns Odoo requires, nothing else. Returns their ids."""
    env.cr.execute("""
        INSERT INTO res_partner
            (name, display_name, active, lang, email, is_company, type, parent_id,
             commercial_partner_id, invoice_warn, sale_warn, purchase_warn, picking_warn,
             customer, supplier, employee, company_id, create_date, write_date,
             create_uid, write_uid)
        SELECT %(prefix)s || ' ' || g, %(prefix)s || ' ' || g, true, 'en_US',
               'bench' || g || '@example.com', false, 'contact', %(company)s, NULL,
               'no-message', 'no-message', 'no-message', 'no-message', true, false, false,
               1, now() at time zone 'UTC', now() at time zone 'UTC', 1, 1
          FROM generate_series(1, %(count)s) g
        RETURNING id""", {"prefix": prefix, "count": count, "company": company_id})
    ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute("UPDATE res_partner SET commercial_partner_id = COALESCE(parent_id, id) "
                   "WHERE id = ANY(%s)", (ids,))
    env.cache.invalidate()
    return ids


def row(name, figure, baseline, ratio_text):
    print("| %s | %s | %s | %s |" % (name, figure, baseline, ratio_text), flush=True)


def header():
    print("| benchmark | figure | baseline | ratio |")
    print("| --- | --- | --- | --- |")

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
import sys
import time

import psycopg2

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO_SRC = os.path.abspath(
    os.environ.get("ODOO_SRC") or os.path.join(ROOT, ".odoo", "src")
)
# Odoo runs from its source tree: odoo-bin with this interpreter
ODOO = [sys.executable, os.path.join(ODOO_SRC, "odoo-bin")]
MODULES = ",".join(
    [
        "sale_management",
        "account",
        "purchase",
        "stock",
        "sale_stock",
        "purchase_stock",
        "crm_interaction_log",
    ]
)


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "-c", "--config", default=os.path.join(ROOT, "var", "odoo.conf")
    )
    parser.add_argument("-d", "--database", default="crm_interaction_bench")
    parser.add_argument("--quick", action="store_true", help="the smaller sizes only")
    parser.add_argument("--sizes", type=int, nargs="*", help="only these sizes")
    return parser.parse_args()


def database_exists(name):
    return (
        subprocess.run(
            [
                "psql",
                "-d",
                "postgres",
                "-qtAc",
                f"select 1 from pg_database where datname='{name}'",
            ],
            stdout=subprocess.PIPE,
            check=True,
        ).stdout.strip()
        == b"1"
    )


def ensure_database(args):
    """Create the bench database (no demo data; account loads the generic chart)
    the first time, update the module in it the next times."""
    odoo.tools.config.parse_config(["-c", args.config, "--log-level", "warn"])
    if not database_exists(args.database):
        print(f"creating database {args.database} ...", flush=True)
        command = ["-i", MODULES, "--without-demo=all"]
    else:  # the module as it is in this tree
        command = ["-u", "crm_interaction_log"]
    subprocess.run(
        ODOO
        + ["-c", args.config, "-d", args.database]
        + command
        + ["--stop-after-init", "--log-level=warn"],
        check=True,
    )


@contextlib.contextmanager
def environment(args):
    """An environment as superuser on the bench database; rolled back at the end."""
    with Registry(args.database).cursor() as cr:
        try:
            yield api.Environment(cr, SUPERUSER_ID, {})
        finally:
            cr.rollback()


def autocommit_connection(dbname):
    """A connection of its own, outside any transaction (VACUUM needs one), with
    Odoo's connection parameters."""
    _db, info = odoo.sql_db.connection_info_for(dbname)
    conn = psycopg2.connect(**info)
    conn.autocommit = True
    return conn


def vacuum(env):
    """The generated rows are committed and vacuumed, as autovacuum keeps a
    table that grows for years: its visibility map lets the statistics be
    index-only scans."""
    env.cr.commit()
    conn = autocommit_connection(env.cr.dbname)
    try:
        with conn.cursor() as cr:
            cr.execute("VACUUM ANALYZE crm_interaction_log_entry")
            cr.execute("VACUUM ANALYZE res_partner")
            cr.execute("VACUUM ANALYZE crm_interaction_statistics")
            cr.execute("VACUUM ANALYZE crm_interaction_period_statistics")
    finally:
        conn.close()


def remove(env, templates, partner_ids, group_code):
    """Take the generated entries, templates, group and contacts out of the
    bench database again."""
    env.cr.rollback()
    env.cr.execute(
        "DELETE FROM crm_interaction_log_entry WHERE template_id IN %s",
        (tuple(templates),),
    )
    env.cr.execute(
        "DELETE FROM crm_interaction_template WHERE id IN %s", (tuple(templates),)
    )
    env.cr.execute("DELETE FROM crm_interaction_group WHERE code = %s", (group_code,))
    env.cr.execute("DELETE FROM res_partner WHERE id IN %s", (tuple(partner_ids),))
    env.cr.commit()


def timed(func, repeat=1):
    """Median wall-clock seconds of ``func()`` over ``repeat`` runs, and its last
    result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def machine():
    with open("/proc/cpuinfo") as f:
        model = next(
            (row.split(":", 1)[1].strip() for row in f if row.startswith("model name")),
            "?",
        )
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{model}, {os.cpu_count()} cores, {mem:.0f} GiB,"
        f" Python {platform.python_version()}, PostgreSQL {_pg_version()},"
        f" Odoo {odoo.release.version}"
    )


def _pg_version():
    try:
        return (
            subprocess.run(
                ["psql", "-d", "postgres", "-qtAc", "show server_version"],
                stdout=subprocess.PIPE,
            )
            .stdout.decode()
            .strip()
        )
    except OSError:
        return "?"


def make_partners(env, count, prefix="Bench", company_id=None):
    """``count`` contacts in one INSERT (the ORM would take minutes): the
    columns Odoo 18 requires (autopost_bills is NOT NULL) and those a contact
    made in the form has. Returns their ids."""
    env.cr.execute(
        """
        INSERT INTO res_partner
            (name, complete_name, active, lang, email, is_company, type, parent_id,
             partner_share, customer_rank, supplier_rank, autopost_bills,
             invoice_warn, sale_warn, purchase_warn, picking_warn, company_id,
             create_date, write_date, create_uid, write_uid)
        SELECT %(prefix)s || ' ' || g, %(prefix)s || ' ' || g, true, 'en_US',
               'bench' || g || '@example.com', false, 'contact', NULL, true, 1, 0,
               'ask',
               'no-message', 'no-message', 'no-message', 'no-message', %(company)s,
               now() at time zone 'UTC', now() at time zone 'UTC', 1, 1
          FROM generate_series(1, %(count)s) g
        RETURNING id""",
        {"prefix": prefix, "count": count, "company": company_id},
    )
    ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        "UPDATE res_partner SET commercial_partner_id = COALESCE(parent_id, id) "
        "WHERE id = ANY(%s)",
        (ids,),
    )
    env.invalidate_all()
    return ids


def row(name, figure, baseline, ratio_text):
    print(f"| {name} | {figure} | {baseline} | {ratio_text} |", flush=True)


def header():
    print("| benchmark | figure | baseline | ratio |")
    print("| --- | --- | --- | --- |")

"""Faults: a server killed while it logs a large segment leaves all of the
segment's entries or none; upgrading the module keeps every entry;
uninstalling removes the module's data and leaves the contacts."""

import signal
import subprocess
import threading
import time
import uuid
import xmlrpc.client

import psycopg2
import pytest
from conftest import ODOO, OdooServer, odoo_script

MODULES = "crm_interaction_log"
# the statement that writes a segment's entries, its table name quoted or not
INSERT_ENTRIES = r'INSERT INTO "?crm_interaction_log_entry"?'


def connect(database):
    return psycopg2.connect(dbname=database)


def sql(database, query, params=None):
    with connect(database) as conn, conn.cursor() as cr:
        cr.execute(query, params)
        return cr.fetchall() if cr.description else None


def make_contacts(rpc, database, count, category_name):
    """``count`` contacts in one tag: the tag through the ORM, the contacts
    written straight to the database (the ORM would take minutes)."""
    category_id = rpc("res.partner.category", "create", {"name": category_name})
    with connect(database) as conn, conn.cursor() as cr:
        # the columns Odoo 18 requires (autopost_bills is NOT NULL) and those a
        # contact made in the form has
        cr.execute(
            """
            WITH p AS (
              INSERT INTO res_partner (
                  name, complete_name, active, is_company, type, company_id, lang,
                  partner_share, customer_rank, supplier_rank, autopost_bills,
                  invoice_warn, sale_warn, purchase_warn, picking_warn,
                  create_uid, write_uid, create_date, write_date)
              SELECT %(n)s || g, %(n)s || g, true, false, 'contact', 1, 'en_US',
                     true, 1, 0, 'ask',
                     'no-message', 'no-message', 'no-message', 'no-message',
                     1, 1, now() at time zone 'UTC', now() at time zone 'UTC'
                FROM generate_series(1, %(count)s) g
              RETURNING id)
            INSERT INTO res_partner_res_partner_category_rel (category_id, partner_id)
            SELECT %(category)s, id FROM p""",
            {"n": category_name + " ", "count": count, "category": category_id},
        )
        cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id "
            "WHERE commercial_partner_id IS NULL"
        )
    return category_id


def test_killed_while_logging_a_large_segment(odoo_server):
    rpc = odoo_server.rpc()
    suffix = uuid.uuid4().hex[:6]
    category_id = make_contacts(rpc, odoo_server.db, 20000, "Kill " + suffix)
    group_id = rpc(
        "crm.interaction.group", "create", {"code": "K" + suffix, "name": "Kill"}
    )
    template_id = rpc(
        "crm.interaction.template",
        "create",
        {"code": "K" + suffix, "name": "Kill", "group_id": group_id},
    )
    segment_id = rpc(
        "crm.segment",
        "create",
        {"description": "Killed " + suffix, "template_id": template_id},
    )
    wizard_id = rpc(
        "crm.segment.contacts.wizard",
        "create",
        {
            "segment_id": segment_id,
            "mode": "add",
            "category_ids": [(6, 0, [category_id])],
        },
    )
    rpc("crm.segment.contacts.wizard", "action_apply", [wizard_id])
    assert (
        rpc("crm.segment", "read", [segment_id], ["line_count"])[0]["line_count"]
        == 20000
    )

    # a second server on the same database, killed while it logs the segment
    victim = OdooServer(
        odoo_server.config, odoo_server.db, log_name="odoo-e2e-killed.log"
    )
    try:
        victim.start()
        victim_rpc = victim.rpc()
        log_wizard = victim_rpc(
            "crm.segment.log.wizard", "create", {"segment_id": segment_id}
        )

        def log():
            try:
                victim_rpc("crm.segment.log.wizard", "action_log", [log_wizard])
            except (xmlrpc.client.Fault, OSError, xmlrpc.client.ProtocolError):
                pass

        thread = threading.Thread(target=log)
        thread.start()
        deadline = time.time() + 120
        while time.time() < deadline:
            running = sql(
                odoo_server.db,
                """
                SELECT count(*) FROM pg_stat_activity
                 WHERE state = 'active' AND query ~ %s AND datname = %s""",
                (INSERT_ENTRIES, odoo_server.db),
            )[0][0]
            if running:
                break
            time.sleep(0.01)
        assert running, "the segment was never being logged"
        victim.process.send_signal(signal.SIGKILL)
        victim.process.wait(30)
        thread.join(60)
    finally:
        victim.stop()
    # PostgreSQL ends the dead server's transaction: nothing of it remains
    deadline = time.time() + 60
    while (
        time.time() < deadline
        and sql(
            odoo_server.db,
            """
            SELECT count(*) FROM pg_stat_activity WHERE query ~ %s AND datname = %s
            AND pid <> pg_backend_pid()""",
            (INSERT_ENTRIES, odoo_server.db),
        )[0][0]
    ):
        time.sleep(0.2)
    entries = rpc(
        "crm.interaction.log.entry", "search_count", [("segment_id", "=", segment_id)]
    )
    logged = rpc(
        "crm.logged.segment", "search_count", [("segment_id", "=", segment_id)]
    )
    state = rpc("crm.segment", "read", [segment_id], ["state"])[0]["state"]
    assert (entries, logged, state) in ((0, 0, "draft"), (20000, 1, "logged"))
    # and the segment can be logged (again, or for the first time) in full
    if state == "draft":
        wizard = rpc("crm.segment.log.wizard", "create", {"segment_id": segment_id})
        rpc("crm.segment.log.wizard", "action_log", [wizard])
    assert (
        rpc(
            "crm.interaction.log.entry",
            "search_count",
            [("segment_id", "=", segment_id)],
        )
        == 20000
    )


@pytest.fixture(scope="module")
def lifecycle_db(odoo_config):
    database = "crm_interaction_lifecycle"
    subprocess.run(["dropdb", "--if-exists", database], check=True)
    subprocess.run(
        ODOO
        + [
            "-c",
            odoo_config,
            "-d",
            database,
            "-i",
            MODULES,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )
    yield odoo_config, database
    subprocess.run(["dropdb", "--if-exists", database], check=True)


SNAPSHOT = """
    SELECT count(*),
           md5(string_agg(concat_ws('|', id, name, partner_id, date, template_id,
                                    cost, duration, canceled, evaluation),
                          ',' ORDER BY id))
      FROM crm_interaction_log_entry"""


def test_upgrade_keeps_entries_and_uninstall_leaves_contacts(lifecycle_db):
    config, database = lifecycle_db
    odoo_script(
        config,
        database,
        """
group = env["crm.interaction.group"].create({"code": "LIFE", "name": "Lifecycle"})
template = env["crm.interaction.template"].create(
    {"code": "LIFE", "name": "Lifecycle call", "group_id": group.id, "unit_cost": 2})
partners = env["res.partner"].create({"name": "Lifecycle A"}) | \\
    env["res.partner"].create({"name": "Lifecycle B"})
for i in range(60):
    entry = env["crm.interaction.log.entry"].create({
        "partner_id": partners[i % 2].id, "template_id": template.id,
        "description": "Call %d" % i, "evaluation": "positive" if i % 3 else False})
    if i % 10 == 0:
        entry.action_toggle_canceled()
segment = env["crm.segment"].create({"description": "Lifecycle mailing",
                                     "template_id": template.id})
segment._add_partners(partners)
segment._log()
""",
    )
    before = sql(database, SNAPSHOT)[0]
    assert before[0] == 62
    stats_before = sql(
        database,
        "SELECT partner_id, SUM(entry_count) FROM "
        "crm_interaction_statistics GROUP BY 1 ORDER BY 1",
    )
    subprocess.run(
        ODOO
        + [
            "-c",
            config,
            "-d",
            database,
            "-u",
            MODULES,
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )
    assert sql(database, SNAPSHOT)[0] == before
    assert (
        sql(
            database,
            "SELECT partner_id, SUM(entry_count) FROM "
            "crm_interaction_statistics GROUP BY 1 ORDER BY 1",
        )
        == stats_before
    )

    partners_before = sql(database, "SELECT count(*) FROM res_partner")[0][0]
    odoo_script(
        config,
        database,
        """
module = env["ir.module.module"].search([("name", "=", "crm_interaction_log")])
module.button_immediate_uninstall()
""",
    )
    assert sql(
        database, "SELECT state FROM ir_module_module WHERE name = %s", (MODULES,)
    ) == [("uninstalled",)]
    assert sql(database, "SELECT count(*) FROM res_partner")[0][0] == partners_before
    tables = sql(
        database,
        """SELECT table_name FROM information_schema.tables
                               WHERE table_name LIKE 'crm_interaction%%'
                                  OR table_name LIKE 'crm_segment%%'
                                  OR table_name LIKE 'crm_logged_segment%%'""",
    )
    assert tables == []
    assert (
        sql(
            database,
            "SELECT proname FROM pg_proc WHERE proname LIKE " "'crm_interaction%%'",
        )
        == []
    )
    assert sql(
        database, "SELECT count(*) FROM ir_model_data WHERE module = %s", (MODULES,)
    ) == [(0,)]
    assert (
        sql(
            database,
            """SELECT column_name FROM information_schema.columns
                             WHERE table_name IN ('res_partner', 'res_company')
                               AND column_name LIKE 'interaction%%'""",
        )
        == []
    )

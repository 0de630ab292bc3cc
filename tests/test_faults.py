"""Faults: a server killed while it logs a large segment leaves none of the
segment's entries, and the segment can be logged in full afterwards; a
server killed while its scheduled job e-mails a logged segment resumes after
a restart, and every contact gets exactly one e-mail; upgrading the module
keeps every entry and the module keeps working (writing, printing, logging a
segment, statistics equal to the entries); uninstalling removes the module's
data and leaves the contacts."""

import base64
import re
import signal
import subprocess
import threading
import time
import uuid
import xmlrpc.client

import psycopg2
import pytest
from conftest import (
    ODOO,
    OdooServer,
    make_template,
    make_user,
    odoo_script,
    posted_invoice,
    ref,
    set_up_invoice_template,
)

MODULES = "crm_interaction_log"
SALESPERSON = ["sales_team.group_sale_salesman"]
# Contacts of the segment the server is killed while logging: enough for its
# INSERT ... SELECT to run well past the moment the server is killed.
KILLED_SEGMENT_SIZE = 20000
# The statement that writes a segment's entries from its lines:
# INSERT INTO crm_interaction_log_entry (<columns>) SELECT ... FROM
# (SELECT ... FROM crm_segment_line ...) (every writer of entries writes
# INSERT ... SELECT: those of single documents select from their values).
SEGMENT_INSERT = (
    r'^\s*INSERT\s+INTO\s+"?crm_interaction_log_entry"?\s*\([^)]*\)\s*SELECT\s'
)
SEGMENT_INSERT_SOURCE = re.compile(r'\sFROM\s+"?crm_segment_line"?\s', re.I)


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


def log_segment(rpc, segment_id):
    wizard_id = rpc("crm.segment.log.wizard", "create", {"segment_id": segment_id})
    return rpc("crm.segment.log.wizard", "action_log", [wizard_id])


def segment_of_tag(rpc, category_id, **values):
    """A segment created by ``rpc``'s user with ``values``, the tag's contacts
    added through the Add Contacts wizard."""
    segment_id = rpc("crm.segment", "create", values)
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
    return segment_id


# --- a server killed while it logs a segment -------------------------------------
def segment_state(database, segment_id, partner_ids):
    """What the database holds of a segment's logging: its entries, its logged
    segments, its state, and the statistics rows of its contacts."""
    return {
        "entries": sql(
            database,
            "SELECT count(*) FROM crm_interaction_log_entry "
            "WHERE segment_id = %s OR partner_id = ANY(%s)",
            (segment_id, partner_ids),
        )[0][0],
        "logged_segments": sql(
            database,
            "SELECT count(*) FROM crm_logged_segment WHERE segment_id = %s",
            (segment_id,),
        )[0][0],
        "state": sql(
            database,
            "SELECT state, logged_segment_id FROM crm_segment WHERE id = %s",
            (segment_id,),
        )[0],
        "statistics": sql(
            database,
            "SELECT COALESCE(SUM(entry_count), 0) FROM crm_interaction_statistics "
            "WHERE partner_id = ANY(%s)",
            (partner_ids,),
        )[0][0],
    }


def test_killed_while_logging_a_large_segment(odoo_server):
    database = odoo_server.db
    rpc = odoo_server.rpc()
    suffix = uuid.uuid4().hex[:8]
    category_id = make_contacts(rpc, database, KILLED_SEGMENT_SIZE, "Kill " + suffix)
    partner_ids = [
        row[0]
        for row in sql(
            database,
            "SELECT partner_id FROM res_partner_res_partner_category_rel "
            "WHERE category_id = %s",
            (category_id,),
        )
    ]
    assert len(partner_ids) == KILLED_SEGMENT_SIZE
    template_id = make_template(rpc, "K" + suffix, "Kill", unit_cost=1)
    seller_id, login, password, seller = make_user(
        rpc, odoo_server, "killed", SALESPERSON
    )
    # a literal of this segment only: the statement logging it carries it
    description = "Killed segment " + suffix
    segment_id = segment_of_tag(
        seller, category_id, description=description, template_id=template_id
    )
    lines = sql(
        database,
        "SELECT count(*), count(DISTINCT partner_id) FROM crm_segment_line "
        "WHERE segment_id = %s",
        (segment_id,),
    )[0]
    assert lines == (KILLED_SEGMENT_SIZE, KILLED_SEGMENT_SIZE)
    assert segment_state(database, segment_id, partner_ids) == {
        "entries": 0,
        "logged_segments": 0,
        "state": ("draft", None),
        "statistics": 0,
    }

    # pg_stat_activity keeps the first track_activity_query_size bytes of a
    # statement: the INSERT's FROM clause, where the segment's lines are, may be
    # cut off; the statement is told by its server (the application name Odoo
    # gives its connections, odoo-<pid>) and its start
    query_size = int(
        sql(
            database,
            "SELECT setting FROM pg_settings WHERE name = 'track_activity_query_size'",
        )[0][0]
    )
    poll = connect(database)
    poll.autocommit = True  # every poll reads pg_stat_activity afresh
    victim = OdooServer(odoo_server.config, database, log_name="odoo-e2e-killed.log")
    seen = None
    outcome = []
    try:
        victim.start()
        victim_seller = victim.rpc(login, password)
        log_wizard = victim_seller(
            "crm.segment.log.wizard", "create", {"segment_id": segment_id}
        )

        def log():
            try:
                victim_seller("crm.segment.log.wizard", "action_log", [log_wizard])
                outcome.append("answered")
            except (xmlrpc.client.Fault, OSError, xmlrpc.client.ProtocolError) as e:
                outcome.append(repr(e))

        thread = threading.Thread(target=log)
        with poll.cursor() as cr:
            thread.start()
            deadline = time.time() + 300
            while seen is None and thread.is_alive() and time.time() < deadline:
                # every backend but this one (whose own query would match)
                cr.execute(
                    """
                    SELECT pid, state, query_start, query FROM pg_stat_activity
                     WHERE datname = %s AND pid <> pg_backend_pid()
                       AND state = 'active' AND query ~* %s
                       AND application_name = %s""",
                    (database, SEGMENT_INSERT, f"odoo-{victim.process.pid}"),
                )
                rows = cr.fetchall()
                assert len(rows) <= 1, rows
                if rows:
                    keys = ("pid", "state", "query_start", "query")
                    seen = dict(zip(keys, rows[0], strict=True))
                else:
                    time.sleep(0.005)
            assert seen, f"the segment's INSERT was never seen running: {outcome}"
            victim.process.send_signal(signal.SIGKILL)
            assert victim.process.wait(30) == -signal.SIGKILL
            # the server is dead: its backend is still in the very statement the
            # poll saw (PostgreSQL notices the lost client only when it answers)
            cr.execute(
                "SELECT state, query_start, query FROM pg_stat_activity "
                "WHERE pid = %s",
                (seen["pid"],),
            )
            after_kill = cr.fetchall()
            thread.join(60)
            # then it ends, its transaction rolled back
            deadline = time.time() + 300
            while time.time() < deadline:
                cr.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = %s",
                    (seen["pid"],),
                )
                if not cr.fetchone()[0]:
                    break
                time.sleep(0.2)
            cr.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (seen["pid"],)
            )
            assert cr.fetchone()[0] == 0, "the killed server's backend never ended"
    finally:
        poll.close()
        victim.stop()
    # what the poll saw was the segment's INSERT ... SELECT from its lines
    assert seen["state"] == "active"
    assert re.search(SEGMENT_INSERT, seen["query"], re.I)
    if len(seen["query"].encode()) < query_size - 1:  # not cut off
        assert SEGMENT_INSERT_SOURCE.search(seen["query"]), seen["query"]
    assert after_kill == [("active", seen["query_start"], seen["query"])], (
        "the INSERT had ended before the server was killed: "
        f"saw {seen}, after the kill {after_kill}"
    )
    assert not thread.is_alive() and outcome and outcome[0] != "answered", outcome

    # nothing of the killed logging remains; the segment is still open
    assert segment_state(database, segment_id, partner_ids) == {
        "entries": 0,
        "logged_segments": 0,
        "state": ("draft", None),
        "statistics": 0,
    }

    # after a restart the salesperson logs it: exactly one entry per line
    restarted = OdooServer(
        odoo_server.config, database, log_name="odoo-e2e-restarted.log"
    )
    try:
        restarted.start()
        mark = restarted.log_mark()
        log_segment(restarted.rpc(login, password), segment_id)
        assert restarted.server_errors(mark) == []
    finally:
        restarted.stop()
    state = segment_state(database, segment_id, partner_ids)
    logged_id = sql(
        database,
        "SELECT id FROM crm_logged_segment WHERE segment_id = %s",
        (segment_id,),
    )
    assert len(logged_id) == 1
    assert state == {
        "entries": KILLED_SEGMENT_SIZE,
        "logged_segments": 1,
        "state": ("logged", logged_id[0][0]),
        "statistics": KILLED_SEGMENT_SIZE,
    }
    # every line has one entry of its contact, logged by the salesperson
    assert sql(
        database,
        """
        SELECT count(*) FILTER (WHERE n <> 1), count(*)
          FROM (SELECT l.id, count(e.id) AS n
                  FROM crm_segment_line l
                  LEFT JOIN crm_interaction_log_entry e
                         ON e.segment_id = l.segment_id AND e.partner_id = l.partner_id
                        AND e.logged_segment_id = %s
                 WHERE l.segment_id = %s
              GROUP BY l.id) per_line""",
        (logged_id[0][0], segment_id),
    ) == [(0, KILLED_SEGMENT_SIZE)]
    assert sql(
        database,
        """
        SELECT count(*), count(DISTINCT name), array_agg(DISTINCT logged_by_id),
               bool_and(canceled IS NOT TRUE AND postponed IS NOT TRUE)
          FROM crm_interaction_log_entry WHERE segment_id = %s""",
        (segment_id,),
    ) == [(KILLED_SEGMENT_SIZE, KILLED_SEGMENT_SIZE, [seller_id], True)]


# --- upgrade and uninstall ---------------------------------------------------------
# --- a server killed while it e-mails a logged segment ----------------------------
# Contacts of the segment whose e-mails the scheduled job is sending when the
# server is killed: several batches of the job.
SENT_SEGMENT_SIZE = 4000


def send_figures(database, logged_id, partner_ids):
    """The segment's e-mail entries, those linked to an e-mail, the e-mails of
    its contacts, and the most e-mails a contact or an entry has."""
    return sql(
        database,
        """
        SELECT (SELECT count(*) FROM crm_interaction_log_entry
                 WHERE logged_segment_id = %(logged)s),
               (SELECT count(*) FROM crm_interaction_log_entry
                 WHERE logged_segment_id = %(logged)s
                   AND mail_message_id IS NOT NULL),
               (SELECT count(*) FROM mail_mail mm
                  JOIN mail_message m ON m.id = mm.mail_message_id
                 WHERE m.model = 'res.partner' AND m.res_id = ANY(%(partners)s)),
               (SELECT COALESCE(max(n), 0) FROM (
                    SELECT count(*) AS n FROM mail_mail mm
                      JOIN mail_message m ON m.id = mm.mail_message_id
                     WHERE m.model = 'res.partner' AND m.res_id = ANY(%(partners)s)
                  GROUP BY m.res_id) c),
               (SELECT count(*) FROM crm_interaction_log_entry e
                 WHERE e.logged_segment_id = %(logged)s
                   AND e.mail_message_id IS NOT NULL
                   AND (SELECT count(*) FROM mail_mail mm
                         WHERE mm.mail_message_id = e.mail_message_id) <> 1)""",
        {"logged": logged_id, "partners": partner_ids},
    )[0]


def wait_for(predicate, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what} within {timeout} s")


def test_killed_while_sending_resumes_and_sends_each_email_once(odoo_server):
    """A segment of 4,000 contacts logged with "send attachments": the server's
    scheduled job is killed in the middle of its batches; what it committed
    is whole (each entry it linked has its one e-mail, no e-mail without its
    entry), and the restarted server's job sends the rest: every contact
    gets exactly one e-mail."""
    database = odoo_server.db
    rpc = odoo_server.rpc()
    suffix = uuid.uuid4().hex[:8]
    category_id = make_contacts(rpc, database, SENT_SEGMENT_SIZE, "Send " + suffix)
    partner_ids = [
        row[0]
        for row in sql(
            database,
            """UPDATE res_partner p
                  SET email = 'send' || p.id || '@example.com',
                      interaction_correspondence_type = 'email'
                 FROM res_partner_res_partner_category_rel r
                WHERE r.partner_id = p.id AND r.category_id = %s
            RETURNING p.id""",
            (category_id,),
        )
    ]
    assert len(partner_ids) == SENT_SEGMENT_SIZE
    template_id = make_template(rpc, "S" + suffix, "Send")
    rpc(
        "crm.interaction.template.language",
        "create",
        {
            "template_id": template_id,
            "lang": "en_US",
            "description": "Offer",
            "upload_file": base64.b64encode(b"Winter offer").decode(),
            "upload_filename": "offer.txt",
        },
    )
    _seller_id, login, password, seller = make_user(
        rpc, odoo_server, "sender", SALESPERSON
    )
    segment_id = segment_of_tag(
        seller,
        category_id,
        description="Sent segment " + suffix,
        template_id=template_id,
        correspondence_type="email",
    )
    log_wizard = seller(
        "crm.segment.log.wizard",
        "create",
        {"segment_id": segment_id, "send_attachments": True},
    )
    seller("crm.segment.log.wizard", "action_log", [log_wizard])
    [logged_id] = [
        row[0]
        for row in sql(
            database,
            "SELECT logged_segment_id FROM crm_segment WHERE id = %s",
            (segment_id,),
        )
    ]
    # logged: every entry waits for its e-mail, none is sent yet
    assert send_figures(database, logged_id, partner_ids) == (
        SENT_SEGMENT_SIZE,
        0,
        0,
        0,
        0,
    )
    [progress] = seller(
        "crm.logged.segment",
        "read",
        [logged_id],
        ["send_state", "email_count", "email_queued_count"],
    )
    assert (
        progress["send_state"],
        progress["email_count"],
        progress["email_queued_count"],
    ) == ("sending", SENT_SEGMENT_SIZE, 0)

    # only the interactions' job sends: the mail queue keeps the e-mails
    mail_queue = ref(rpc, "mail.ir_cron_mail_scheduler_action")
    sql(database, "UPDATE ir_cron SET active = FALSE WHERE id = %s", (mail_queue,))
    cron_args = ["--max-cron-threads", "1"]
    try:
        victim = OdooServer(
            odoo_server.config,
            database,
            extra_args=cron_args,
            log_name="odoo-e2e-killed-sending.log",
        )
        try:
            victim.start()
            # killed once the job has committed a batch, before the last
            linked = wait_for(
                lambda: send_figures(database, logged_id, partner_ids)[1],
                300,
                "the job linked no e-mail",
            )
            victim.process.send_signal(signal.SIGKILL)
            assert victim.process.wait(30) == -signal.SIGKILL
        finally:
            victim.stop()
        # the killed server's backends end, their transactions rolled back
        wait_for(
            lambda: not sql(
                database,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                "AND state <> 'idle' AND pid <> pg_backend_pid() "
                "AND query ~* 'crm_interaction_log_entry|mail_mail'",
                (database,),
            )[0][0],
            120,
            "the killed server's queries did not end",
        )
        entries, linked, mails, most, wrong = send_figures(
            database, logged_id, partner_ids
        )
        assert 0 < linked < SENT_SEGMENT_SIZE, (linked, "not killed mid-way")
        # whole batches: each linked entry has its e-mail, and only they have one
        assert (entries, mails, most, wrong) == (SENT_SEGMENT_SIZE, linked, 1, 0)

        # the restarted server's job resumes and sends the others, once
        restarted = OdooServer(
            odoo_server.config,
            database,
            extra_args=cron_args,
            log_name="odoo-e2e-resumed-sending.log",
        )
        try:
            restarted.start()
            mark = restarted.log_mark()
            wait_for(
                lambda: send_figures(database, logged_id, partner_ids)[1]
                == SENT_SEGMENT_SIZE,
                600,
                "the restarted job did not send every e-mail",
            )
            [progress] = restarted.rpc(login, password)(
                "crm.logged.segment",
                "read",
                [logged_id],
                ["send_state", "email_queued_count", "send_progress"],
            )
            assert restarted.server_errors(mark) == []
        finally:
            restarted.stop()
    finally:
        sql(database, "UPDATE ir_cron SET active = TRUE WHERE id = %s", (mail_queue,))
    assert send_figures(database, logged_id, partner_ids) == (
        SENT_SEGMENT_SIZE,
        SENT_SEGMENT_SIZE,
        SENT_SEGMENT_SIZE,
        1,
        0,
    )
    assert (
        progress["send_state"],
        progress["email_queued_count"],
        progress["send_progress"],
    ) == ("done", SENT_SEGMENT_SIZE, 100)
    # every e-mail goes to its entry's contact, in Odoo's mail queue
    assert sql(
        database,
        """
        SELECT count(*) FILTER (WHERE r.res_partner_id = e.partner_id
                                  AND mm.state = 'outgoing'),
               count(*)
          FROM crm_interaction_log_entry e
          JOIN mail_mail mm ON mm.mail_message_id = e.mail_message_id
          JOIN mail_mail_res_partner_rel r ON r.mail_mail_id = mm.id
         WHERE e.logged_segment_id = %s""",
        (logged_id,),
    )[0] == (SENT_SEGMENT_SIZE, SENT_SEGMENT_SIZE)


@pytest.fixture(scope="module")
def lifecycle_db(request, odoo_config):
    database = "crm_interaction_lifecycle"
    own = request.config.getoption("--odoo-database", default=None)
    if own:  # next to the test database, so that two runs never share it
        database = own + "_lifecycle"
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

# the counted entries (neither canceled nor postponed) summed afresh, and the
# per-contact summary, both by contact and by contact company
FRESH = """
    SELECT {key}, count(*), COALESCE(SUM(cost), 0), COALESCE(SUM(duration), 0),
           MAX(CASE WHEN initiated_by = 'us' THEN date END),
           MAX(CASE WHEN attempt_failed IS NOT TRUE THEN date END)
      FROM crm_interaction_log_entry
     WHERE canceled IS NOT TRUE AND postponed IS NOT TRUE
  GROUP BY {key} ORDER BY {key}"""
SUMMARY = """
    SELECT {key}, SUM(entry_count), SUM(cost), SUM(duration),
           MAX(last_attempt_date), MAX(last_date)
      FROM crm_interaction_statistics
  GROUP BY {key} HAVING SUM(entry_count) > 0 ORDER BY {key}"""


def figures(rows):
    """Rows of (key, count, cost, duration, dates...) comparable across sums."""
    return [
        (key, int(count), round(float(cost), 4), round(float(duration), 4), *dates)
        for key, count, cost, duration, *dates in rows
    ]


def rpc_datetime(value):
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else False


def assert_statistics_equal_entries(database, rpc):
    """The summary table and every contact's statistics (read over XML-RPC by
    the administrator) equal a fresh count and sum of the counted entries."""
    for key in ("partner_id", "commercial_partner_id"):
        fresh = figures(sql(database, FRESH.format(key=key)))
        assert fresh, "no counted entries"
        assert figures(sql(database, SUMMARY.format(key=key))) == fresh, key
    by_person, by_company = (
        {row[0]: row[1:] for row in figures(sql(database, FRESH.format(key=key)))}
        for key in ("partner_id", "commercial_partner_id")
    )
    partners = rpc(
        "res.partner",
        "search_read",
        [],
        [
            "is_company",
            "interaction_count",
            "interaction_cost",
            "interaction_duration",
            "interaction_last_attempt_date",
            "interaction_last_date",
        ],
        context={"active_test": False},
    )
    assert len(partners) == sql(database, "SELECT count(*) FROM res_partner")[0][0]
    shown, expected = {}, {}
    for partner in partners:
        shown[partner["id"]] = (
            partner["interaction_count"],
            round(partner["interaction_cost"], 4),
            round(partner["interaction_duration"], 4),
            partner["interaction_last_attempt_date"],
            partner["interaction_last_date"],
        )
        source = by_company if partner["is_company"] else by_person
        count, cost, duration, last_attempt, last = source.get(
            partner["id"], (0, 0.0, 0.0, None, None)
        )
        expected[partner["id"]] = (
            count,
            cost,
            duration,
            rpc_datetime(last_attempt),
            rpc_datetime(last),
        )
    assert shown == expected
    return by_person


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
    # the analysis counts the same entries after the upgrade
    assert sql(
        database,
        """SELECT SUM(entry_count) FROM crm_interaction_analysis
            WHERE NOT canceled AND NOT postponed""",
    ) == [(sum(count for _partner, count in stats_before),)]

    # the upgraded module at work, as a salesperson over XML-RPC and HTTP
    server = OdooServer(config, database, log_name="odoo-e2e-lifecycle.log")
    try:
        server.start()
        mark = server.log_mark()
        check_upgraded_module_works(server, database)
        assert server.server_errors(mark) == []
    finally:
        server.stop()

    # the contacts, but for the module's own (the anonymized contact of the
    # entries of forgotten people, which goes with the module's data)
    partners_before = sql(
        database,
        """SELECT count(*) FROM res_partner WHERE id NOT IN (
               SELECT res_id FROM ir_model_data
                WHERE module = 'crm_interaction_log' AND model = 'res.partner')""",
    )[0][0]
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
                             WHERE table_name IN
                                   ('res_partner', 'res_company', 'mail_activity')
                               AND column_name LIKE 'interaction%%'""",
        )
        == []
    )


def check_upgraded_module_works(server, database):
    """Write on entries, print an invoice and log a segment as a salesperson
    who sees his own documents only, then compare the statistics with the
    entries."""
    rpc = server.rpc()
    seller_id, login, password, seller = make_user(rpc, server, "upgraded", SALESPERSON)
    partner_a, partner_b = (
        rpc("res.partner", "search", [("name", "=", name)])[0]
        for name in ("Lifecycle A", "Lifecycle B")
    )
    # the salesperson of contact A: its history is his
    rpc("res.partner", "write", [partner_a], {"user_id": seller_id})
    Entry = "crm.interaction.log.entry"
    entries_a = sql(
        database,
        "SELECT id FROM crm_interaction_log_entry WHERE partner_id = %s ORDER BY id",
        (partner_a,),
    )
    assert sorted(seller(Entry, "search", [])) == [row[0] for row in entries_a]

    # what a user may change on an entry
    uncounted = seller(
        Entry,
        "search",
        [
            ("partner_id", "=", partner_a),
            ("canceled", "=", False),
            ("segment_id", "=", False),
            ("evaluation", "=", False),
        ],
        order="id",
    )
    edited, to_cancel = uncounted[:2]
    canceled = seller(
        Entry,
        "search",
        [("partner_id", "=", partner_a), ("canceled", "=", True)],
        order="id",
        limit=1,
    )[0]
    changed = (edited, to_cancel, canceled)

    def entry_rows():
        return sql(
            database,
            "SELECT id, evaluation, cost, canceled IS TRUE "
            "FROM crm_interaction_log_entry WHERE id IN %s ORDER BY id",
            (changed,),
        )

    before = {row[0]: row for row in entry_rows()}
    seller(Entry, "write", [edited], {"evaluation": "negative"})
    # its cost stays as it was logged
    with pytest.raises(xmlrpc.client.Fault) as caught:
        seller(Entry, "write", [edited], {"cost": 7.25})
    assert "stays as it was logged" in caught.value.faultString
    # Switch Canceled on two: both take the opposite of the first one's mark,
    # once confirmed
    Switch = "crm.interaction.switch.canceled.wizard"
    for selection, mark, summary in (
        ([to_cancel, canceled], True, "1 interaction log entry will be canceled."),
        ([canceled, to_cancel], False, "2 interaction log entries will be restored."),
    ):
        action = seller(Entry, "action_toggle_canceled", selection)
        wizard = [action["res_id"]]
        assert seller(Switch, "read", wizard, ["summary"])[0]["summary"] == summary
        seller(Switch, "action_confirm", wizard)
        assert entry_rows() == sorted(
            [
                before[edited][:1] + ("negative",) + before[edited][2:],
                before[to_cancel][:3] + (mark,),
                before[canceled][:3] + (mark,),
            ]
        )

    # printing his customer's invoice records a hard copy
    template_id = set_up_invoice_template(rpc)
    invoice_id, _number = posted_invoice(rpc, "Lifecycle invoice customer")
    rpc("account.move", "write", [invoice_id], {"invoice_user_id": seller_id})
    invoice_partner = rpc("account.move", "read", [invoice_id], ["partner_id"])[0][
        "partner_id"
    ][0]
    opener = server.http_session(login, password)
    url = f"{server.url}/report/pdf/account.report_invoice/{invoice_id}"
    with opener.open(url, timeout=300) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.read().startswith(b"%PDF")
    assert sql(
        database,
        """
        SELECT partner_id, template_id, correspondence_type, document_occurrence,
               logged_by_id, canceled IS TRUE, postponed IS TRUE
          FROM crm_interaction_log_entry
         WHERE res_model = 'account.move' AND res_id = %s""",
        (invoice_id,),
    ) == [(invoice_partner, template_id, "hard_copy", 1, seller_id, False, False)]

    # logging a segment of his contacts
    life_template = seller(
        "crm.interaction.template", "search", [("code", "=", "LIFE")]
    )[0]
    segment_id = seller(
        "crm.segment",
        "create",
        {"description": "After the upgrade", "template_id": life_template},
    )
    add_id = seller(
        "crm.segment.add.wizard",
        "create",
        {
            "segment_id": segment_id,
            "partner_ids": [(6, 0, [partner_a, partner_b, invoice_partner])],
        },
    )
    seller("crm.segment.add.wizard", "action_add", [add_id])
    log_segment(seller, segment_id)
    assert sql(
        database,
        """
        SELECT partner_id, logged_by_id, cost FROM crm_interaction_log_entry
         WHERE segment_id = %s ORDER BY partner_id""",
        (segment_id,),
    ) == sorted(
        (partner, seller_id, 2.0) for partner in (partner_a, partner_b, invoice_partner)
    )
    assert sql(
        database, "SELECT state FROM crm_segment WHERE id = %s", (segment_id,)
    ) == [("logged",)]

    # the statistics are those of the entries, for every contact
    by_person = assert_statistics_equal_entries(database, rpc)
    # and the salesperson, who sees all of contact A's entries, reads the same
    count_a = seller("res.partner", "read", [partner_a], ["interaction_count"])[0][
        "interaction_count"
    ]
    assert count_a == by_person[partner_a][0]

"""Benchmark 3: the log at a million entries (and at 10x and 100x fewer):
a contact's statistics (from the table the triggers keep, and from the
entries' index alone), first pages of filtered lists, Interaction Analysis by
month as a manager and as a salesperson who sees his own documents only
(against the same question to the entries), and deleting the canceled entries
with the wizard against a bare DELETE.

BENCH_SCALE=10m: ten million entries instead, in a copy of the bench database
dropped afterwards (about 30 minutes: not part of the default run)."""

import contextlib
import os
import subprocess
import time
import uuid

from common import (
    ensure_database,
    environment,
    header,
    machine,
    make_partners,
    parse_args,
    remove,
    row,
    timed,
    vacuum,
    write_entries,
)

import odoo
from odoo import Command
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

LIST_FIELDS = [
    "name",
    "date",
    "partner_id",
    "commercial_partner_id",
    "description",
    "template_id",
    "information_flow",
    "initiated_by",
    "user_id",
    "evaluation",
    "cost",
    "duration",
    "attempt_failed",
    "canceled",
    "document_name",
    "delivery_status",
]
MANY2ONE = {"partner_id", "commercial_partner_id", "template_id", "user_id"}
# what the list view asks for each row: plain values, and the name of each linked record
SPECIFICATION = {
    name: {"fields": {"display_name": {}}} if name in MANY2ONE else {}
    for name in LIST_FIELDS
}


RUN = uuid.uuid4().hex[:6].upper()  # codes unique to this run


# from this size on, the rows are generated without the table's indexes,
# foreign keys and statistics trigger, which are made again afterwards (the
# time of a bench, not of what it measures)
BULK = 5000000
# the triggers that keep the statistics by contact and the analysis
INSERT_TRIGGERS = (
    "crm_interaction_statistics_insert",
    "crm_interaction_analysis_insert",
)


@contextlib.contextmanager
def bulk_load(env):
    """The entries' indexes and foreign keys dropped and their statistics
    trigger off while the block inserts rows; all made again (and checked)
    afterwards, the statistics rebuilt from the rows."""
    cr = env.cr
    cr.execute(
        """SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = 'crm_interaction_log_entry'::regclass AND contype = 'f'"""
    )
    foreign_keys = cr.fetchall()
    cr.execute(
        """SELECT indexname, indexdef FROM pg_indexes
            WHERE tablename = 'crm_interaction_log_entry'
              AND indexname <> 'crm_interaction_log_entry_pkey'"""
    )
    indexes = cr.fetchall()
    for name, _definition in foreign_keys:
        cr.execute(f'ALTER TABLE crm_interaction_log_entry DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cr.execute(f'DROP INDEX "{name}"')
    for trigger in INSERT_TRIGGERS:
        cr.execute(f"ALTER TABLE crm_interaction_log_entry DISABLE TRIGGER {trigger}")
    yield
    for trigger in INSERT_TRIGGERS:
        cr.execute(f"ALTER TABLE crm_interaction_log_entry ENABLE TRIGGER {trigger}")
    cr.execute("SET maintenance_work_mem = '1GB'")
    for _name, definition in indexes:
        cr.execute(definition)
    for name, definition in foreign_keys:
        cr.execute(
            "ALTER TABLE crm_interaction_log_entry"
            f' ADD CONSTRAINT "{name}" {definition}'
        )
    env["crm.interaction.statistics"]._rebuild()
    env["crm.interaction.analysis"]._rebuild()


def generate(env, total, contacts, salesperson):
    """``total`` entries over ``contacts`` contacts: one contact has a tenth of
    them, the others share the rest; 10 templates; three years of dates; every
    tenth entry canceled; ``salesperson`` the salesperson of a tenth of them,
    the administrator of the others. One INSERT ... SELECT, in the order of the
    dates."""
    partner_ids = make_partners(env, contacts, prefix="Million")
    group = env["crm.interaction.group"].create({"code": "BM" + RUN, "name": "Bench"})
    templates = (
        env["crm.interaction.template"]
        .create(
            [
                {
                    "code": f"BM{RUN}{i}",
                    "name": f"Bench {i}",
                    "group_id": group.id,
                    "unit_cost": i,
                    "unit_duration": 5,
                }
                for i in range(10)
            ]
        )
        .ids
    )
    big = partner_ids[0]
    env.flush_all()
    with bulk_load(env) if total >= BULK else contextlib.nullcontext():
        insert_entries(env, total, templates, group, big, partner_ids, salesperson)
    env.invalidate_all()
    return big, templates, partner_ids


def insert_entries(env, total, templates, group, big, partner_ids, salesperson):
    """The entries, written as the addon writes entries in bulk; cost and
    duration given, as a user would change them."""
    write_entries(
        env,
        SQL(
            """
            SELECT g AS row_order, 'B' || g AS name, p AS partner_id,
                   p AS commercial_partner_id,
                   -- in the order of their dates, as a log is written
                   timestamp '2024-01-01'
                       + (g::bigint * %(seconds)s / %(total)s) * interval '1 second'
                       AS date,
                   'Bench interaction ' || g AS description,
                   (%(templates)s)[1 + mod(g, 10)] AS template_id,
                   %(group)s AS group_id, 'outbound' AS information_flow,
                   CASE WHEN mod(g, 3) = 0 THEN 'them' ELSE 'us' END AS initiated_by,
                   (mod(g, 10)) AS cost, 5 AS duration,
                   CASE WHEN mod(g, 20) IN (4, 5) THEN %(salesperson)s ELSE 1 END
                       AS user_id,
                   1 AS logged_by_id, mod(g, 7) = 0 AS attempt_failed,
                   mod(g, 10) = 0 AS canceled, 'email' AS correspondence_type,
                   1 AS company_id
              FROM (SELECT g, CASE WHEN mod(g, 10) = 1 THEN %(big)s
                                   ELSE (%(others)s)[1 + mod(g, %(n_others)s)] END AS p
                      FROM generate_series(1, %(total)s) g) s""",
            templates=templates,
            group=group.id,
            big=big,
            others=partner_ids[1:],
            n_others=len(partner_ids) - 1,
            total=total,
            seconds=1095 * 86400,
            salesperson=salesperson,
        ),
    )


def first_page(env, domain):
    """What Odoo 18's web client asks for the first page of the list:
    web_search_read of the list's fields, 80 rows and the count up to 10,001,
    in the context of the menu's action."""
    env.invalidate_all()
    action = env.ref("crm_interaction_log.crm_interaction_log_entry_action")
    Entry = env["crm.interaction.log.entry"].with_context(
        safe_eval(action.context or "{}")
    )
    return Entry.web_search_read(domain, SPECIFICATION, limit=80, count_limit=10001)[
        "records"
    ]


def statistics_of(env, partner_id, **context):
    env.invalidate_all()
    partner = env["res.partner"].with_context(**context).browse(partner_id)
    return partner.interaction_count, partner.interaction_cost


def bench_user(env, login, group, tz="Europe/Oslo"):
    """The user ``login`` of this run (the generated entries are committed
    with it, so the next size finds it)."""
    login = f"bench.{login}.{RUN.lower()}"
    return env["res.users"].search([("login", "=", login)]) or env["res.users"].create(
        {
            "name": login,
            "login": login,
            "tz": tz,
            "groups_id": [Command.link(env.ref(group).id)],
        }
    )


def by_month(model, domain=()):
    """What the pivot view asks: its measures by month, in one read_group."""
    count = (
        "entry_count:sum" if model._name == "crm.interaction.analysis" else "__count"
    )
    return model.read_group(
        list(domain) + [("postponed", "=", False), ("canceled", "=", False)],
        ["cost:sum", "duration:sum", count],
        ["date:month"],
        lazy=False,
    )


def measure(env, total, contacts):
    """Generate ``total`` entries, print their figures, take them out again."""
    start = time.perf_counter()
    manager = bench_user(
        env, "manager", "crm_interaction_log.group_crm_interaction_manager"
    )
    salesperson = bench_user(env, "salesperson", "sales_team.group_sale_salesman")
    big, templates, partner_ids = generate(env, total, contacts, salesperson.id)
    # the daily job merges the rows of the statistics and of the analysis:
    # those of the rows generated, and those earlier runs added and took away
    env["crm.interaction.statistics"]._compact()
    vacuum(env)
    env.cr.execute("SELECT count(*) FROM crm_interaction_analysis")
    analysis_rows = env.cr.fetchone()[0]
    print(
        f"| (generated and vacuumed {total} entries over {contacts} contacts"
        f" in {time.perf_counter() - start:.1f} s; {analysis_rows} rows of"
        " analysis) | | | |",
        flush=True,
    )
    # a contact's statistics: from the table the triggers keep, and from the
    # entries' own index (what the statistics of a period read), in one run
    seconds, stats = timed(lambda: statistics_of(env, big), repeat=5)
    index_seconds, index_stats = timed(
        lambda: statistics_of(env, big, interaction_date_from="1900-01-01"), repeat=5
    )
    assert stats == index_stats, (stats, index_stats)
    row(
        f"{total} entries: statistics of a contact with {total // 10}",
        f"{seconds * 1000:.1f} ms (table kept by triggers)",
        f"from the entries' index {index_seconds * 1000:.1f} ms; goal 20 ms",
        f"{index_seconds / seconds:.1f}× faster; {seconds / 0.02:.2f} of the goal",
    )
    for label, domain in (
        ("contact", [("partner_id", "=", big)]),
        ("template", [("template_id", "=", templates[3])]),
        ("month", [("date", ">=", "2025-03-01"), ("date", "<", "2025-04-01")]),
    ):
        seconds, page = timed(
            lambda d=domain: first_page(env, d + [("postponed", "=", False)]),
            repeat=5,
        )
        assert len(page) == 80
        row(
            f"{total} entries: first page filtered by {label}",
            f"{seconds * 1000:.1f} ms",
            "goal 100 ms",
            f"{seconds / 0.1:.2f} of the goal",
        )
    # Interaction Analysis by month, in Oslo, as an interaction manager (the
    # rules of his companies) and as a salesperson who sees his own documents
    # only; in the same run the same question to the entries
    for user, label, entry_domain in (
        (manager, "a manager", []),
        (
            salesperson,
            "a salesperson (own documents)",
            [("user_id", "=", salesperson.id)],
        ),
    ):
        context = {"tz": "Europe/Oslo"}
        Analysis = env["crm.interaction.analysis"].with_user(user).with_context(context)
        Entry = env["crm.interaction.log.entry"].with_user(user).with_context(context)
        seconds, groups = timed(lambda A=Analysis: by_month(A), repeat=3)
        entries_seconds, entries_groups = timed(
            lambda E=Entry, d=entry_domain: by_month(E, d), repeat=3
        )
        assert [
            (g["date:month"], g["entry_count"], round(g["cost"], 2)) for g in groups
        ] == [
            (g["date:month"], g["__count"], round(g["cost"], 2)) for g in entries_groups
        ]
        row(
            f"{total} entries: Interaction Analysis by month as {label}",
            f"{seconds * 1000:.1f} ms ({len(groups)} months)",
            f"the entries {entries_seconds * 1000:.1f} ms; goal 1000 ms",
            f"{entries_seconds / seconds:.1f}× faster; {seconds:.3f} of the goal",
        )
    # deleting the canceled entries (a tenth): the wizard, then a bare DELETE
    env.flush_all()
    env.cr.execute("SAVEPOINT bench")
    wizard = env["crm.interaction.delete.canceled.wizard"].create({})
    env.flush_all()
    ours, _ = timed(lambda: (wizard.action_delete(), env.flush_all()))
    deleted = wizard.deleted_count
    env.cr.execute("ROLLBACK TO SAVEPOINT bench")
    env.invalidate_all(flush=False)
    bare, _ = timed(
        lambda: env.cr.execute("DELETE FROM crm_interaction_log_entry WHERE canceled")
    )
    assert env.cr.rowcount == deleted == total // 10, (env.cr.rowcount, deleted)
    env.cr.execute("ROLLBACK TO SAVEPOINT bench")
    row(
        f"{total} entries: delete {deleted} canceled with the wizard",
        f"{ours:.2f} s",
        f"bare DELETE {bare:.2f} s",
        f"{ours / bare:.1f}× the bare DELETE (goal ≤ 2×)",
    )
    if total < BULK:
        remove(env, templates, partner_ids, "BM" + RUN)


def main():
    args = parse_args(__doc__)
    ensure_database(args)
    print(f"Machine: {machine()}\n")
    header()
    if os.environ.get("BENCH_SCALE") == "10m":
        # a copy of the bench database, dropped afterwards rather than
        # deleting ten million rows
        copy = f"{args.database}_10m"
        subprocess.run(["dropdb", "--if-exists", copy], check=True)
        subprocess.run(["createdb", "-T", args.database, copy], check=True)
        args.database = copy
        try:
            with environment(args) as env:
                measure(env, 10000000, 100000)
        finally:
            odoo.sql_db.close_all()
            subprocess.run(["dropdb", copy], check=True)
        return
    sizes = [(10000, 100), (100000, 1000)]
    if not args.quick:
        sizes.append((1000000, 10000))
    if args.sizes:
        sizes = [s for s in sizes if s[0] in args.sizes]
    for total, contacts in sizes:
        with environment(args) as env:
            measure(env, total, contacts)


if __name__ == "__main__":
    main()

"""Benchmark 3: the log at a million entries (and at 10x and 100x fewer):
a contact's statistics, first pages of filtered lists, a pivot by month, and
deleting the canceled entries with the wizard against a bare DELETE."""
import time
import uuid

import odoo
from odoo.tools.safe_eval import safe_eval

from common import (environment, ensure_database, header, machine, make_partners,
                    parse_args, row, timed)

LIST_FIELDS = ["name", "date", "partner_id", "commercial_partner_id", "description",
               "template_id", "information_flow", "initiated_by", "user_id", "evaluation",
               "cost", "duration", "attempt_failed", "canceled", "document_name",
               "delivery_status"]


RUN = uuid.uuid4().hex[:6].upper()  # codes unique to this run


def generate(env, total, contacts):
    """``total`` entries over ``contacts`` contacts: one contact has a tenth of
    them, the others share the rest; 10 templates; three years of dates; every
    tenth entry canceled. One INSERT ... SELECT."""
    partner_ids = make_partners(env, contacts, prefix="Million")
    group = env["crm.interaction.group"].create({"code": "BM" + RUN, "name": "Bench"})
    templates = [env["crm.interaction.template"].create(
        {"code": "BM%s%d" % (RUN, i), "name": "Bench %d" % i, "group_id": group.id,
         "unit_cost": i, "unit_duration": 5}).id for i in range(10)]
    big = partner_ids[0]
    env.cr.execute("""
        INSERT INTO crm_interaction_log_entry
            (name, partner_id, commercial_partner_id, date, description, subject,
             template_id, group_id, information_flow, initiated_by, cost, duration,
             user_id, logged_by_id, attempt_failed, canceled, postponed,
             correspondence_type, company_id, create_uid, create_date, write_uid, write_date)
        SELECT 'B' || g,
               p, p,
               timestamp '2024-01-01' + (g %% 1095) * interval '1 day'
                                      + (g %% 600) * interval '1 minute',
               'Bench interaction ' || g, 'Bench interaction ' || g,
               (%(templates)s)[1 + g %% 10], %(group)s,
               'outbound', CASE WHEN g %% 3 = 0 THEN 'them' ELSE 'us' END,
               (g %% 10), 5, 1, 1, g %% 7 = 0, g %% 10 = 0, false, 'email', 1,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM (SELECT g, CASE WHEN g %% 10 = 1 THEN %(big)s
                               ELSE (%(others)s)[1 + g %% %(n_others)s] END AS p
                  FROM generate_series(1, %(total)s) g) s""", {
        "templates": templates, "group": group.id, "big": big,
        "others": partner_ids[1:], "n_others": len(partner_ids) - 1, "total": total})
    env.cache.invalidate()
    return big, templates, partner_ids


def vacuum(env):
    """The generated rows are committed and vacuumed, as autovacuum keeps a
    table that grows for years: its visibility map lets the statistics be
    index-only scans."""
    env.cr.commit()
    db = odoo.sql_db.db_connect(env.cr.dbname)
    with db.cursor() as cr:
        cr.autocommit(True)
        cr.execute("VACUUM ANALYZE crm_interaction_log_entry")
        cr.execute("VACUUM ANALYZE res_partner")


def remove(env, templates, partner_ids):
    """Take the generated data out of the bench database again."""
    env.cr.rollback()
    env.cr.execute("DELETE FROM crm_interaction_log_entry WHERE template_id IN %s",
                   (tuple(templates),))
    env.cr.execute("DELETE FROM crm_interaction_template WHERE id IN %s", (tuple(templates),))
    env.cr.execute("DELETE FROM crm_interaction_group WHERE code = %s", ("BM" + RUN,))
    env.cr.execute("DELETE FROM res_partner WHERE id IN %s", (tuple(partner_ids),))
    env.cr.commit()


def first_page(env, domain):
    """What the web client asks for the first page of the list: search_read
    of the list's fields, 80 rows, in the context of the menu's action."""
    env.cache.invalidate()
    action = env.ref("crm_interaction_log.crm_interaction_log_entry_action")
    Entry = env["crm.interaction.log.entry"].with_context(safe_eval(action.context))
    return Entry.search_read(domain, LIST_FIELDS, limit=80)


def statistics_of(env, partner_id):
    env.cache.invalidate()
    partner = env["res.partner"].browse(partner_id)
    return partner.interaction_count, partner.interaction_cost


def main():
    args = parse_args(__doc__)
    ensure_database(args)
    sizes = [(10000, 100), (100000, 1000)] if args.quick else \
        [(10000, 100), (100000, 1000), (1000000, 10000)]
    if args.sizes:
        sizes = [s for s in sizes if s[0] in args.sizes]
    print("Machine: %s\n" % machine())
    header()
    for total, contacts in sizes:
        with environment(args) as env:
            start = time.perf_counter()
            big, templates, partner_ids = generate(env, total, contacts)
            vacuum(env)
            print("| (generated and vacuumed %d entries over %d contacts in %.1f s) | | | |"
                  % (total, contacts, time.perf_counter() - start), flush=True)
            seconds, (count, cost) = timed(lambda: statistics_of(env, big), repeat=5)
            row("%d entries: statistics of a contact with %d" % (total, total // 10),
                "%.1f ms" % (seconds * 1000), "goal 50 ms", "%.2f of the goal" % (seconds / 0.05))
            for label, domain in (
                    ("contact", [("partner_id", "=", big)]),
                    ("template", [("template_id", "=", templates[3])]),
                    ("month", [("date", ">=", "2025-03-01"), ("date", "<", "2025-04-01")])):
                seconds, page = timed(lambda: first_page(
                    env, domain + [("postponed", "=", False)]), repeat=5)
                assert len(page) == 80
                row("%d entries: first page filtered by %s" % (total, label),
                    "%.1f ms" % (seconds * 1000), "goal 100 ms",
                    "%.2f of the goal" % (seconds / 0.1))
            seconds, groups = timed(lambda: env["crm.interaction.log.entry"].read_group(
                [("postponed", "=", False)], ["date", "cost", "duration"], ["date:month"]),
                repeat=3)
            row("%d entries: pivot of cost and count by month" % total,
                "%.1f ms (%d months)" % (seconds * 1000, len(groups)), "goal 1000 ms",
                "%.2f of the goal" % seconds)
            # deleting the canceled entries (a tenth): the wizard, then a bare DELETE
            env.cr.execute("SAVEPOINT bench")
            wizard = env["crm.interaction.delete.canceled.wizard"].create({})
            ours, _ = timed(wizard.action_delete)
            deleted = wizard.deleted_count
            env.cr.execute("ROLLBACK TO SAVEPOINT bench")
            env.cache.invalidate()
            bare, _ = timed(lambda: env.cr.execute(
                "DELETE FROM crm_interaction_log_entry WHERE canceled"))
            assert env.cr.rowcount == deleted == total // 10, (env.cr.rowcount, deleted)
            env.cr.execute("ROLLBACK TO SAVEPOINT bench")
            row("%d entries: delete %d canceled with the wizard" % (total, deleted),
                "%.2f s" % ours, "bare DELETE %.2f s" % bare,
                "%.1f× the bare DELETE" % (ours / bare))
            remove(env, templates, partner_ids)


if __name__ == "__main__":
    main()

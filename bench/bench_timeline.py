"""Benchmark: a contact's timeline (res.partner.interaction_timeline) with
100,000 entries on one contact: the first page and a page deep down, of the
contact and of its company, as a salesperson who sees his own documents only.
Goal: a page in less than 200 ms.

    cd bench && python bench_timeline.py -d crm_interaction_bench [--sizes 10000]
"""

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

from odoo import Command
from odoo.tools import SQL

RUN = uuid.uuid4().hex[:6].upper()  # codes unique to this run
GOAL = 0.2  # seconds a page may take
DEEP = 25  # the page measured deep down: after 24 pages of 40
SALESPERSON = "bench.timeline@example.com"
CHANNELS = ["manual", "document", "email", "segment", "activity", "meeting", "sms"]


def salesperson(env):
    """A salesperson who sees his own documents only (made the first time)."""
    Users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    user = Users.search([("login", "=", SALESPERSON)])
    if not user:
        user = Users.create(
            {
                "name": "Bench Timeline Salesperson",
                "login": SALESPERSON,
                "tz": "Europe/Stockholm",
                "groups_id": [
                    Command.set([env.ref("sales_team.group_sale_salesman").id])
                ],
            }
        )
    return user


def generate(env, total, user):
    """``total`` entries on one person of a company, a tenth as many on each
    of its 4 other persons and the company: 10 templates, 3 years of dates,
    the channels in turn, every 10th canceled, every 50th postponed. Half of
    them are the salesperson's, ten by ten (the others another user's): his
    record rule leaves the others out. One INSERT ... SELECT."""
    company_id = make_partners(env, 1, prefix="Timeline Corp " + RUN)[0]
    persons = make_partners(env, 5, prefix="Timeline Person " + RUN)
    env.cr.execute(
        "UPDATE res_partner SET is_company = true WHERE id = %s", (company_id,)
    )
    env.cr.execute(
        "UPDATE res_partner SET parent_id = %s, commercial_partner_id = %s"
        " WHERE id = ANY(%s)",
        (company_id, company_id, persons),
    )
    group = env["crm.interaction.group"].create({"code": "BT" + RUN, "name": "Bench"})
    templates = (
        env["crm.interaction.template"]
        .create(
            [
                {
                    "code": f"BT{RUN}{i}",
                    "name": f"Bench timeline {i}",
                    "group_id": group.id,
                    "correspondence_type": ("hard_copy", "email", "sms")[i % 3],
                }
                for i in range(10)
            ]
        )
        .ids
    )
    others = persons[1:] + [company_id]
    write_entries(
        env,
        SQL(
            """
            SELECT g AS row_order, 'BT' || g AS name, p AS partner_id,
                   %(company)s AS commercial_partner_id,
                   timestamp '2024-01-01' + (mod(g, 1095)) * interval '1 day'
                       + (mod(g, 600)) * interval '1 minute' AS date,
                   'Timeline interaction ' || g AS description,
                   (%(templates)s)[1 + mod(g, 10)] AS template_id,
                   %(group)s AS group_id, 'outbound' AS information_flow,
                   'us' AS initiated_by, 1 AS cost, 5 AS duration,
                   CASE WHEN mod(g / 10, 2) = 0 THEN %(user)s ELSE 1 END AS user_id,
                   1 AS logged_by_id, mod(g, 10) = 0 AS canceled,
                   mod(g, 50) = 7 AS postponed, 'email' AS correspondence_type,
                   (%(channels)s)[1 + mod(g, 7)] AS channel,
                   CASE WHEN mod(g, 7) = 1 THEN 'INV/' || g END AS document_name,
                   CASE WHEN mod(g, 3) = 0 THEN 'positive' END AS evaluation,
                   1 AS company_id
              FROM (SELECT g, CASE WHEN g <= %(total)s THEN %(big)s
                                   ELSE (%(others)s)[1 + mod(g, %(n_others)s)] END AS p
                      FROM generate_series(1, %(total)s + %(total)s / 2) g) s""",
            company=company_id,
            templates=templates,
            group=group.id,
            user=user.id,
            channels=CHANNELS,
            big=persons[0],
            others=others,
            n_others=len(others),
            total=total,
        ),
    )
    env.invalidate_all()
    return persons[0], company_id, templates, persons + [company_id]


def page_of(partner, **kwargs):
    """A page as a new request asks for it: nothing in the cache."""
    partner.env.invalidate_all()
    return partner.interaction_timeline(**kwargs)


def measure(env, total):
    start = time.perf_counter()
    user = salesperson(env)
    person_id, company_id, templates, partner_ids = generate(env, total, user)
    vacuum(env)
    print(
        f"| (generated and vacuumed {total + total // 2} entries, {total} on one"
        f" contact, in {time.perf_counter() - start:.1f} s) | | | |",
        flush=True,
    )
    as_user = env(user=user.id, context={"tz": user.tz, "lang": "en_US"})
    for label, partner_id in (
        (f"{total} entries on a contact", person_id),
        (f"{total + total // 2} entries on a company's persons", company_id),
    ):
        partner = as_user["res.partner"].browse(partner_id)
        cases = [("first page", {})]
        cursor = {}
        for _n in range(DEEP - 1):
            cursor = {"before": page_of(partner, **cursor)["next"]}
        cases.append((f"page {DEEP}", cursor))
        cases += [
            ("first page, one channel", {"channel": "sms"}),
            ("first page, one template", {"template_id": templates[3]}),
            ("first page, this year", {"period": "year"}),
        ]
        for case, kwargs in cases:
            seconds, page = timed(lambda p=partner, k=kwargs: page_of(p, **k), repeat=7)
            assert len(page["items"]) == 40 and page["has_more"], (case, page)
            row(
                f"{label}: timeline {case}",
                f"{seconds * 1000:.1f} ms",
                f"goal {GOAL * 1000:.0f} ms",
                f"{seconds / GOAL:.2f} of the goal",
            )
    remove(env, templates, partner_ids, "BT" + RUN)


def main():
    args = parse_args(__doc__)
    ensure_database(args)
    sizes = args.sizes or [100000]
    print(f"Machine: {machine()}\n")
    header()
    for total in sizes:
        with environment(args) as env:
            measure(env, total)


if __name__ == "__main__":
    main()

"""Benchmark: sending a mass mailing to 10,000 contacts (its send batches, up to
the e-mails queued, as "Send" and the mailing's scheduled job do; no SMTP), with
a mass mailing template set up (one entry per contact recorded) against the same
mailing with none (nothing recorded). Goal: at most 10 % more time."""

import statistics
import subprocess
import time
import uuid

from common import (
    ODOO,
    ensure_database,
    environment,
    header,
    machine,
    make_partners,
    parse_args,
    row,
)

RUN = uuid.uuid4().hex[:6].upper()  # codes unique to this run
BRIDGE = "crm_interaction_log_mass_mailing"
RECIPIENTS = 10_000
GOAL = 10.0  # % over the mailing's own send time


def ensure_bridge(args):
    """Email Marketing and the bridge in the bench database, as in this tree."""
    installed = subprocess.run(
        [
            "psql",
            "-d",
            args.database,
            "-qtAc",
            f"select 1 from ir_module_module where name='{BRIDGE}'"
            " and state='installed'",
        ],
        stdout=subprocess.PIPE,
        check=True,
    ).stdout.strip()
    subprocess.run(
        ODOO
        + ["-c", args.config, "-d", args.database]
        + (["-u", BRIDGE] if installed == b"1" else ["-i", BRIDGE])
        + ["--stop-after-init", "--log-level=warn"],
        check=True,
    )


def send(env, partner_ids, campaign):
    """Seconds to send a new mailing to ``partner_ids``, and the entries it
    recorded. Odoo commits after each batch of e-mails: the mailing, its
    e-mails, traces and entries are deleted afterwards, so that each send
    starts from the same data."""
    mailing = env["mailing.mailing"].create(
        {
            "subject": f"Bench mailing {RUN}",
            "body_html": "<p>Hello <t t-out='object.name'/>, our news.</p>",
            "mailing_model_id": env["ir.model"]._get("res.partner").id,
            "mailing_domain": [("id", "in", partner_ids)],
            "campaign_id": campaign.id,
        }
    )
    env.cr.commit()
    try:
        start = time.perf_counter()
        mailing.action_send_mail()
        env.flush_all()
        env.cr.commit()
        seconds = time.perf_counter() - start
        env.cr.execute(
            "SELECT count(*) FROM crm_interaction_log_entry"
            " WHERE res_model = 'mailing.mailing' AND res_id = %s",
            (mailing.id,),
        )
        return seconds, env.cr.fetchone()[0]
    finally:
        env.cr.rollback()
        delete_mailing(env, mailing.id)


def delete_mailing(env, mailing_id):
    """What a send made: the entries, the e-mails with their messages and
    traces, the mailing."""
    env.cr.execute(
        "DELETE FROM crm_interaction_log_entry"
        " WHERE res_model = 'mailing.mailing' AND res_id = %s",
        (mailing_id,),
    )
    env.cr.execute(
        "DELETE FROM mail_message WHERE id IN"
        " (SELECT mail_message_id FROM mail_mail WHERE mailing_id = %s)",
        (mailing_id,),
    )
    env.cr.execute("DELETE FROM mailing_mailing WHERE id = %s", (mailing_id,))
    env.cr.commit()
    env.invalidate_all(flush=False)


def main():
    args = parse_args(__doc__)
    ensure_database(args)
    ensure_bridge(args)
    count = args.sizes[0] if args.sizes else RECIPIENTS
    rounds = 2 if args.quick else 4
    print(f"Machine: {machine()}\n")
    header()
    with environment(args) as env:
        company = env.company
        previous = company._interaction_template("mailing")
        partner_ids = make_partners(env, count, prefix="Bench mailing " + RUN)
        group = env["crm.interaction.group"].create(
            {"code": "BM" + RUN, "name": "Bench"}
        )
        template = env["crm.interaction.template"].create(
            {
                "code": "BM" + RUN,
                "name": "Bench newsletter",
                "group_id": group.id,
                "correspondence_type": "email",
            }
        )
        campaign = env["utm.campaign"].create({"name": "Bench campaign " + RUN})
        # committed, as Odoo's send commits after each batch; deleted at the end
        env.cr.commit()
        try:
            measure(env, count, rounds, partner_ids, template, campaign)
        finally:
            env.cr.rollback()
            env.invalidate_all(flush=False)
            company._set_interaction_templates({"mailing": previous})
            env.cr.execute("DELETE FROM res_partner WHERE id = ANY(%s)", (partner_ids,))
            template.unlink()
            group.unlink()
            campaign.unlink()
            env.cr.commit()


def measure(env, count, rounds, partner_ids, template, campaign):
    company = env.company
    batch = int(env["ir.config_parameter"].get_param("mail.batch_size") or 50)
    company._set_interaction_templates({"mailing": template})
    send(env, partner_ids[:50], campaign)  # warm-up: templates, rendering
    with_log, without = [], []
    variants = [(template, with_log), (template.browse(), without)]
    for i in range(rounds):  # ABBA order, so that both see the same machine state
        for setup, times in variants if i % 2 == 0 else variants[::-1]:
            company._set_interaction_templates({"mailing": setup})
            seconds, entries = send(env, partner_ids, campaign)
            assert entries == (count if setup else 0), entries
            times.append(seconds)
            print(
                f"  round {i + 1}, {'with' if setup else 'without'} template:"
                f" {seconds:.2f} s",
                flush=True,
            )
    ours, base = statistics.median(with_log), statistics.median(without)
    overhead = (ours / base - 1) * 100
    row(
        f"send a mailing to {count:,} contacts, batches of {batch}"
        f" (median of {rounds}, ABBA)",
        f"{ours:.2f} s, {count:,} entries recorded",
        f"no template set up {base:.2f} s",
        f"{overhead:+.1f} % (goal <= {GOAL:.0f} %: "
        f"{'met' if overhead <= GOAL else 'NOT met'})",
    )


if __name__ == "__main__":
    main()

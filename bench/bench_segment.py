"""Benchmark 1 and 4: logging a segment, against posting a note on each contact
and against the bare INSERT ... SELECT of the same rows; peak memory at 100,000;
Add Contacts of 100,000 contacts, against creating their lines with the ORM."""

import resource

from common import (
    ensure_database,
    environment,
    header,
    machine,
    make_partners,
    parse_args,
    row,
    timed,
)


def make_segment(env, count):
    partner_ids = make_partners(env, count)
    template = env["crm.interaction.template"].search([("code", "=", "BENCH")], limit=1)
    if not template:
        group = env["crm.interaction.group"].create({"code": "BENCH", "name": "Bench"})
        template = env["crm.interaction.template"].create(
            {
                "code": "BENCH",
                "name": "Bench mailing",
                "group_id": group.id,
                "unit_cost": 1.0,
                "unit_duration": 2.0,
                "correspondence_type": "hard_copy",
            }
        )
    segment = env["crm.segment"].create(
        {"description": "Bench segment", "template_id": template.id}
    )
    env.cr.execute(
        """
        INSERT INTO crm_segment_line
            (segment_id, partner_id, commercial_partner_id, template_id, unit_cost,
             unit_duration, correspondence_type, description, lang, company_id)
        SELECT %s, id, id, %s, 1.0, 2.0, 'hard_copy', 'Bench segment', 'en_US', 1
          FROM unnest(%s) AS id""",
        (segment.id, template.id, partner_ids),
    )
    env.invalidate_all()
    return segment, partner_ids


def savepoint(env, func):
    """Run ``func`` in a savepoint rolled back afterwards: every variant
    starts from the same data. The time includes writing what the ORM still
    holds in its cache (Odoo 18 flushes at the end of a request, not at each write)."""
    env.flush_all()
    env.cr.execute("SAVEPOINT bench")
    try:
        return timed(lambda: (func(), env.flush_all()))[0]
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT bench")
        env.invalidate_all(flush=False)


def floor_insert(env, segment):
    env.cr.execute(
        """
        INSERT INTO crm_interaction_log_entry
            (name, partner_id, commercial_partner_id, date, description, subject,
             template_id, group_id, cost, duration, user_id, logged_by_id,
             correspondence_type, channel, lang, segment_id, company_id)
        SELECT 'x', l.partner_id, l.commercial_partner_id, now(), l.description,
               l.description, l.template_id, %s, l.unit_cost, l.unit_duration, 1, 1,
               l.correspondence_type, 'segment', l.lang, l.segment_id, l.company_id
          FROM crm_segment_line l WHERE l.segment_id = %s""",
        (segment.template_id.group_id.id, segment.id),
    )


def notes_on_contacts(env, partner_ids):
    # one contact at a time, as a user posts them (no prefetch across contacts)
    for partner_id in partner_ids:
        env["res.partner"].browse(partner_id).message_post(
            body="Bench segment",
            subject="Bench mailing",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )


def compare(env, size):
    """Log a segment of ``size`` contacts, post a note on each, insert the bare rows."""
    segment, partner_ids = make_segment(env, size)
    ours = savepoint(env, segment._log)
    notes = savepoint(env, lambda: notes_on_contacts(env, partner_ids))
    floor = savepoint(env, lambda: floor_insert(env, segment))
    row(
        f"log a segment of {size} contacts",
        f"{ours:.3f} s",
        f"message_post per contact {notes:.3f} s;" f" bare INSERT…SELECT {floor:.3f} s",
        f"{notes / ours:.0f}× faster than notes; {ours / floor:.1f}× the floor",
    )


def peak_memory(env, size):
    """The peak resident memory of this process while it logs ``size`` contacts."""
    segment, _partner_ids = make_segment(env, size)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds = savepoint(env, segment._log)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row(
        f"log a segment of {size} contacts: peak resident memory",
        f"{peak:.0f} MB ({seconds:.2f} s)",
        f"goal 500 MB; {before:.0f} MB before",
        f"{peak / 500:.2f} of the goal",
    )


def add_contacts(env, size):
    """Add Contacts of ``size`` contacts found by a filter, through the
    wizard, against creating the same lines with one ORM create."""
    partner_ids = make_partners(env, size, prefix="AddBench")
    segment = env["crm.segment"].create({"description": "Add Contacts bench"})
    wizard = env["crm.segment.contacts.wizard"].create(
        {
            "segment_id": segment.id,
            "mode": "add",
            "domain": "[('name', '=like', 'AddBench %')]",
        }
    )
    ours = savepoint(env, wizard.action_apply)
    defaults = segment._line_defaults()
    orm = savepoint(
        env,
        lambda: env["crm.segment.line"].create(
            [dict(defaults, segment_id=segment.id, partner_id=p) for p in partner_ids]
        ),
    )
    row(
        f"Add Contacts: {size} contacts found by a filter",
        f"{ours:.2f} s",
        f"the lines created by the ORM {orm:.2f} s",
        f"{orm / ours:.0f}× faster; goal 10 s",
    )


def main():
    args = parse_args(__doc__)
    ensure_database(args)
    sizes = [100, 1000] if args.quick else [100, 1000, 10000]
    print(f"Machine: {machine()}\n")
    header()
    for size in sizes:
        with environment(args) as env:
            compare(env, size)
    if not args.quick:
        with environment(args) as env:
            peak_memory(env, 100000)
        with environment(args) as env:
            add_contacts(env, 100000)


if __name__ == "__main__":
    main()

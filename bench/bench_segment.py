"""Benchmark 1 and 4: logging a segment, against posting a note on each contact
and against the bare INSERT ... SELECT of the same rows; peak memory at 100,000;
Add Contacts of 100,000 contacts, against creating their lines with the ORM;
a segment of 100,000 contacts logged with "send attachments" (its e-mails
queued), and the scheduled job that creates them a batch at a time."""

import base64
import resource
import tracemalloc

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


def make_segment(env, count, correspondence_type="hard_copy"):
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
        SELECT %s, id, id, %s, 1.0, 2.0, %s, 'Bench segment', 'en_US', 1
          FROM unnest(%s) AS id""",
        (segment.id, template.id, correspondence_type, partner_ids),
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
    # the floor: the bare rows in one statement, without what the addon's
    # writer (crm_interaction_log.entries.insert_entries) adds to them
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


def resident_mb(field="VmRSS"):
    """This process's resident memory (``VmRSS``) or its peak since the last
    reset (``VmHWM``), in MB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_resident_mb():
    return resident_mb("VmHWM")


def reset_peak_resident():
    """Start the peak resident memory afresh (Linux: ``clear_refs`` 5), so that
    what an earlier benchmark of this process used does not count."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def python_peak(func):
    """The peak of the Python heap (tracemalloc) while ``func`` runs, in MB."""
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def rolled_back(env, func):
    """``func()`` in a savepoint rolled back afterwards, untimed."""
    env.flush_all()
    env.cr.execute("SAVEPOINT bench")
    try:
        result = func()
        env.flush_all()
        return result
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT bench")
        env.invalidate_all(flush=False)


def send_at_scale(env, size, sent=5000, batch_size=500):
    """Log a segment of ``size`` contacts by e-mail with "send attachments":
    the entries logged and their e-mails queued in the request, against the
    same logging without sending; then the scheduled job's batches for the
    first ``sent`` e-mails, against one ``mail.mail`` create of as many."""
    segment, partner_ids = make_segment(env, size, correspondence_type="email")
    template = segment.template_id
    if not template.language_ids.filtered(lambda line: line.lang == "en_US"):
        env["crm.interaction.template.language"].create(
            {
                "template_id": template.id,
                "lang": "en_US",
                "description": "Bench letter",
                "upload_file": base64.b64encode(b"Bench offer " * 1000),
                "upload_filename": "offer.txt",
            }
        )
    Logged = env["crm.logged.segment"]

    def log_and_queue():
        segment._log(send_attachments=True)

    rss_before = resident_mb()
    reset_peak_resident()
    queued = savepoint(env, log_and_queue)
    rss_peak = peak_resident_mb()
    plain = savepoint(env, segment._log)
    heap = rolled_back(env, lambda: python_peak(log_and_queue))
    row(
        f"log a segment of {size} contacts with send attachments "
        "(entries logged, e-mails queued)",
        f"{queued:.2f} s; peak resident {rss_peak:.0f} MB, Python heap {heap:.0f} MB",
        f"logging without sending {plain:.2f} s; resident {rss_before:.0f} MB before",
        f"{queued / plain:.2f}× the logging alone",
    )

    batches = sent // batch_size

    def job_and_bare():
        log_and_queue()
        env.flush_all()
        before = resident_mb()
        reset_peak_resident()
        job, done = timed(
            lambda: (
                Logged._cron_send_attachments(
                    batch_size=batch_size, max_batches=batches
                ),
                env.flush_all(),
            )[0]
        )
        env.cr.execute(
            "SELECT count(*) FROM crm_interaction_log_entry "
            "WHERE logged_segment_id = %s AND mail_message_id IS NOT NULL",
            (segment.logged_segment_id.id,),
        )
        linked = env.cr.fetchone()[0]
        assert done == linked == sent, (done, linked, sent)
        peak = peak_resident_mb()
        values = [
            {
                "subject": "Bench segment",
                "body_html": "<p>Bench segment</p>",
                "email_from": "bench@example.com",
                "recipient_ids": [(4, partner_id)],
                "model": "res.partner",
                "res_id": partner_id,
                "auto_delete": False,
            }
            for partner_id in partner_ids[:sent]
        ]
        bare = timed(lambda: (env["mail.mail"].create(values), env.flush_all()))[0]
        return job, bare, before, peak

    job, bare, before, peak = rolled_back(env, job_and_bare)
    row(
        f"the send job: {sent} e-mails in batches of {batch_size} "
        "(attachment copied, e-mail created, entry linked)",
        f"{job:.2f} s, {sent / job:.0f} e-mails/s "
        f"({size} in ≈ {size / sent * job / 60:.1f} min); peak resident {peak:.0f} MB "
        f"({before:.0f} MB before)",
        f"one mail.mail create of {sent} e-mails {bare:.2f} s",
        f"{job / bare:.2f}× the bare create",
    )

    def job_peak(max_batches):
        log_and_queue()
        env.flush_all()
        return python_peak(
            lambda: Logged._cron_send_attachments(
                batch_size=batch_size, max_batches=max_batches
            )
        )

    few = rolled_back(env, lambda: job_peak(2))
    many = rolled_back(env, lambda: job_peak(batches))
    row(
        "the send job: Python heap of a run",
        f"{batches} batches: peak {many:.1f} MB",
        f"2 batches: peak {few:.1f} MB",
        f"{many / few:.2f}× (each batch leaves the cache)",
    )


def main():
    args = parse_args(__doc__)
    ensure_database(args)
    sizes = args.sizes or ([100, 1000] if args.quick else [100, 1000, 10000])
    print(f"Machine: {machine()}\n")
    header()
    for size in sizes:
        with environment(args) as env:
            compare(env, size)
    if args.sizes:
        # a quick look at the send job at the largest of the sizes given
        with environment(args) as env:
            send_at_scale(env, max(sizes), sent=min(5000, max(sizes) // 2))
    elif not args.quick:
        with environment(args) as env:
            peak_memory(env, 100000)
        with environment(args) as env:
            add_contacts(env, 100000)
        with environment(args) as env:
            send_at_scale(env, 100000)


if __name__ == "__main__":
    main()

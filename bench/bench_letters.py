"""Letters of a logged segment: 10,000 hard-copy lines, each contact's letter
merged with its data and printed to PDF by the scheduled job in committed
batches (killed with SIGKILL halfway and resumed by a new process) and joined
into the one PDF the user downloads; against Odoo's letter report alone
rendering the same letters as one document in one call (no batches, nothing
kept). Each step
runs in a process of its own: its peak is that process's VmHWM, Odoo itself
included.

--sizes N ...: other numbers of letters (each is killed and resumed)."""

import base64
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from common import (
    ODOO_SRC,
    ensure_database,
    environment,
    finish,
    header,
    machine,
    make_partners,
    parse_args,
    peak_of,
    row,
)

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

GROUP = "LETTERS"
PREFIX = "LetterBench"
LETTER = (
    '<p>Dear <t t-out="object.partner_id.name"/>,</p>'
    '<p>About: <t t-out="object.description"/>. We would be glad to see you at '
    "our autumn fair, where the new range is shown for the first time.</p>"
    '<p>Regards, <t t-out="object.user_id.name"/></p>'
)


def set_up(env, size):
    """A template whose English line is a letter, ``size`` contacts and a
    segment of hard-copy lines for them, logged: the logged segment's id."""
    group = env["crm.interaction.group"].create({"code": GROUP, "name": "Letters"})
    template = env["crm.interaction.template"].create(
        {
            "code": GROUP,
            "name": "Autumn fair letter",
            "group_id": group.id,
            "correspondence_type": "hard_copy",
        }
    )
    env["crm.interaction.template.language"].create(
        {"template_id": template.id, "lang": "en_US", "letter_body": LETTER}
    )
    partner_ids = make_partners(env, size, prefix=PREFIX, company_id=env.company.id)
    segment = env["crm.segment"].create(
        {"description": "Autumn fair", "template_id": template.id}
    )
    env.cr.execute(
        """INSERT INTO crm_segment_line
               (segment_id, partner_id, commercial_partner_id, template_id,
                unit_cost, unit_duration, correspondence_type, description, lang,
                company_id)
           SELECT %s, id, id, %s, 1.0, 2.0, 'hard_copy', 'Autumn fair', 'en_US', %s
             FROM unnest(%s) AS id""",
        (segment.id, template.id, env.company.id, partner_ids),
    )
    env.invalidate_all()
    logged, _followup = segment._log()
    assert logged.letters_state == "printing", logged.letters_state
    env.cr.commit()
    return logged.id


def step(args, what, logged_id):
    """Run one step in a process of its own."""
    command = [sys.executable, __file__, "-c", args.config, "-d", args.database]
    command += ["--sizes", "0", "--step", f"{what}:{logged_id}"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def run_step(args, what, logged_id):
    """In the child process: print the letters as the scheduled job does,
    make the one PDF of them, or render them with Odoo's report alone."""
    odoo.tools.config.parse_config(["-c", args.config, "--log-level", "warn"])
    started = time.perf_counter()
    registry = Registry(args.database)
    # the step itself, not loading Odoo
    start = time.perf_counter()
    result = {"load": start - started}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        logged = env["crm.logged.segment"].browse(logged_id)
        if what == "print":
            cron = env.ref("crm_interaction_log.ir_cron_print_segment_letters")
            progress = env["ir.cron.progress"].create(
                {"cron_id": cron.id, "remaining": 0, "done": 0}
            )
            cr.commit()
            Logged = logged.with_context(ir_cron_progress_id=progress.id)
            Logged._cron_print_letters(max_batches=None)
            cr.commit()
        elif what == "merge":
            pdf = base64.b64decode(logged.letters_pdf)
            result["bytes"] = len(pdf)
            result["pages"] = pdf_pages(pdf)
        else:  # Odoo's report alone, on the same entries, as one document
            Entry, domain = logged._letter_entries()
            entries = Entry.search(domain, order="id")
            pdf, _kind = env["ir.actions.report"]._render_qweb_pdf(
                "crm_interaction_log.action_report_interaction_letter",
                data={"entry_ids": entries.ids},
            )
            result["bytes"] = len(pdf)
            result["pages"] = pdf_pages(pdf)
            cr.rollback()
    result["seconds"] = time.perf_counter() - start
    # VmHWM, not ru_maxrss, which Linux keeps across exec
    result["peak"] = peak_of(os.getpid())
    print(json.dumps(result))


def pdf_pages(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        info = subprocess.check_output(["pdfinfo", file.name], text=True)
    return int(next(x for x in info.splitlines() if x.startswith("Pages:")).split()[1])


def printed(env, logged_id):
    env.cr.execute(
        """SELECT count(*), count(DISTINCT a.id)
             FROM crm_interaction_log_entry e
             JOIN ir_attachment a ON a.res_model = 'crm.interaction.log.entry'
                                 AND a.res_id = e.id
            WHERE e.logged_segment_id = %s""",
        (logged_id,),
    )
    return env.cr.fetchone()


def compare(args, size):
    with environment(args) as env:
        logged_id = set_up(env, size)
    start = time.perf_counter()
    process = step(args, "print", logged_id)
    killed_at = None
    peaks = []
    while process.poll() is None:
        time.sleep(0.5)
        with environment(args) as env:
            done = printed(env, logged_id)[0]
        if done >= size // 2:
            peaks.append(peak_of(process.pid))
            process.send_signal(signal.SIGKILL)
            process.wait()
            killed_at = done
            process = step(args, "print", logged_id)
            break
    job = finish(process)
    # from the first batch to the last, the kill and the new process included,
    # less the time each process took to load Odoo (the killed one's: as long
    # as the last one's)
    loads = job["load"] * (2 if killed_at else 1)
    job_seconds = time.perf_counter() - start - loads
    with environment(args) as env:
        letters, attachments = printed(env, logged_id)
        env.cr.execute(
            "SELECT letters_state FROM crm_logged_segment WHERE id = %s", (logged_id,)
        )
        state = env.cr.fetchone()[0]
    merged = finish(step(args, "merge", logged_id))
    alone = finish(step(args, "alone", logged_id))
    resumed = f", killed at {killed_at:,} and resumed" if killed_at else ""
    row(
        f"print {size:,} letters by the job, a batch committed at a time, then"
        f" join the batches into one PDF{resumed}",
        f"{job_seconds:.1f} s ({size / job_seconds:.0f} letters/s),"
        f" peak {max([job['peak'], *peaks]):.0f} MB",
        f"Odoo's report alone, one call: {alone['seconds']:.1f} s,"
        f" peak {alone['peak']:.0f} MB, {alone['pages']:,} pages",
        f"{job_seconds / alone['seconds']:.2f}× the report alone; {letters:,} entries"
        f" with {attachments:,} letters, state {state}",
    )
    row(
        f"Print Letters: read the one PDF of the {size:,} letters",
        f"{merged['seconds']:.1f} s, peak {merged['peak']:.0f} MB",
        f"{merged['pages']:,} pages, {merged['bytes'] / 2**20:.1f} MB",
        f"{alone['bytes'] / 2**20:.1f} MB from the report alone",
    )
    with environment(args) as env:
        delete(env)


def delete(env):
    """The data of this benchmark out of the database, committed."""
    env.cr.execute(
        "SELECT t.id FROM crm_interaction_template t"
        " JOIN crm_interaction_group g ON g.id = t.group_id WHERE g.code = %s",
        (GROUP,),
    )
    template_ids = tuple(r[0] for r in env.cr.fetchall()) or (0,)
    env.cr.execute(
        "SELECT id FROM crm_interaction_log_entry WHERE template_id IN %s",
        (template_ids,),
    )
    entry_ids = tuple(r[0] for r in env.cr.fetchall()) or (0,)
    env.cr.execute(
        "DELETE FROM ir_attachment WHERE res_model = 'crm.interaction.log.entry'"
        " AND res_id IN %s",
        (entry_ids,),
    )
    env.cr.execute("SELECT id FROM res_partner WHERE name LIKE %s", (PREFIX + " %",))
    partner_ids = tuple(r[0] for r in env.cr.fetchall()) or (0,)
    env.cr.execute("DELETE FROM crm_interaction_log_entry WHERE id IN %s", (entry_ids,))
    env.cr.execute(
        "DELETE FROM ir_attachment WHERE id IN (SELECT r.attachment_id"
        " FROM crm_logged_segment_letter_document_rel r"
        " JOIN crm_segment s ON s.logged_segment_id = r.logged_segment_id"
        " WHERE s.template_id IN %s)",
        (template_ids,),
    )
    env.cr.execute(
        "DELETE FROM crm_logged_segment WHERE id IN (SELECT logged_segment_id"
        " FROM crm_segment WHERE template_id IN %s)",
        (template_ids,),
    )
    env.cr.execute("DELETE FROM crm_segment WHERE template_id IN %s", (template_ids,))
    env.cr.execute(
        "DELETE FROM crm_interaction_template WHERE id IN %s", (template_ids,)
    )
    env.cr.execute("DELETE FROM crm_interaction_group WHERE code = %s", (GROUP,))
    env.cr.execute(
        "DELETE FROM crm_interaction_statistics WHERE partner_id IN %s", (partner_ids,)
    )
    env.cr.execute("DELETE FROM res_partner WHERE id IN %s", (partner_ids,))
    env.cr.commit()


def main():
    if "--step" in sys.argv:
        what, logged_id = sys.argv.pop(sys.argv.index("--step") + 1).split(":")
        sys.argv.remove("--step")
        run_step(parse_args(__doc__), what, int(logged_id))
        return
    args = parse_args(__doc__)
    ensure_database(args)
    sizes = args.sizes or ([1000] if args.quick else [10000])
    print(f"Machine: {machine()}\n")
    header()
    for size in sizes:
        compare(args, size)


if __name__ == "__main__":
    assert ODOO_SRC
    main()

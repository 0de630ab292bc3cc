"""Benchmark 7: a NAV/BC interaction history of 1,000,000 entries imported.

The Interaction Log Entries page of a NAV database, exported to CSV with
Swedish captions, decimal commas and dates yyyy-mm-dd, for 10,000 contacts
and 10 templates: read and checked (the dry run), then imported by the
import's own batches (``crm.interaction.import``), each step in a process of
its own whose peak resident memory is measured; the same at a tenth of the
size shows whether memory stays flat. The import is killed (SIGKILL) in the
middle once, and resumed: every row is imported once. The baseline is a bare
``INSERT ... SELECT`` of the same checked rows into the entries.

--sizes N ...: other numbers of rows (the largest is killed and resumed)."""

import base64
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from common import (
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

CONTACTS = 10000
TEMPLATES = 10
GROUP = "IMPBENCH"


def write_file(path, size, first_no):
    """The exported page: Swedish captions, a decimal comma, ISO dates."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(
            [
                "Löpnummer",
                "Kontaktnr",
                "Datum",
                "Tid för interaktion",
                "Beskrivning",
                "Interaktionsmallkod",
                "Kostnad (BVA)",
                "Varaktighet (min.)",
                "Informationsflöde",
                "Initierad av",
                "Utvärdering",
                "Misslyckat försök",
                "Annullerad",
                "Dokumenttyp",
                "Dokumentnr",
            ]
        )
        for n in range(size):
            out.writerow(
                [
                    first_no + n,
                    f"IB{n % CONTACTS + 1:06d}",
                    f"20{10 + n % 15}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                    f"{n % 24:02d}:{n % 60:02d}:00",
                    f"Samtal {n}",
                    f"IMP{n % TEMPLATES}",
                    f"{n % 1000},50",
                    f"{n % 90}",
                    "Utgående" if n % 3 else "Inkommande",
                    "Vi" if n % 2 else "De",
                    "Positiv" if n % 5 == 0 else "",
                    "Nej",
                    "Ja" if n % 50 == 0 else "Nej",
                    "Sales Inv." if n % 7 == 0 else "",
                    f"103{n % 1000:03d}" if n % 7 == 0 else "",
                ]
            )


def set_up(env):
    """The contacts (reference IB000001 ...) and templates of the history,
    once those of a run that stopped are gone."""
    delete(env)
    partner_ids = make_partners(env, CONTACTS, prefix="ImportBench")
    env.cr.execute(
        "UPDATE res_partner SET ref = 'IB' || lpad((row_number)::text, 6, '0')"
        " FROM (SELECT id AS pid, row_number() OVER (ORDER BY id) FROM res_partner"
        "       WHERE id = ANY(%s)) n WHERE id = n.pid",
        (partner_ids,),
    )
    group = env["crm.interaction.group"].create({"code": GROUP, "name": GROUP})
    env["crm.interaction.template"].create(
        [
            {"code": f"IMP{i}", "name": f"Imported {i}", "group_id": group.id}
            for i in range(TEMPLATES)
        ]
    )
    env.cr.execute(
        "SELECT COALESCE(max(imported_entry_no), 0) FROM crm_interaction_log_entry"
    )
    first_no = env.cr.fetchone()[0] + 1
    env.cr.commit()
    return first_no


def step(args, job_id, what):
    """Run one step of the import in a process of its own: its seconds and
    peak resident memory (MB); the process may be killed (``kill_after``)."""
    command = [
        sys.executable,
        __file__,
        "-c",
        args.config,
        "-d",
        args.database,
        "--sizes",
        "0",
        "--step",
        f"{what}:{job_id}",
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def run_step(args, what, job_id):
    """In the child process: read and check, or import, the whole job."""
    odoo.tools.config.parse_config(["-c", args.config, "--log-level", "warn"])
    started = time.perf_counter()
    registry = Registry(args.database)
    # the step itself, not loading Odoo
    start = time.perf_counter()
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        # the step the job is at: reading (then checking), or importing
        job = env["crm.interaction.import"].browse(job_id)
        assert job.state in ({"check": "reading", "import": "importing"}[what], "done")
        job._run(commit=True)
        cr.commit()
        state = job.state
    seconds = time.perf_counter() - start
    # VmHWM, not ru_maxrss, which Linux keeps across exec: the benchmark's
    # own memory, that spawned this process, would count
    peak = peak_of(os.getpid())
    load = start - started
    print(json.dumps({"seconds": seconds, "load": load, "peak": peak, "state": state}))


def count(env, job):
    env.cr.execute(
        "SELECT count(*), count(DISTINCT imported_entry_no)"
        "  FROM crm_interaction_log_entry WHERE channel = 'import'"
        "   AND imported_entry_no >= %s AND imported_entry_no < %s",
        job,
    )
    return env.cr.fetchone()


def bare_insert(env, job_id):
    """The same rows written by one bare INSERT ... SELECT, rolled back."""
    start = time.perf_counter()
    env.cr.execute(
        """INSERT INTO crm_interaction_log_entry
               (name, partner_id, commercial_partner_id, template_id, group_id,
                description, subject, date, information_flow, initiated_by, cost,
                duration, evaluation, attempt_failed, canceled, postponed, channel,
                document_name, imported_entry_no, company_id, user_id, logged_by_id)
           SELECT 'B' || r.id, r.partner_id, r.partner_id, t.id, t.group_id,
                  r.description, r.description, r.local_date, r.information_flow,
                  r.initiated_by, r.cost, r.duration, r.evaluation, r.attempt_failed,
                  r.canceled, r.postponed, 'import', r.document_no, -r.entry_no,
                  1, 1, 1
             FROM crm_interaction_import_row r
             JOIN crm_interaction_template t ON t.code = r.template_code
            WHERE r.import_id = %s AND r.error IS NULL""",
        (job_id,),
    )
    seconds = time.perf_counter() - start
    env.cr.rollback()
    return seconds


def compare(args, size, kill):
    with environment(args) as env:
        first_no = set_up(env)
    path = os.path.join(tempfile.gettempdir(), f"nav-history-{size}.csv")
    write_file(path, size, first_no)
    megabytes = os.path.getsize(path) / 2**20
    with environment(args) as env:
        with open(path, "rb") as handle:
            job = env["crm.interaction.import"].create(
                {
                    "file": base64.b64encode(handle.read()),
                    "file_name": os.path.basename(path),
                    "tz": "Europe/Stockholm",
                }
            )
        job.write({"state": "reading"})
        env.cr.commit()
        job_id = job.id
    checked = finish(step(args, job_id, "check"))
    with environment(args) as env:
        job = env["crm.interaction.import"].browse(job_id)
        to_import, errors = job.to_import_count, job.error_count
        baseline = bare_insert(env, job_id)
        job.action_import()
        env.cr.commit()
    killed_at = None
    start = time.perf_counter()
    process = step(args, job_id, "import")
    peaks = []
    if kill:
        # killed once some batches are committed, halfway through
        while process.poll() is None:
            time.sleep(0.5)
            with environment(args) as env:
                env.cr.execute(
                    "SELECT COALESCE(imported_count, 0) FROM crm_interaction_import"
                    " WHERE id = %s",
                    (job_id,),
                )
                imported_count = env.cr.fetchone()[0]
            if imported_count >= size // 2:
                peaks.append(peak_of(process.pid))
                process.send_signal(signal.SIGKILL)
                process.wait()
                killed_at = imported_count
                process = step(args, job_id, "import")
                break
    imported = finish(process)
    # from the first batch to the last, the kill and the new process included,
    # less the time each process took to load Odoo (the killed one's: as long
    # as the last one's)
    loads = imported["load"] * (2 if killed_at is not None else 1)
    imported["seconds"] = time.perf_counter() - start - loads
    imported["peak"] = max([imported["peak"], *peaks])
    with environment(args) as env:
        entries, distinct = count(env, (first_no, first_no + size))
    row(
        f"read and check {size:,} rows ({megabytes:.0f} MB of CSV)",
        f"{checked['seconds']:.1f} s, peak {checked['peak']:.0f} MB",
        f"{to_import:,} rows to import, {errors} with an error",
        f"{size / checked['seconds']:,.0f} rows/s",
    )
    resumed = f"; killed at {killed_at:,} and resumed" if killed_at is not None else ""
    row(
        f"import {size:,} entries in batches{resumed}",
        f"{imported['seconds']:.1f} s, peak {imported['peak']:.0f} MB",
        f"bare INSERT ... SELECT {baseline:.1f} s",
        f"{imported['seconds'] / baseline:.1f}× the bare INSERT"
        f"{' (after the kill)' if kill else ''}; {entries:,} entries,"
        f" {distinct:,} distinct numbers",
    )
    os.remove(path)
    with environment(args) as env:
        delete(env)
    return checked, imported


def delete(env):
    """The data of this benchmark out of the database, committed."""
    env.cr.execute(
        "SELECT t.id FROM crm_interaction_template t"
        " JOIN crm_interaction_group g ON g.id = t.group_id WHERE g.code = %s",
        (GROUP,),
    )
    template_ids = tuple(r[0] for r in env.cr.fetchall()) or (0,)
    env.cr.execute("SELECT id FROM res_partner WHERE name LIKE 'ImportBench %%'")
    partner_ids = tuple(r[0] for r in env.cr.fetchall()) or (0,)
    env.cr.execute(
        "DELETE FROM crm_interaction_log_entry WHERE template_id IN %s", (template_ids,)
    )
    env.cr.execute("DELETE FROM crm_interaction_import")
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
        what, job_id = sys.argv.pop(sys.argv.index("--step") + 1).split(":")
        sys.argv.remove("--step")
        args = parse_args(__doc__)
        run_step(args, what, int(job_id))
        return
    args = parse_args(__doc__)
    ensure_database(args)
    sizes = args.sizes or ([10000] if args.quick else [100000, 1000000])
    print(f"Machine: {machine()}\n")
    header()
    for size in sizes:
        compare(args, size, kill=size == max(sizes))


if __name__ == "__main__":
    main()

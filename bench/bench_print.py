"""Benchmark 2: printing 20 invoices, each as its own PDF as from its form, with an
invoice template set up, against the same prints with none (nothing recorded).

One PDF a document: Debian's wkhtmltopdf (unpatched Qt) cannot join the one page
file a record that Odoo 18 gives it into one PDF."""

import statistics
import time
import uuid

from common import ensure_database, environment, header, machine, parse_args, row, timed

RUN = uuid.uuid4().hex[:6].upper()  # codes unique to this run
REPORT = "account.account_invoices"
COUNT = 20


def make_invoices(env, count):
    partner = env["res.partner"].create({"name": "Bench print customer"})
    invoices = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {"name": f"Line {i}", "quantity": 1, "price_unit": 10.0 + i},
                    )
                ],
            }
            for i in range(count)
        ]
    )
    invoices.action_post()
    return invoices


def main():
    args = parse_args(__doc__)
    ensure_database(args)
    rounds = 2 if args.quick else 4
    print(f"Machine: {machine()}\n")
    header()
    with environment(args) as env:
        invoices = make_invoices(env, COUNT)
        group = env["crm.interaction.group"].create(
            {"code": "BP" + RUN, "name": "Bench"}
        )
        template = env["crm.interaction.template"].create(
            {"code": "BP" + RUN, "name": "Bench invoice", "group_id": group.id}
        )
        company = env.company
        Report = env["ir.actions.report"]
        report = Report._get_report(REPORT)
        # every round renders anew: no PDF saved nor reloaded from an attachment
        report.write({"attachment": False, "attachment_use": False})
        Entry = env["crm.interaction.log.entry"]
        with_log, without = [], []
        company._set_interaction_templates({"sales_invoice": False})
        Report._render_qweb_pdf(REPORT, invoices[:1].ids)  # warm-up: assets, templates

        def print_each():
            for invoice in invoices:
                pdf, fmt = Report._render_qweb_pdf(REPORT, invoice.ids)
                assert fmt == "pdf" and pdf.startswith(b"%PDF")

        variants = [(template.id, with_log), (False, without)]
        for i in range(rounds):  # ABBA order, so that both see the same machine state
            for setup, times in variants if i % 2 == 0 else variants[::-1]:
                company._set_interaction_templates({"sales_invoice": setup})
                env.flush_all()
                start = time.perf_counter()
                print_each()
                env.flush_all()
                times.append(time.perf_counter() - start)
        recorded = Entry.search_count(
            [("res_model", "=", "account.move"), ("res_id", "in", invoices.ids)]
        )
        assert recorded == COUNT * rounds, recorded
        ours, base = statistics.median(with_log), statistics.median(without)
        row(
            f"print {COUNT} invoices, one PDF each (median of {rounds}, ABBA)",
            f"{ours:.2f} s, {COUNT} entries recorded",
            f"no template set up {base:.2f} s",
            "%+.1f %%" % ((ours / base - 1) * 100),
        )
        # wkhtmltopdf's own variation is larger than the recording: time the
        # recording alone too, as the print calls it (same documents, cache warm)
        company._set_interaction_templates({"sales_invoice": template})
        invoices.mapped("move_type")

        def record():
            for invoice in invoices:
                invoice._interaction_record("hard_copy")
            env.flush_all()

        recording = statistics.median(timed(record)[0] for _ in range(rounds))
        row(
            f"recording the {COUNT} entries of those prints alone (median of {rounds})",
            "%.0f ms" % (recording * 1000),
            f"the prints without template {base:.2f} s",
            "%.1f %% of the print" % (recording / base * 100),
        )


if __name__ == "__main__":
    main()

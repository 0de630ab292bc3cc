"""Benchmark 2: printing 50 invoices as one PDF with an invoice template set up,
against the same print with none (nothing recorded)."""

import statistics
import time
import uuid

from common import ensure_database, environment, header, machine, parse_args, row, timed

RUN = uuid.uuid4().hex[:6].upper()  # codes unique to this run
REPORT = "account.account_invoices"


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
    rounds = 2 if args.quick else 8
    print(f"Machine: {machine()}\n")
    header()
    with environment(args) as env:
        invoices = make_invoices(env, 50)
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
        company.interaction_template_sales_invoice_id = False
        Report._render_qweb_pdf(REPORT, invoices.ids)  # warm-up: assets, templates
        variants = [(template.id, with_log), (False, without)]
        for i in range(rounds):  # ABBA order, so that both see the same machine state
            for setup, times in variants if i % 2 == 0 else variants[::-1]:
                company.interaction_template_sales_invoice_id = setup
                env.flush_all()
                start = time.perf_counter()
                pdf, fmt = Report._render_qweb_pdf(REPORT, invoices.ids)
                env.flush_all()
                times.append(time.perf_counter() - start)
                assert fmt == "pdf" and pdf.startswith(b"%PDF")
        recorded = Entry.search_count(
            [("res_model", "=", "account.move"), ("res_id", "in", invoices.ids)]
        )
        assert recorded == 50 * rounds, recorded
        ours, base = statistics.median(with_log), statistics.median(without)
        row(
            f"print 50 invoices as one PDF (median of {rounds})",
            f"{ours:.2f} s, 50 entries recorded",
            f"no template set up {base:.2f} s",
            "%+.1f %%" % ((ours / base - 1) * 100),
        )
        # wkhtmltopdf's own variation is larger than the recording: time the
        # recording alone too, as the print calls it (same documents, cache warm)
        company.interaction_template_sales_invoice_id = template
        invoices.mapped("move_type")

        def record():
            invoices._interaction_record("hard_copy")
            env.flush_all()

        recording = statistics.median(timed(record)[0] for _ in range(rounds))
        row(
            f"recording the 50 entries of that print, alone (median of {rounds})",
            "%.0f ms" % (recording * 1000),
            f"the print without template {base:.2f} s",
            "%.1f %% of the print" % (recording / base * 100),
        )


if __name__ == "__main__":
    main()

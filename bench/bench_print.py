"""Benchmark 2: printing 50 invoices as one PDF with an invoice template set up,
against the same print with none (nothing recorded)."""
import statistics
import time

import uuid

from common import environment, ensure_database, header, machine, parse_args, row, timed


RUN = uuid.uuid4().hex[:6].upper()  # codes unique to this run


def make_invoices(env, count):
    partner = env["res.partner"].create({"name": "Bench print customer"})
    account = env["account.account"].search(
        [("user_type_id", "=", env.ref("account.data_account_type_revenue").id)], limit=1)
    Invoice = env["account.invoice"]
    invoices = Invoice
    for i in range(count):
        invoices |= Invoice.create({
            "partner_id": partner.id, "type": "out_invoice",
            "invoice_line_ids": [(0, 0, {"name": "Line %d" % i, "quantity": 1,
                                         "price_unit": 10.0 + i, "account_id": account.id})]})
    return invoices


def main():
    args = parse_args(__doc__)
    ensure_database(args)
    rounds = 2 if args.quick else 8
    print("Machine: %s\n" % machine())
    header()
    with environment(args) as env:
        invoices = make_invoices(env, 50)
        group = env["crm.interaction.group"].create({"code": "BP" + RUN, "name": "Bench"})
        template = env["crm.interaction.template"].create(
            {"code": "BP" + RUN, "name": "Bench invoice", "group_id": group.id})
        company = env.user.company_id
        report = env.ref("account.account_invoices")
        report.attachment_use = False  # every round renders anew
        Entry = env["crm.interaction.log.entry"]
        with_log, without = [], []
        company.interaction_template_sales_invoice_id = False
        report.render_qweb_pdf(invoices.ids)  # warm-up: assets, templates
        variants = [(template.id, with_log), (False, without)]
        for i in range(rounds):  # ABBA order, so that both see the same machine state
            for setup, times in (variants if i % 2 == 0 else variants[::-1]):
                company.interaction_template_sales_invoice_id = setup
                start = time.perf_counter()
                pdf, fmt = report.render_qweb_pdf(invoices.ids)
                times.append(time.perf_counter() - start)
                assert fmt == "pdf" and pdf.startswith(b"%PDF")
        recorded = Entry.search_count([("res_model", "=", "account.invoice"),
                                       ("res_id", "in", invoices.ids)])
        assert recorded == 50 * rounds, recorded
        ours, base = statistics.median(with_log), statistics.median(without)
        row("print 50 invoices as one PDF (median of %d)" % rounds,
            "%.2f s, 50 entries recorded" % ours, "no template set up %.2f s" % base,
            "%+.1f %%" % ((ours / base - 1) * 100))
        # wkhtmltopdf's own variation is larger than the recording: time the
        # recording alone too, as the print calls it (same documents, cache warm)
        company.interaction_template_sales_invoice_id = template
        invoices.mapped("type")
        recording = statistics.median(
            timed(lambda: invoices._interaction_record("hard_copy"))[0] for _ in range(rounds))
        row("recording the 50 entries of that print, alone (median of %d)" % rounds,
            "%.0f ms" % (recording * 1000), "the print without template %.2f s" % base,
            "%.1f %% of the print" % (recording / base * 100))


if __name__ == "__main__":
    main()

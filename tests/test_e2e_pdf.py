"""PDF printing works: a customer invoice printed through wkhtmltopdf holds its number,
and the print is recorded once on the invoice's contact."""

import os
import subprocess

from conftest import ARTIFACTS, posted_invoice, set_up_invoice_template


def test_print_customer_invoice_pdf(odoo_server):
    rpc = odoo_server.rpc()
    template_id = set_up_invoice_template(rpc)
    invoice_id, number = posted_invoice(rpc)
    mark = odoo_server.log_mark()
    opener = odoo_server.http_session()
    url = f"{odoo_server.url}/report/pdf/account.report_invoice/{invoice_id}"
    with opener.open(url, timeout=180) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        pdf = response.read()
    assert pdf.startswith(b"%PDF")
    path = os.path.join(ARTIFACTS, "invoice.pdf")
    with open(path, "wb") as f:
        f.write(pdf)
    text = subprocess.check_output(["pdftotext", "-layout", path, "-"]).decode()
    assert number in text
    entries = rpc(
        "crm.interaction.log.entry",
        "search_read",
        [("res_model", "=", "account.move"), ("res_id", "=", invoice_id)],
        ["template_id", "correspondence_type", "document_occurrence", "cost"],
    )
    assert [
        (
            e["template_id"][0],
            e["correspondence_type"],
            e["document_occurrence"],
            e["cost"],
        )
        for e in entries
    ] == [(template_id, "hard_copy", 1, 0.75)]
    assert odoo_server.server_errors(mark) == []

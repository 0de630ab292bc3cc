"""PDF printing works: a customer invoice printed through wkhtmltopdf holds its number."""
import os
import subprocess

from conftest import ARTIFACTS


def _validated_invoice(rpc):
    partner_id = rpc("res.partner", "create", {"name": "PDF Test Customer"})
    account_ids = rpc("account.account", "search",
                      [("user_type_id.type", "=", "other"), ("internal_type", "=", "other"),
                       ("user_type_id.name", "=", "Income")], limit=1)
    assert account_ids, "no income account: is a chart of accounts installed?"
    invoice_id = rpc("account.invoice", "create", {
        "partner_id": partner_id,
        "type": "out_invoice",
        "invoice_line_ids": [(0, 0, {"name": "Consulting", "quantity": 2, "price_unit": 150.0,
                                     "account_id": account_ids[0]})],
    })
    rpc("account.invoice", "action_invoice_open", [invoice_id])
    number = rpc("account.invoice", "read", [invoice_id], ["number"])[0]["number"]
    assert number
    return invoice_id, number


def test_print_customer_invoice_pdf(odoo_server):
    rpc = odoo_server.rpc()
    invoice_id, number = _validated_invoice(rpc)
    mark = odoo_server.log_mark()
    opener = odoo_server.http_session()
    url = "%s/report/pdf/account.report_invoice/%d" % (odoo_server.url, invoice_id)
    with opener.open(url, timeout=180) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        pdf = response.read()
    assert pdf.startswith(b"%PDF")
    path = os.path.join(ARTIFACTS, "invoice.pdf")
    with open(path, "wb") as f:
        f.write(pdf)
    text = subprocess.check_output(["pdftotext", "-layout", path, "-"]).decode()
    assert number in text
    assert odoo_server.server_errors(mark) == []

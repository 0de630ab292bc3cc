"""PDF printing works: a customer invoice printed through wkhtmltopdf holds its number."""
import os
import subprocess
import uuid

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


def _set_up_invoice_template(rpc):
    suffix = uuid.uuid4().hex[:6].upper()
    group_id = rpc("crm.interaction.group", "create", {"code": "G" + suffix,
                                                       "name": "E2E documents"})
    template_id = rpc("crm.interaction.template", "create", {
        "code": "T" + suffix, "name": "E2E invoice", "group_id": group_id, "unit_cost": 0.75,
        "correspondence_type": "hard_copy"})
    admin_id = rpc("res.users", "search", [("login", "=", "admin")])[0]
    company_id = rpc("res.users", "read", [admin_id], ["company_id"])[0]["company_id"][0]
    rpc("res.company", "write", [company_id],
        {"interaction_template_sales_invoice_id": template_id})
    return template_id


def test_print_customer_invoice_pdf(odoo_server):
    rpc = odoo_server.rpc()
    template_id = _set_up_invoice_template(rpc)
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
    # the print was recorded on the invoice's contact, once
    entries = rpc("crm.interaction.log.entry", "search_read",
                  [("res_model", "=", "account.invoice"), ("res_id", "=", invoice_id)],
                  ["template_id", "correspondence_type", "document_occurrence", "cost"])
    assert [(e["template_id"][0], e["correspondence_type"], e["document_occurrence"], e["cost"])
            for e in entries] == [(template_id, "hard_copy", 1, 0.75)]
    assert odoo_server.server_errors(mark) == []

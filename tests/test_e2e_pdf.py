"""PDF printing works: a customer invoice printed through wkhtmltopdf is a drawn
page, the report holds its number, and the print is recorded once on the invoice's
contact."""

import os
import subprocess

from conftest import ARTIFACTS, posted_invoice, set_up_invoice_template


def _inked_fraction(pdf_path):
    """The share of dark pixels on the PDF's first page, rendered in grey at 50 dpi."""
    pgm = subprocess.check_output(
        ["pdftoppm", "-r", "50", "-gray", "-f", "1", "-l", "1", pdf_path]
    )
    # binary PGM: "P5\n<width> <height>\n<maxval>\n" then one byte a pixel
    header, _, rest = pgm.partition(b"\n")
    size, _, rest = rest.partition(b"\n")
    _maxval, _, pixels = rest.partition(b"\n")
    assert header == b"P5"
    width, height = map(int, size.split())
    pixels = pixels[: width * height]
    return sum(1 for value in pixels if value < 128) / len(pixels)


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
    info = subprocess.check_output(["pdfinfo", path]).decode()
    assert "wkhtmltopdf" in info
    # Debian's wkhtmltopdf (unpatched Qt) draws the report's web fonts as outlines, so
    # pdftotext finds no text: the page is checked to be drawn, the number in the same
    # report's HTML (which records nothing, as a preview)
    assert _inked_fraction(path) > 0.002
    html_url = f"{odoo_server.url}/report/html/account.report_invoice/{invoice_id}"
    with opener.open(html_url, timeout=180) as response:
        assert number in response.read().decode()
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

"""In the browser: create an interaction on a contact with the wizard, find it in
the contact's Interaction Log Entries, then print an invoice from its form and
find the entry recorded automatically."""
import os

from playwright.sync_api import expect, sync_playwright

from conftest import ARTIFACTS
from test_e2e_pdf import _set_up_invoice_template, _validated_invoice
from test_e2e_web_client import logged_in_page, open_form


def test_create_interaction_and_print_invoice_in_the_browser(odoo_server):
    rpc = odoo_server.rpc()
    partner_id = rpc("res.partner", "create", {"name": "Browser Interaction Contact"})
    template_id = _set_up_invoice_template(rpc)
    template_name = rpc("crm.interaction.template", "read", [template_id], ["name"])[0]["name"]
    invoice_id, _number = _validated_invoice(rpc)
    mark = odoo_server.log_mark()
    js_errors = []
    with sync_playwright() as pw:
        browser, page = logged_in_page(pw, odoo_server, js_errors,
                                       viewport={"width": 1280, "height": 900},
                                       accept_downloads=True)

        try:
            # Create Interaction on the contact
            open_form(page, odoo_server, "res.partner", partner_id)
            page.wait_for_selector(".o_form_view .o_field_widget[name=name]", timeout=120000)
            page.screenshot(path=os.path.join(ARTIFACTS, "contact_before_interaction.png"))
            page.click(".o_form_statusbar button:has-text('Create Interaction')", timeout=60000)
            modal = page.locator(".modal-dialog")
            modal.locator(".o_field_widget[name=template_id] input").fill(template_name)
            page.click(".ui-autocomplete li a:has-text('%s')" % template_name, timeout=30000)
            # the template's onchange fills the description in: type over it only
            # once it has, or its answer lands in the middle of the typing
            description = modal.locator("input[name=description]")
            expect(description).to_have_value(template_name, timeout=30000)
            description.fill("Called about the browser test")
            page.screenshot(path=os.path.join(ARTIFACTS, "create_interaction_wizard.png"))
            modal.get_by_role("button", name="Finish", exact=True).click()
            modal.get_by_role("button", name="Create Opportunity", exact=True).wait_for(
                timeout=30000)
            modal.get_by_role("button", name="No", exact=True).click()
            page.wait_for_selector(".modal-dialog", state="detached", timeout=30000)

            # ... found in the contact's Interaction Log Entries
            page.click(".oe_stat_button:has(.fa-comments-o)", timeout=30000)
            page.wait_for_selector(".o_list_view td:has-text('Called about the browser test')",
                                   timeout=30000)
            page.screenshot(path=os.path.join(ARTIFACTS, "contact_interaction_log_entries.png"))

            # Print the invoice from its form: the print is recorded
            open_form(page, odoo_server, "account.invoice", invoice_id)
            page.click(".o_cp_sidebar button:has-text('Print')", timeout=30000)
            with page.expect_download(timeout=180000) as download:
                page.click(".o_cp_sidebar .dropdown-menu a:text-is('Invoices')")
        except Exception:
            page.screenshot(path=os.path.join(ARTIFACTS, "browser_failure.png"))
            raise
        path = os.path.join(ARTIFACTS, "invoice_from_browser.pdf")
        download.value.save_as(path)
        browser.close()
    with open(path, "rb") as f:
        assert f.read(4) == b"%PDF"
    assert rpc("crm.interaction.log.entry", "search_count", [
        ("partner_id", "=", partner_id),
        ("description", "=", "Called about the browser test")]) == 1
    assert rpc("crm.interaction.log.entry", "search_count", [
        ("res_model", "=", "account.invoice"), ("res_id", "=", invoice_id),
        ("template_id", "=", template_id)]) == 1
    assert js_errors == []
    assert odoo_server.server_errors(mark) == []

"""In the browser: create an interaction on a contact with the wizard, find it in
the contact's Interaction Log Entries, then print an invoice from its form and
find the entry recorded automatically."""

import os

from browser import (
    click_form_button,
    fill_interaction_wizard,
    finish_interaction_wizard,
    logged_in_page,
    open_path,
    print_from_cog_menu,
)
from conftest import ARTIFACTS, posted_invoice, set_up_invoice_template
from playwright.sync_api import sync_playwright

DESCRIPTION = "Called about the browser test"


def test_create_interaction_and_print_invoice_in_the_browser(odoo_server):
    rpc = odoo_server.rpc()
    partner_id = rpc("res.partner", "create", {"name": "Browser Interaction Contact"})
    template_id = set_up_invoice_template(rpc)
    template_name = rpc("crm.interaction.template", "read", [template_id], ["name"])[0][
        "name"
    ]
    invoice_id, _number = posted_invoice(rpc)
    mark = odoo_server.log_mark()
    js_errors = []
    path = os.path.join(ARTIFACTS, "invoice_from_browser.pdf")
    with sync_playwright() as pw:
        browser, page = logged_in_page(
            pw,
            odoo_server,
            js_errors,
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
        )
        try:
            # Create Interaction on the contact
            open_path(page, odoo_server, f"/odoo/contacts/{partner_id}")
            page.screenshot(
                path=os.path.join(ARTIFACTS, "contact_before_interaction.png")
            )
            click_form_button(page, "action_create_interaction")
            dialog = fill_interaction_wizard(page, template_name, DESCRIPTION)
            page.screenshot(
                path=os.path.join(ARTIFACTS, "create_interaction_wizard.png")
            )
            finish_interaction_wizard(page, dialog)

            # ... found in the contact's Interaction Log Entries
            click_form_button(page, "action_view_interaction_log_entries")
            page.locator(".o_list_view .o_data_row").filter(
                has_text=DESCRIPTION
            ).first.wait_for(timeout=30000)
            page.screenshot(
                path=os.path.join(ARTIFACTS, "contact_interaction_log_entries.png")
            )

            # Print the invoice from its form: the print is recorded
            open_path(
                page,
                odoo_server,
                f"/odoo/action-account.action_move_out_invoice_type/{invoice_id}",
            )
            with page.expect_download(timeout=180000) as download:
                print_from_cog_menu(page, "PDF without Payment")
            download.value.save_as(path)
        except Exception:
            page.screenshot(path=os.path.join(ARTIFACTS, "browser_failure.png"))
            raise
        finally:
            browser.close()
    with open(path, "rb") as f:
        assert f.read(4) == b"%PDF"
    assert (
        rpc(
            "crm.interaction.log.entry",
            "search_count",
            [("partner_id", "=", partner_id), ("description", "=", DESCRIPTION)],
        )
        == 1
    )
    assert (
        rpc(
            "crm.interaction.log.entry",
            "search_count",
            [
                ("res_model", "=", "account.move"),
                ("res_id", "=", invoice_id),
                ("template_id", "=", template_id),
            ],
        )
        == 1
    )
    assert js_errors == []
    assert odoo_server.server_errors(mark) == []

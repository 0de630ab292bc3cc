"""The web client works: log in, open a contact's form, no JavaScript error,
no traceback."""

import os

from browser import logged_in_page, open_path
from conftest import ARTIFACTS
from playwright.sync_api import expect, sync_playwright


def test_login_and_open_contact_form(odoo_server):
    rpc = odoo_server.rpc()
    partner_id = rpc(
        "res.partner",
        "create",
        {"name": "Browser Test Contact", "email": "browser@example.com"},
    )
    mark = odoo_server.log_mark()
    js_errors = []
    with sync_playwright() as pw:
        browser, page = logged_in_page(pw, odoo_server, js_errors)
        try:
            open_path(page, odoo_server, f"/odoo/contacts/{partner_id}")
            # the name: an input or a textarea, by the partner_autocomplete widget
            expect(
                page.locator(
                    ".o_form_view .o_field_widget[name=name] :is(input, textarea)"
                ).first
            ).to_have_value("Browser Test Contact", timeout=60000)
            # the style sheets are compiled (SCSS): the navbar has its background
            assert (
                page.evaluate(
                    "getComputedStyle(document.querySelector('.o_main_navbar'))"
                    ".backgroundColor"
                )
                != "rgba(0, 0, 0, 0)"
            )
            page.screenshot(path=os.path.join(ARTIFACTS, "contact_form.png"))
        except Exception:
            page.screenshot(path=os.path.join(ARTIFACTS, "contact_form_failure.png"))
            raise
        finally:
            browser.close()
    assert js_errors == []
    assert odoo_server.server_errors(mark) == []

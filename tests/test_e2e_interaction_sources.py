"""In the browser, as a salesperson: an e-mail interaction whose template has
an attachment opens Odoo's e-mail composer and is logged when sent; several
contacts selected in the contact list get one interaction each at once."""

import base64
import os
import uuid

from browser import browser_page, choose_many2one, click_form_button, open_path
from conftest import ARTIFACTS, make_template, make_user
from playwright.sync_api import expect, sync_playwright

SALESMAN_GROUPS = ["sales_team.group_sale_salesman"]


def _email_template(rpc):
    suffix = uuid.uuid4().hex[:6].upper()
    template_id = make_template(
        rpc,
        "E" + suffix,
        "E2E brochure " + suffix,
        correspondence_type="email",
        lang="en_US",
        language_ids=[
            (
                0,
                0,
                {
                    "lang": "en_US",
                    "upload_file": base64.b64encode(b"Our brochure").decode(),
                    "upload_filename": "brochure.txt",
                },
            )
        ],
    )
    name = rpc("crm.interaction.template", "read", [template_id], ["name"])[0]["name"]
    return template_id, name


def test_email_interaction_goes_through_the_composer(odoo_server):
    admin = odoo_server.rpc()
    user_id, login, password, rpc = make_user(
        admin, odoo_server, "mailer", SALESMAN_GROUPS
    )
    # the sender's address of the e-mail
    admin("res.users", "write", [user_id], {"email": login})
    template_id, template_name = _email_template(admin)
    partner_id = rpc(
        "res.partner",
        "create",
        {"name": "Composer Contact", "email": "composer@example.com"},
    )
    description = "Brochure sent from the browser"
    mark = odoo_server.log_mark()
    js_errors = []
    with sync_playwright() as pw:
        with browser_page(
            pw, odoo_server, js_errors, login=login, password=password
        ) as page:
            open_path(page, odoo_server, f"/odoo/contacts/{partner_id}")
            click_form_button(page, "action_create_interaction")
            dialog = page.locator(".modal-dialog").last
            dialog.locator(".o_field_widget[name=template_id] input").wait_for(
                timeout=60000
            )
            choose_many2one(page, dialog, "template_id", template_name)
            expect(
                dialog.locator(".o_field_widget[name=attachment_name]")
            ).to_contain_text("brochure.txt", timeout=30000)
            field = dialog.locator(".o_field_widget[name=description] input")
            expect(field).to_have_value(template_name, timeout=30000)
            field.fill(description)
            dialog.locator("button[name=action_finish]").click()
            composer = page.locator(".modal-dialog").filter(has_text="Send Interaction")
            expect(
                composer.locator(".o_field_widget[name=subject] input")
            ).to_have_value(description, timeout=60000)
            expect(composer).to_contain_text("brochure.txt")
            page.screenshot(
                path=os.path.join(ARTIFACTS, "create_interaction_email_composer.png")
            )
            composer.locator(".modal-footer").get_by_role(
                "button", name="Send", exact=True
            ).click()
            page.wait_for_selector(".modal-dialog", state="detached", timeout=60000)
    entries = rpc(
        "crm.interaction.log.entry",
        "search_read",
        [("partner_id", "=", partner_id)],
        ["template_id", "description", "mail_message_id", "attachment_id", "user_id"],
    )
    assert len(entries) == 1, entries
    entry = entries[0]
    assert entry["template_id"][0] == template_id
    assert entry["description"] == description
    assert entry["mail_message_id"] and entry["attachment_id"]
    assert entry["user_id"][0] == user_id
    message = admin(
        "mail.message", "read", [entry["mail_message_id"][0]], ["attachment_ids"]
    )[0]
    names = admin("ir.attachment", "read", message["attachment_ids"], ["name"])
    assert [a["name"] for a in names] == ["brochure.txt"]
    assert js_errors == []
    assert odoo_server.server_errors(mark) == []


def test_create_interaction_on_several_contacts_from_the_list(odoo_server):
    admin = odoo_server.rpc()
    _user_id, login, password, rpc = make_user(
        admin, odoo_server, "lister", SALESMAN_GROUPS
    )
    template_id, template_name = _email_template(admin)
    tag = "Multi " + uuid.uuid4().hex[:6]
    partner_ids = [
        rpc("res.partner", "create", {"name": f"{tag} {n}"}) for n in ("A", "B")
    ]
    mark = odoo_server.log_mark()
    js_errors = []
    with sync_playwright() as pw:
        with browser_page(
            pw, odoo_server, js_errors, login=login, password=password
        ) as page:
            open_path(
                page,
                odoo_server,
                "/odoo/action-contacts.action_contacts?view_type=list",
                selector=".o_list_view",
            )
            search = page.locator(".o_searchview_input")
            search.fill(tag)
            search.press("Enter")
            rows = page.locator(".o_list_view .o_data_row").filter(has_text=tag)
            expect(rows).to_have_count(2, timeout=30000)
            for n in range(2):
                rows.nth(n).locator(".o_list_record_selector input").check()
            page.locator(
                ".o_control_panel .o_cp_action_menus button:has(.fa-cog)"
            ).click()
            page.locator(".o-dropdown--menu .o_menu_item").filter(
                has_text="Create Interaction"
            ).first.click(timeout=30000)
            dialog = page.locator(".modal-dialog").last
            dialog.locator(".o_field_widget[name=template_id] input").wait_for(
                timeout=60000
            )
            choose_many2one(page, dialog, "template_id", template_name)
            expect(
                dialog.locator(".o_field_widget[name=description] input")
            ).to_have_value(template_name, timeout=30000)
            dialog.locator("button[name=action_finish]").click()
            expect(page.locator(".o_notification").first).to_contain_text(
                "2 interactions logged", timeout=60000
            )
            page.screenshot(
                path=os.path.join(ARTIFACTS, "create_interaction_several_contacts.png")
            )
    entries = rpc(
        "crm.interaction.log.entry",
        "search_read",
        [("partner_id", "in", partner_ids)],
        ["partner_id", "template_id", "logged_segment_id"],
    )
    assert sorted(e["partner_id"][0] for e in entries) == sorted(partner_ids)
    assert {e["template_id"][0] for e in entries} == {template_id}
    assert len({e["logged_segment_id"][0] for e in entries}) == 1
    assert js_errors == []
    assert odoo_server.server_errors(mark) == []

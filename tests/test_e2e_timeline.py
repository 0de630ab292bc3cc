"""In the browser, as a salesperson: a contact's Timeline tab shows its
interactions newest first by month, 40 at a time with "Load more", filters
them by channel, opens an entry, and its Create Interaction opens the wizard;
the new interaction is at the top of the timeline once logged."""

import os
import uuid

from browser import (
    browser_page,
    fill_interaction_wizard,
    finish_interaction_wizard,
    open_path,
)
from conftest import ARTIFACTS, make_template, make_user, odoo_script
from playwright.sync_api import expect, sync_playwright

SALESMAN_GROUPS = ["sales_team.group_sale_salesman"]
ITEMS = ".o_crm_interaction_timeline .o_crm_interaction_timeline_item"


def _timeline_data(admin, odoo_server, odoo_config, salesman_id):
    """A template, a contact of the salesman with 45 manual entries over
    three months and 3 SMS entries."""
    suffix = uuid.uuid4().hex[:6].upper()
    template_id = make_template(
        admin,
        "L" + suffix,
        "E2E timeline call " + suffix,
        correspondence_type="hard_copy",
    )
    template_name = admin("crm.interaction.template", "read", [template_id], ["name"])[
        0
    ]["name"]
    partner_id = admin(
        "res.partner",
        "create",
        {"name": "Timeline Contact " + suffix, "user_id": salesman_id},
    )
    # the channels other than manual are set by the log's recorders only: the
    # entries are made on the server, as its own code writes them
    odoo_script(
        odoo_config,
        odoo_server.db,
        f"""
from odoo.addons.crm_interaction_log.models.switches import AUDIT_FIELDS, switched
vals = dict(partner_id={partner_id}, template_id={template_id},
            user_id={salesman_id}, company_id=env.ref("base.main_company").id)
with switched(AUDIT_FIELDS):
  env["crm.interaction.log.entry"].create(
    [dict(vals, description=f"Timeline entry {{n:02d}}",
          date=f"2026-{{7 + n // 15:02d}}-{{1 + n % 15:02d}} 10:00:00")
     for n in range(45)]
    + [dict(vals, description=f"Timeline SMS {{n}}", channel="sms",
            correspondence_type="sms", date=f"2026-06-1{{n}} 09:00:00")
       for n in range(3)]
)
""",
    )
    return partner_id, template_name


def test_timeline_on_the_contact_form(odoo_server, odoo_config):
    admin = odoo_server.rpc()
    salesman_id, login, password, rpc = make_user(
        admin, odoo_server, "timeline", SALESMAN_GROUPS
    )
    partner_id, template_name = _timeline_data(
        admin, odoo_server, odoo_config, salesman_id
    )
    mark = odoo_server.log_mark()
    js_errors = []
    with sync_playwright() as pw:
        with browser_page(
            pw, odoo_server, js_errors, login=login, password=password
        ) as page:
            # a new contact has no timeline yet
            open_path(page, odoo_server, "/odoo/contacts/new")
            tabs = page.locator(".o_form_view .o_notebook .nav-link")
            expect(tabs.filter(has_text="Interactions")).to_have_count(1)
            expect(tabs.filter(has_text="Timeline")).to_have_count(0)

            open_path(page, odoo_server, f"/odoo/contacts/{partner_id}")
            page.click(".o_form_view .o_notebook .nav-link:text-is('Timeline')")
            items = page.locator(ITEMS)
            # a page of 40, newest first, under their months
            expect(items).to_have_count(40, timeout=60000)
            expect(items.first).to_contain_text("Timeline entry 44")
            expect(items.first).to_contain_text(template_name)
            expect(items.first.locator(".fa-pencil")).to_have_count(2)
            months = page.locator(".o_crm_interaction_timeline_month")
            expect(months).to_have_text(["September 2026", "August 2026", "July 2026"])
            page.screenshot(path=os.path.join(ARTIFACTS, "timeline.png"))
            page.click(".o_crm_interaction_timeline_more")
            expect(items).to_have_count(48, timeout=30000)
            expect(months).to_have_text(
                ["September 2026", "August 2026", "July 2026", "June 2026"]
            )
            expect(items.last).to_contain_text("Timeline SMS 0")
            expect(page.locator(".o_crm_interaction_timeline_more")).to_have_count(0)

            # filtered by channel
            page.select_option(".o_crm_interaction_timeline_channel", "sms")
            expect(items).to_have_count(3, timeout=30000)
            expect(items).to_contain_text(
                ["Timeline SMS 2", "Timeline SMS 1", "Timeline SMS 0"]
            )
            expect(items.first.locator(".fa-mobile")).to_have_count(2)
            page.select_option(".o_crm_interaction_timeline_channel", "")
            expect(items).to_have_count(40, timeout=30000)

            # an item opens its entry
            items.first.click()
            expect(
                page.locator(".o_form_view .o_field_widget[name=description]")
            ).to_contain_text("Timeline entry 44", timeout=60000)
            page.go_back()
            page.click(".o_form_view .o_notebook .nav-link:text-is('Timeline')")
            expect(items).to_have_count(40, timeout=60000)

            # Create Interaction opens the wizard; the new one comes first
            page.click(".o_crm_interaction_timeline_create")
            dialog = fill_interaction_wizard(
                page, template_name, "Called from the timeline"
            )
            finish_interaction_wizard(page, dialog)
            expect(items.first).to_contain_text(
                "Called from the timeline", timeout=30000
            )
            expect(
                page.locator(".o_form_view .o_field_widget[name=interaction_count]")
            ).to_contain_text("49")
    entries = rpc(
        "crm.interaction.log.entry",
        "search_read",
        [
            ("partner_id", "=", partner_id),
            ("description", "=", "Called from the timeline"),
        ],
        ["user_id", "template_id"],
    )
    assert [entry["user_id"][0] for entry in entries] == [salesman_id]
    assert js_errors == []
    assert odoo_server.server_errors(mark) == []

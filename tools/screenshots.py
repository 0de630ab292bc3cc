#!/usr/bin/env python3
"""Take the README's screenshots from a real server on the demo database (make run's):
a contact with its interactions, the Create Interaction wizard, a template, a segment
and its lines, the log entries list and the analysis graph, into docs/screenshots/.

    python tools/screenshots.py -c var/odoo.conf -d crm_interaction_demo
"""
import argparse
import os
import sys

from playwright.sync_api import expect, sync_playwright

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from conftest import OdooServer  # noqa: E402
from test_e2e_web_client import logged_in_page, open_form  # noqa: E402

OUT = os.path.join(ROOT, "docs", "screenshots")


def ref(rpc, xmlid):
    module, name = xmlid.split(".")
    data = rpc("ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)],
               fields=["res_id"])
    if not data:
        sys.exit("%s is missing: the screenshots need the demo data (make reset-db)" % xmlid)
    return data[0]["res_id"]


def open_action(page, server, xmlid, view_type):
    # a query string of its own makes it a full page load (see open_form)
    page.goto("%s/web?shot=%s#action=%s&view_type=%s"
              % (server.url, view_type, xmlid, view_type))


def shoot(page, name):
    # the web client's loading effects are over (the bus keeps a long-polling
    # request open, so there is never a moment without a request)
    page.wait_for_timeout(2500)
    path = os.path.join(OUT, name)
    page.screenshot(path=path)
    print(os.path.relpath(path, ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    server = OdooServer(os.path.abspath(args.config), args.database)
    server.start()
    try:
        rpc = server.rpc()
        # the demo contact with the most interactions
        groups = rpc("crm.interaction.log.entry", "read_group", [("partner_id", "!=", False)],
                     ["partner_id"], ["partner_id"], orderby="partner_id_count desc")
        partner_id = max(groups, key=lambda g: g["partner_id_count"])["partner_id"][0]
        template_id = ref(rpc, "crm_interaction_log.template_newsletter")
        segment_id = ref(rpc, "crm_interaction_log.segment_demo_open")
        js_errors = []
        with sync_playwright() as pw:
            browser, page = logged_in_page(pw, server, js_errors,
                                           viewport={"width": 1280, "height": 820})
            # the onboarding tours' tips of the CRM and Sales apps are not the product
            page.add_init_script("""document.addEventListener("DOMContentLoaded", () => {
                const style = document.createElement("style");
                style.textContent = ".o_tooltip { display: none !important; }";
                document.head.appendChild(style);
            });""")
            open_form(page, server, "res.partner", partner_id)
            page.click(".o_notebook .nav-tabs a:text-is('Interactions')")
            shoot(page, "contact.png")

            page.click(".o_form_statusbar button:has-text('Create Interaction')")
            modal = page.locator(".modal-dialog")
            modal.locator(".o_field_widget[name=template_id] input").fill("Phone")
            page.click(".ui-autocomplete li a:has-text('Outgoing phone call')")
            description = modal.locator("input[name=description]")
            # type over the template's description once its onchange has filled it in
            expect(description).to_have_value("Outgoing phone call", timeout=30000)
            description.fill("Follow-up on the spring offer")
            shoot(page, "create_interaction_wizard.png")

            page.set_viewport_size({"width": 1280, "height": 1040})
            open_form(page, server, "crm.interaction.template", template_id)
            page.wait_for_selector(".o_field_one2many[name=language_ids] .o_data_row")
            shoot(page, "template.png")
            page.set_viewport_size({"width": 1280, "height": 820})

            open_form(page, server, "crm.segment", segment_id)
            shoot(page, "segment.png")
            page.click(".oe_stat_button:has(.fa-users)")
            page.wait_for_selector(".o_list_view .o_data_row", timeout=60000)
            shoot(page, "segment_lines.png")

            open_action(page, server, "crm_interaction_log.crm_interaction_log_entry_action",
                        "list")
            page.wait_for_selector(".o_list_view tbody tr.o_data_row", timeout=60000)
            shoot(page, "interaction_log_entries.png")

            open_action(page, server,
                        "crm_interaction_log.crm_interaction_log_entry_action_analysis", "graph")
            page.wait_for_selector(".o_graph svg", timeout=60000)
            shoot(page, "interaction_analysis_graph.png")
            browser.close()
        if js_errors:
            sys.exit("JavaScript errors: %s" % js_errors)
    finally:
        server.stop()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Take the README's screenshots from a real server on the demo database (make run's):
a contact with its interactions and its timeline, the Create Interaction wizard, a
template, a segment and its lines, the log entries list and the analysis graph, into
docs/screenshots/.

    python tools/screenshots.py -c var/odoo.conf -d crm_interaction_demo
"""

import argparse
import os
import sys

from playwright.sync_api import sync_playwright

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from browser import (  # noqa: E402
    click_form_button,
    fill_interaction_wizard,
    logged_in_page,
    open_path,
)
from conftest import OdooServer  # noqa: E402

OUT = os.path.join(ROOT, "docs", "screenshots")
HIDE_TOUR_TIPS = """
document.addEventListener("DOMContentLoaded", () => {
    const style = document.createElement("style");
    style.textContent = ".o_tooltip, .o_tour_pointer { display: none !important; }";
    document.head.appendChild(style);
});
"""


def ref(rpc, xmlid):
    module, name = xmlid.split(".")
    data = rpc(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    if not data:
        sys.exit(
            f"{xmlid} is missing: the screenshots need the demo data (make reset-db)"
        )
    return data[0]["res_id"]


def shoot(page, name):
    # the selectors are there; the web client's fade-ins and the graph's drawing
    # animation take a moment more
    page.wait_for_timeout(1500)
    path = os.path.join(OUT, name)
    page.screenshot(path=path)
    print(os.path.relpath(path, ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    server = OdooServer(
        os.path.abspath(args.config), args.database, log_name="odoo-screenshots.log"
    )
    server.start()
    try:
        rpc = server.rpc()
        # the demo contact with the most interactions
        groups = rpc(
            "crm.interaction.log.entry",
            "read_group",
            [("partner_id", "!=", False)],
            ["partner_id"],
            ["partner_id"],
        )
        partner_id = max(groups, key=lambda g: g["partner_id_count"])["partner_id"][0]
        template_id = ref(rpc, "crm_interaction_log.template_newsletter")
        segment_id = ref(rpc, "crm_interaction_log.segment_demo_open")
        js_errors = []
        with sync_playwright() as pw:
            browser, page = logged_in_page(
                pw, server, js_errors, viewport={"width": 1280, "height": 820}
            )
            # the onboarding tours' tips are not the product
            page.add_init_script(HIDE_TOUR_TIPS)
            open_path(page, server, f"/odoo/contacts/{partner_id}")
            page.click(".o_form_view .o_notebook .nav-link:text-is('Interactions')")
            page.wait_for_selector(
                ".o_notebook .tab-pane.active "
                ".o_field_widget[name=interaction_count]"
            )
            shoot(page, "contact.png")

            page.click(".o_form_view .o_notebook .nav-link:text-is('Timeline')")
            page.wait_for_selector(".o_crm_interaction_timeline_item")
            # the form scrolled to the timeline, its tab on top
            page.locator(".o_form_view .o_notebook .nav-link.active").evaluate(
                "tab => tab.scrollIntoView({block: 'start'})"
            )
            shoot(page, "timeline.png")

            click_form_button(page, "action_create_interaction")
            fill_interaction_wizard(
                page, "Outgoing phone call", "Follow-up on the spring offer"
            )
            shoot(page, "create_interaction_wizard.png")

            page.set_viewport_size({"width": 1280, "height": 1040})
            open_path(
                page,
                server,
                "/odoo/action-crm_interaction_log.crm_interaction_template_action/"
                f"{template_id}",
            )
            page.wait_for_selector(".o_field_one2many[name=language_ids] .o_data_row")
            shoot(page, "template.png")
            page.set_viewport_size({"width": 1280, "height": 820})

            open_path(
                page,
                server,
                f"/odoo/action-crm_interaction_log.crm_segment_action/{segment_id}",
            )
            shoot(page, "segment.png")
            click_form_button(page, "action_view_lines")
            page.wait_for_selector(".o_list_view .o_data_row", timeout=60000)
            shoot(page, "segment_lines.png")

            open_path(
                page,
                server,
                "/odoo/action-crm_interaction_log.crm_interaction_log_entry_action",
                ".o_list_view .o_data_row",
            )
            shoot(page, "interaction_log_entries.png")

            open_path(
                page,
                server,
                "/odoo/action-crm_interaction_log."
                "crm_interaction_analysis_action?view_type=graph",
                ".o_graph_renderer canvas",
            )
            shoot(page, "interaction_analysis_graph.png")
            browser.close()
        if js_errors:
            sys.exit(f"JavaScript errors: {js_errors}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()

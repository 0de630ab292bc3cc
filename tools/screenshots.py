#!/usr/bin/env python3
"""Take the README's screenshots on the way of the end-to-end tests' first-hour
walks (tests/first_hour.py): a salesperson on a desktop and on a phone, a
marketer building a segment; and an interaction template of the demo data, as
its administrator sees it. Into docs/screenshots/.

The walks make users and records: they run on a copy of the demo database (make
run's) and its filestore, dropped afterwards.

    python tools/screenshots.py -c var/odoo.conf -d crm_interaction_demo
"""

import argparse
import os
import subprocess
import sys

from playwright.sync_api import sync_playwright

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from browser import logged_in_page, open_path  # noqa: E402
from conftest import ODOO, OdooServer, ref  # noqa: E402
from first_hour import marketer_walk, salesperson_walk, set_up  # noqa: E402

OUT = os.path.join(ROOT, "docs", "screenshots")
DESKTOP = {"viewport": {"width": 1400, "height": 900}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
}
HIDE_TOUR_TIPS = """
document.addEventListener("DOMContentLoaded", () => {
    const style = document.createElement("style");
    style.textContent = ".o_tooltip, .o_tour_pointer { display: none !important; }";
    document.head.appendChild(style);
});
"""


def shooter(page):
    def shoot(name):
        # the selectors are there; the web client's fade-ins and the graph's
        # drawing animation take a moment more
        page.wait_for_timeout(1500)
        path = os.path.join(OUT, name)
        page.screenshot(path=path)
        print(os.path.relpath(path, ROOT))

    return shoot


def walk(pw, server, js_errors, login, password, options, steps):
    browser, page = logged_in_page(
        pw, server, js_errors, login=login, password=password, **options
    )
    try:
        # the onboarding tours' tips are not the product
        page.add_init_script(HIDE_TOUR_TIPS)
        steps(page)
    finally:
        browser.close()


def odoo_db(config, *args):
    """Odoo's database manager (``odoo-bin db``): databases with their
    filestore."""
    subprocess.run(ODOO + ["db", "-c", config, *args], check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    config = os.path.abspath(args.config)
    os.makedirs(OUT, exist_ok=True)
    scratch = args.database + "_screenshots"
    # a copy of the database and its filestore (nobody may be connected to it)
    odoo_db(config, "duplicate", "--force", args.database, scratch)
    server = OdooServer(config, scratch, log_name="odoo-screenshots.log")
    server.start()
    js_errors = []
    try:
        admin = server.rpc()
        data = set_up(admin, server, config, suffix="")
        # the salesperson is the salesperson of the demo contacts that have
        # interactions: his entries and analysis show theirs
        partners = admin(
            "crm.interaction.log.entry",
            "read_group",
            [("partner_id", "!=", False)],
            ["partner_id"],
            ["partner_id"],
        )
        admin(
            "res.partner",
            "write",
            [group["partner_id"][0] for group in partners],
            {"user_id": data["salesperson_id"]},
        )
        salesperson = (data["salesperson_login"], data["salesperson_password"])
        with sync_playwright() as pw:
            walk(
                pw,
                server,
                js_errors,
                *salesperson,
                DESKTOP,
                lambda page: salesperson_walk(
                    page,
                    server,
                    dict(data, description="Follow-up on the spring offer"),
                    shooter(page),
                ),
            )
            walk(
                pw,
                server,
                js_errors,
                *salesperson,
                PHONE,
                lambda page: salesperson_walk(
                    page,
                    server,
                    dict(data, description="Called back from the road"),
                    shooter(page),
                    phone=True,
                ),
            )
            walk(
                pw,
                server,
                js_errors,
                data["marketer_login"],
                data["marketer_password"],
                DESKTOP,
                lambda page: marketer_walk(page, server, data, shooter(page)),
            )

            def template(page):
                template_id = ref(admin, "crm_interaction_log.template_newsletter")
                page.set_viewport_size({"width": 1400, "height": 1040})
                open_path(
                    page,
                    server,
                    "/odoo/action-crm_interaction_log.crm_interaction_template_action/"
                    f"{template_id}",
                )
                page.wait_for_selector(
                    ".o_field_one2many[name=language_ids] .o_data_row"
                )
                shooter(page)("template.png")

            walk(pw, server, js_errors, "admin", "admin", DESKTOP, template)

            def letters(page):
                # the demo letter, as its editor shows it
                template_id = ref(admin, "crm_interaction_log.template_fair_letter")
                page.set_viewport_size({"width": 1400, "height": 1040})
                open_path(
                    page,
                    server,
                    "/odoo/action-crm_interaction_log.crm_interaction_template_action/"
                    f"{template_id}",
                )
                lines = page.locator(".o_field_one2many[name=language_ids]")
                lines.locator("button[name=action_edit_letter]").first.click()
                page.wait_for_selector(".modal-dialog .o_field_html")
                shooter(page)("letter.png")
                # a hard-copy segment of the demo companies, logged: its letters
                segment = admin(
                    "crm.segment",
                    "create",
                    {
                        "description": "Autumn fair",
                        "template_id": template_id,
                        "correspondence_type": "hard_copy",
                        "ignore_contact_correspondence_type": True,
                    },
                )
                partners = admin(
                    "res.partner", "search", [("is_company", "=", True)], limit=8
                )
                adding = admin(
                    "crm.segment.add.wizard",
                    "create",
                    {"segment_id": segment, "partner_ids": [(6, 0, partners)]},
                )
                admin("crm.segment.add.wizard", "action_add", [adding])
                logging = admin(
                    "crm.segment.log.wizard", "create", {"segment_id": segment}
                )
                admin("crm.segment.log.wizard", "action_log", [logging])
                [logged] = admin(
                    "crm.segment", "read", [segment], ["logged_segment_id"]
                )
                open_path(
                    page,
                    server,
                    "/odoo/action-crm_interaction_log.crm_logged_segment_action/"
                    f"{logged['logged_segment_id'][0]}",
                )
                page.wait_for_selector("button[name=action_print_letters]")
                shooter(page)("logged_segment_letters.png")

            walk(pw, server, js_errors, "admin", "admin", DESKTOP, letters)
        if js_errors:
            sys.exit(f"JavaScript errors: {js_errors}")
    finally:
        server.stop()
        odoo_db(config, "drop", scratch)


if __name__ == "__main__":
    main()

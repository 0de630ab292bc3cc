"""An interaction manager (no sales rights) brings a NAV/BC history in through
the web client: the menu, the files uploaded, Check, the rows not imported,
Import; the entries read back over XML-RPC. No JavaScript error, no
traceback."""

import uuid

from browser import browser_page, open_path
from conftest import ARTIFACTS, make_template, make_user
from playwright.sync_api import expect, sync_playwright

MANAGER = ["crm_interaction_log.group_crm_interaction_manager"]


def test_a_manager_imports_a_history_in_the_web_client(odoo_server, tmp_path):
    admin = odoo_server.rpc()
    suffix = uuid.uuid4().hex[:6].upper()
    code = "WB" + suffix
    make_template(admin, code, f"NAV visit {suffix}")
    admin(
        "res.partner", "create", {"name": f"Nav Browser {suffix}", "ref": f"B{suffix}"}
    )
    _uid, login, password, rpc = make_user(admin, odoo_server, "importer", MANAGER)
    first = int(uuid.uuid4().int % 10**8) * 10
    export = tmp_path / "Interaktionslogg.csv"
    export.write_text(
        "Löpnummer;Kontaktnr;Datum;Beskrivning;Interaktionsmallkod;Kostnad (BVA)\n"
        f"{first};B{suffix};2017-11-02;Besök;{code};1 250,50\n"
        f"{first + 1};B-NOBODY;2017-11-03;Okänd;{code};0\n",
        encoding="utf-8",
    )
    mark = odoo_server.log_mark()
    js_errors = []
    with sync_playwright() as pw:
        with browser_page(
            pw, odoo_server, js_errors, login=login, password=password
        ) as page:
            # the menu of the interaction manager, under Sales > Interactions
            open_path(
                page,
                odoo_server,
                "/odoo/action-crm_interaction_log.crm_interaction_import_action",
                ".o_list_view, .o_view_nocontent",
            )
            page.locator(".o_control_panel button.o_list_button_add").click()
            page.wait_for_selector(".o_form_view .o_form_sheet", timeout=60000)
            page.locator(".o_field_widget[name=file] input[type=file]").set_input_files(
                str(export)
            )
            # uploaded: the field shows the file's name (as text or in its input)
            page.wait_for_function(
                """name => {
                    const f = document.querySelector(".o_field_widget[name=file]");
                    const input = f && f.querySelector("input:not([type=file])");
                    return f && (f.innerText.includes(name)
                        || (input && input.value.includes(name)));
                }""",
                arg=export.name,
                timeout=30000,
            )
            page.locator(".o_form_view button[name=action_check]").first.click()
            expect(page.locator(".o_field_widget[name=to_import_count]")).to_have_text(
                "1", timeout=60000
            )
            expect(
                page.locator(".o_form_view button[name=action_view_errors]")
            ).to_contain_text("1Not Imported")
            # the row not imported, and why
            page.locator(".o_form_view button[name=action_view_errors]").click()
            # grouped by the reason
            expect(page.locator(".o_list_view.o_action")).to_contain_text(
                "Unknown contact (1)", timeout=60000
            )
            page.go_back()
            page.wait_for_selector(
                ".o_form_view button[name=action_import]", timeout=60000
            )
            page.locator(".o_form_view button[name=action_import]").click()
            page.locator(".modal-footer button.btn-primary").click()
            expect(
                page.locator(".o_statusbar_status button.o_arrow_button_current")
            ).to_have_text("Done", timeout=60000)
            page.screenshot(path=f"{ARTIFACTS}/history_import.png")
    entries = rpc(
        "crm.interaction.log.entry",
        "search_read",
        [("imported_entry_no", "in", [first, first + 1])],
        ["imported_entry_no", "cost", "description", "channel"],
    )
    assert [
        (e["imported_entry_no"], e["cost"], e["description"], e["channel"])
        for e in entries
    ] == [(first, 1250.5, "Besök", "import")]
    assert js_errors == []
    assert odoo_server.server_errors(mark) == []

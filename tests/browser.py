"""Driving Odoo 18.0's web client with Playwright (Debian's Chromium, headless).

Every wait is on a selector: the web client keeps a websocket open, so the page
never reaches Playwright's ``networkidle``."""

import os
from contextlib import contextmanager

from conftest import ARTIFACTS, LOGIN, PASSWORD
from playwright.sync_api import expect

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def logged_in_page(
    pw, server, js_errors, login=LOGIN, password=PASSWORD, **page_options
):
    """A headless Chromium page logged in as ``login`` (admin by default);
    JavaScript errors (uncaught exceptions and console errors) go to
    ``js_errors``. Returns the browser and the page."""
    browser = pw.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    options = {"viewport": {"width": 1280, "height": 800}}
    options.update(page_options)
    page = browser.new_page(**options)
    page.on("pageerror", lambda exc: js_errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and js_errors.append(msg.text))
    page.goto(server.url + "/web/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_selector(".o_main_navbar", timeout=60000)
    return browser, page


@contextmanager
def browser_page(pw, server, js_errors, **options):
    """``logged_in_page``'s page, with a screenshot of it in ``ARTIFACTS``
    (``browser_failure.png``) when what runs on it fails; the browser closed
    afterwards."""
    browser, page = logged_in_page(pw, server, js_errors, **options)
    try:
        yield page
    except Exception:
        page.screenshot(path=os.path.join(ARTIFACTS, "browser_failure.png"))
        raise
    finally:
        browser.close()


def open_path(page, server, path, selector=".o_form_view"):
    """A full page load of a web client URL (``/odoo/contacts/7``,
    ``/odoo/action-module.xmlid``), then wait for ``selector``."""
    page.goto(server.url + path)
    page.wait_for_selector(selector, timeout=120000)


def click_form_button(page, name):
    """Click a button of the open form by its method: in the header, in the button
    box, or in the button box's "More" dropdown where the box has no room left."""
    # the header, the button box and the sheet are rendered together
    page.wait_for_selector(".o_form_view .o_form_sheet", timeout=60000)
    button = page.locator(f".o_form_view button[name={name}]")
    more = page.locator(".o_form_view .o-form-buttonbox .o_button_more")
    if button.count() and button.first.is_visible():
        button.first.click()
    else:
        assert more.count(), f"the form has no button {name}"
        more.first.click()
        page.locator(f".o_dropdown_more button[name={name}]").first.click(timeout=30000)


def choose_many2one(page, scope, field_name, text):
    """Type ``text`` into a many2one field and pick the matching suggestion;
    on a phone, where Odoo searches in a dialog of its own, pick it there."""
    field = scope.locator(f".o_field_widget[name={field_name}] input")
    if field.get_attribute("readonly") is not None:
        dialogs = page.locator(".modal-dialog")
        before = dialogs.count()
        field.click()
        search = dialogs.nth(before)
        # the search bar is folded behind its magnifier
        search.locator("button:has(.fa-search)").click(timeout=30000)
        search.locator(".o_searchview_input").fill(text)
        search.locator(".o_searchview_input").press("Enter")
        search.locator(".o_kanban_record, .o_data_row").filter(
            has_text=text
        ).first.click(timeout=30000)
        return
    field.fill(text)
    page.locator(".o-autocomplete--dropdown-item").filter(has_text=text).first.click(
        timeout=30000
    )


def fill_interaction_wizard(page, template_name, description):
    """In the open Create Interaction wizard: pick the template, then type the
    description once the template's onchange has filled it in (typing earlier
    races with the onchange's answer). Returns the dialog."""
    dialog = page.locator(".modal-dialog").last
    dialog.locator(".o_field_widget[name=template_id] input").wait_for(timeout=60000)
    choose_many2one(page, dialog, "template_id", template_name)
    field = dialog.locator(".o_field_widget[name=description] input")
    expect(field).to_have_value(template_name, timeout=30000)
    field.fill(description)
    return dialog


def finish_interaction_wizard(page, dialog):
    """Finish, then decline the opportunity the wizard offers."""
    dialog.locator("button[name=action_finish]").click()
    offer = page.locator(".modal-dialog button[name=action_create_opportunity]")
    offer.wait_for(timeout=30000)
    page.locator(".modal-dialog .modal-footer").get_by_role(
        "button", name="No", exact=True
    ).click()
    page.wait_for_selector(".modal-dialog", state="detached", timeout=30000)


def print_from_cog_menu(page, report_name):
    """Click ``report_name`` among the form's print reports (the gear menu): the
    gear shows the item itself when there is one report, a submenu when there are
    more."""
    page.locator(".o_control_panel .o_cp_action_menus button:has(.fa-cog)").click()
    menu = page.locator(".o-dropdown--menu").last
    item = page.locator(".o-dropdown--menu .o_menu_item").filter(has_text=report_name)
    submenu = menu.locator("button:has(.fa-print)")
    item.or_(submenu).first.wait_for(timeout=30000)
    if not item.first.is_visible():
        submenu.click()
    item.first.click(timeout=30000)

"""The web client works: log in, open a contact's form, no JavaScript error, no traceback."""
import os

from playwright.sync_api import sync_playwright

from conftest import ARTIFACTS, LOGIN, PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]


def logged_in_page(pw, odoo_server, js_errors, **page_options):
    """A headless Chromium page logged in as admin; JavaScript errors go to
    ``js_errors``. Returns the browser and the page."""
    browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    page = browser.new_page(**dict({"viewport": {"width": 1280, "height": 800}},
                                   **page_options))
    page.on("pageerror", lambda exc: js_errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and js_errors.append(msg.text))
    page.goto(odoo_server.url + "/web/login")
    page.fill("input[name=login]", LOGIN)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#oe_main_menu_navbar", timeout=60000)
    return browser, page


def open_form(page, odoo_server, model, record_id):
    """Open a record's form with a full page load: changing only the hash of
    /web right after the login races with the web client's default action,
    which may then replace the form."""
    page.goto("%s/web?form=%s-%d#id=%d&model=%s&view_type=form"
              % (odoo_server.url, model, record_id, record_id, model))
    page.wait_for_selector(".o_form_view", timeout=120000)


def test_login_and_open_contact_form(odoo_server):
    rpc = odoo_server.rpc()
    partner_id = rpc("res.partner", "create", {"name": "Browser Test Contact",
                                               "email": "browser@example.com"})
    mark = odoo_server.log_mark()
    js_errors = []
    with sync_playwright() as pw:
        browser, page = logged_in_page(pw, odoo_server, js_errors)
        open_form(page, odoo_server, "res.partner", partner_id)
        page.wait_for_selector(".o_form_view .o_field_widget[name=name]", timeout=60000)
        assert "Browser Test Contact" in page.inner_text(".o_form_view")
        # styles compiled (lessc): the navbar has its background, not an unstyled list
        navbar = "document.querySelector('#oe_main_menu_navbar')"
        assert page.evaluate(
            "getComputedStyle(%s).backgroundColor" % navbar) != "rgba(0, 0, 0, 0)"
        page.screenshot(path=os.path.join(ARTIFACTS, "contact_form.png"))
        browser.close()
    assert js_errors == []
    assert odoo_server.server_errors(mark) == []

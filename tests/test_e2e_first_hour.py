"""The first hour in the web client, as the least-privileged user of each role
(tests/first_hour.py): a salesperson on a desktop and on a phone, a marketer
building, undoing, reusing and logging a segment. Each walk fails where a step
does not work; afterwards the data is what the user made, and no page had a
JavaScript error."""

import pytest
from browser import browser_page
from first_hour import marketer_walk, salesperson_walk, set_up
from playwright.sync_api import sync_playwright

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def walk_data(odoo_server, odoo_config):
    return set_up(odoo_server.rpc(), odoo_server, odoo_config)


def entries_of(admin, data, description):
    return admin(
        "crm.interaction.log.entry",
        "search_read",
        [("partner_id", "=", data["partner_id"]), ("description", "=", description)],
        ["user_id", "template_id", "channel"],
    )


def walk_as(odoo_server, login, password, walk, **options):
    """``walk(page)`` in a browser logged in as ``login``; what it returns.
    No JavaScript error on any page, no error in the server's log."""
    mark = odoo_server.log_mark()
    js_errors = []
    with sync_playwright() as pw:
        with browser_page(
            pw, odoo_server, js_errors, login=login, password=password, **options
        ) as page:
            result = walk(page)
    assert js_errors == []
    assert odoo_server.server_errors(mark) == []
    return result


@pytest.mark.parametrize(
    "viewport,phone", [(DESKTOP, False), (PHONE, True)], ids=["desktop", "phone"]
)
def test_salesperson_first_hour(odoo_server, walk_data, viewport, phone):
    data = dict(walk_data, description=f"First call {'phone' if phone else 'desk'}")
    walk_as(
        odoo_server,
        data["salesperson_login"],
        data["salesperson_password"],
        lambda page: salesperson_walk(page, odoo_server, data, phone=phone),
        viewport=viewport,
        is_mobile=phone,
        has_touch=phone,
    )
    # the interaction he made: one entry, his, of the template, made by hand
    [entry] = entries_of(odoo_server.rpc(), data, data["description"])
    assert entry["user_id"][0] == data["salesperson_id"]
    assert entry["template_id"][0] == data["template_id"]
    assert entry["channel"] == "manual"


def test_marketer_first_hour(odoo_server, walk_data):
    segments = walk_as(
        odoo_server,
        walk_data["marketer_login"],
        walk_data["marketer_password"],
        lambda page: marketer_walk(page, odoo_server, walk_data),
        viewport=DESKTOP,
    )
    admin = odoo_server.rpc()
    # both segments hold last quarter's readers, the old reader on neither;
    # the second one, built from the saved criteria, is logged
    for segment_id in segments:
        lines = admin(
            "crm.segment.line",
            "search_read",
            [("segment_id", "=", segment_id)],
            ["partner_id"],
        )
        assert {line["partner_id"][0] for line in lines} == set(walk_data["readers"])
    [logged] = admin(
        "crm.segment", "read", [segments[-1]], ["state", "logged_segment_id"]
    )
    assert logged["state"] == "logged"
    entries = admin(
        "crm.interaction.log.entry",
        "search_read",
        [("logged_segment_id", "=", logged["logged_segment_id"][0])],
        ["partner_id", "template_id"],
    )
    assert {e["partner_id"][0] for e in entries} == set(walk_data["readers"])
    assert {e["template_id"][0] for e in entries} == {walk_data["template_id"]}

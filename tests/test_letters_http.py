"""Letters through the real server: a marketer logs a hard-copy segment of 50
contacts over XML-RPC and downloads its letters over HTTP as one PDF, whose
page of each contact pdftotext reads; each entry's own letter is his to
download. Another salesperson who sees his own documents only, a portal
user and an anonymous client get none of them."""

import subprocess
import tempfile
import urllib.error
import urllib.request
import uuid

import pytest
from conftest import make_template
from test_audit_trail import audit_user

LETTER = (
    '<p>Dear <t t-out="object.partner_id.name"/>,</p>'
    '<p>About: <t t-out="object.description"/>.</p>'
)
SALESPERSON = ["sales_team.group_sale_salesman"]


@pytest.fixture(scope="module")
def admin(odoo_server):
    return odoo_server.rpc()


@pytest.fixture(scope="module")
def world(admin, odoo_server):
    suffix = uuid.uuid4().hex[:6].upper()
    users = {
        role: audit_user(admin, odoo_server, f"letters.{role}.{suffix}", groups)
        for role, groups in (
            ("marketer", SALESPERSON),
            ("other", SALESPERSON),
            ("portal", ["base.group_portal"]),
        )
    }
    template = make_template(
        admin, "L" + suffix, f"Fair letter {suffix}", correspondence_type="hard_copy"
    )
    admin(
        "crm.interaction.template.language",
        "create",
        {"template_id": template, "lang": "en_US", "letter_body": LETTER},
    )
    contacts = admin(
        "res.partner",
        "create",
        [
            {
                "name": f"Letter {suffix} {n:02d}",
                "lang": "en_US",
                "interaction_correspondence_type": "hard_copy",
            }
            for n in range(50)
        ],
    )
    return {"users": users, "template": template, "contacts": contacts}


def download(opener, url):
    """The body of ``url``, or None when the server refuses it."""
    try:
        with opener.open(url, timeout=180) as response:
            body = response.read()
            kind = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError:
        return None
    return body if kind == "application/pdf" else None


def pages(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        text = subprocess.check_output(["pdftotext", file.name, "-"], text=True)
    # pdftotext ends each page with a form feed
    return text.split("\f")[:-1]


def test_marketer_prints_the_letters_of_a_hard_copy_segment(world, odoo_server):
    marketer = world["users"]["marketer"]
    rpc = marketer["rpc"]
    segment = rpc(
        "crm.segment",
        "create",
        {"description": "Autumn fair", "template_id": world["template"]},
    )
    adding = rpc(
        "crm.segment.add.wizard",
        "create",
        {"segment_id": segment, "partner_ids": [(6, 0, world["contacts"])]},
    )
    rpc("crm.segment.add.wizard", "action_add", [adding])
    logging = rpc("crm.segment.log.wizard", "create", {"segment_id": segment})
    rpc("crm.segment.log.wizard", "action_log", [logging])
    [logged] = rpc("crm.segment", "read", [segment], ["logged_segment_id"])
    logged_id = logged["logged_segment_id"][0]
    [state] = rpc(
        "crm.logged.segment",
        "read",
        [logged_id],
        ["letters_state", "letter_count", "letter_progress"],
    )
    assert (state["letters_state"], state["letter_count"]) == ("done", 50)
    action = rpc("crm.logged.segment", "action_print_letters", [logged_id])
    url = odoo_server.url + action["url"]
    pdf = download(
        odoo_server.http_session(marketer["login"], marketer["password"]), url
    )
    assert pdf and pdf.startswith(b"%PDF")
    names = [
        contact["name"]
        for contact in rpc("res.partner", "read", world["contacts"], ["name"])
    ]
    texts = pages(pdf)
    assert len(texts) == 50
    for text, name in zip(texts, names, strict=True):
        assert f"Dear {name}," in text
        assert "About: Autumn fair." in text
    # each entry keeps its own letter, which is the marketer's to download
    entries = rpc(
        "crm.interaction.log.entry",
        "search_read",
        [("logged_segment_id", "=", logged_id)],
        ["attachment_id", "partner_id"],
        order="id",
    )
    first = entries[0]
    letter_url = f"{odoo_server.url}/web/content/{first['attachment_id'][0]}"
    opener = odoo_server.http_session(marketer["login"], marketer["password"])
    [own_page] = pages(download(opener, letter_url))
    assert f"Dear {first['partner_id'][1]}," in own_page
    # nobody else gets them
    other = world["users"]["other"]
    other_opener = odoo_server.http_session(other["login"], other["password"])
    portal = world["users"]["portal"]
    portal_opener = odoo_server.http_session(portal["login"], portal["password"])
    anonymous = urllib.request.build_opener()
    for opener in (other_opener, portal_opener, anonymous):
        assert download(opener, url) is None
        assert download(opener, letter_url) is None
    assert odoo_server.server_errors() == []

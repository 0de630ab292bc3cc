"""The history of NAV/BC, imported through the real server over XML-RPC by an
interaction manager, and refused to everyone else who could try: an
anonymous client, a portal user, an employee without rights, a salesperson
who sees his own documents, a manager of another company. The rows are read
afterwards in SQL, on a connection of their own."""

import base64
import json
import urllib.request
import uuid

import pytest
from conftest import make_template
from test_audit_trail import audit_user, clearly_refused, sql

IMPORT = "crm.interaction.import"
SALESPERSON = ["sales_team.group_sale_salesman"]
MANAGER = ["crm_interaction_log.group_crm_interaction_manager"]

__all__ = ["sql"]  # the fixture


@pytest.fixture(scope="module")
def admin(odoo_server):
    return odoo_server.rpc()


@pytest.fixture(scope="module")
def world(admin, odoo_server):
    suffix = uuid.uuid4().hex[:6].upper()
    company_b = admin("res.company", "create", {"name": f"Import B {suffix}"})
    users = {
        role: audit_user(admin, odoo_server, f"import.{role}.{suffix}", groups)
        for role, groups in (
            ("portal", ["base.group_portal"]),
            ("employee", ["base.group_user"]),
            ("sales", SALESPERSON),
            ("manager", MANAGER),
        )
    }
    users["manager_b"] = audit_user(admin, odoo_server, f"import.b.{suffix}", MANAGER)
    admin(
        "res.users",
        "write",
        [users["manager_b"]["id"]],
        {"company_ids": [(6, 0, [company_b])], "company_id": company_b},
    )
    code = "NV" + suffix
    template = make_template(admin, code, f"NAV call {suffix}")
    contact = admin(
        "res.partner", "create", {"name": "Nav Contact", "ref": f"K{suffix}"}
    )
    first_no = int(uuid.uuid4().int % 10**8) * 10
    rows = [
        ["Löpnummer", "Kontaktnr", "Datum", "Beskrivning", "Interaktionsmallkod"],
        *(
            [first_no + n, f"K{suffix}", "2018-05-0" + str(n + 1), f"Samtal {n}", code]
            for n in range(3)
        ),
        [first_no + 9, "K-NOBODY", "2018-05-09", "Okänd", code],
    ]
    csv = "\n".join(";".join(str(cell) for cell in row) for row in rows)
    return {
        "users": users,
        "template": template,
        "contact": contact,
        "first_no": first_no,
        "file": base64.b64encode(csv.encode()).decode(),
    }


def imported(sql, world):
    return sql(
        """SELECT imported_entry_no, partner_id, template_id, channel, description
             FROM crm_interaction_log_entry
            WHERE imported_entry_no BETWEEN %s AND %s ORDER BY imported_entry_no""",
        world["first_no"],
        world["first_no"] + 9,
    )


def new_import(rpc, world):
    return rpc(
        IMPORT,
        "create",
        {"file": world["file"], "file_name": "entries.csv", "tz": "Europe/Stockholm"},
    )


def test_the_manager_checks_then_imports(world, sql):
    rpc = world["users"]["manager"]["rpc"]
    job = new_import(rpc, world)
    rpc(IMPORT, "action_check", [job])
    [checked] = rpc(
        IMPORT, "read", [job], ["state", "to_import_count", "error_count", "language"]
    )
    assert (checked["state"], checked["language"]) == ("checked", "sv")
    assert (checked["to_import_count"], checked["error_count"]) == (3, 1)
    # the dry run wrote nothing to the log
    assert imported(sql, world) == []
    rpc(IMPORT, "action_import", [job])
    first = world["first_no"]
    assert imported(sql, world) == [
        (first + n, world["contact"], world["template"], "import", f"Samtal {n}")
        for n in range(3)
    ]
    # the same file again imports nothing twice
    again = new_import(rpc, world)
    rpc(IMPORT, "action_check", [again])
    assert rpc(IMPORT, "read", [again], ["to_import_count"])[0]["to_import_count"] == 0
    rpc(IMPORT, "action_import", [again])
    assert len(imported(sql, world)) == 3


@pytest.mark.parametrize("role", ["portal", "employee", "sales", "manager_b"])
def test_everyone_else_is_refused(world, sql, admin, role):
    """Nobody but an interaction manager of the company creates, reads,
    checks or runs an import, or reads its rows and mapping."""
    job = new_import(world["users"]["manager"]["rpc"], world)
    rpc = world["users"][role]["rpc"]
    tables = sql(
        "SELECT (SELECT count(*) FROM crm_interaction_import),"
        " (SELECT count(*) FROM crm_interaction_log_entry)"
    )
    values = {"file": world["file"], "file_name": "x.csv"}
    if role == "manager_b":
        # his own company's imports are his: not those of another company
        own = rpc(IMPORT, "create", values)
        assert rpc(IMPORT, "search", []) == [own]
        admin(IMPORT, "unlink", [own])
    else:
        clearly_refused(rpc, IMPORT, "create", values)
    clearly_refused(rpc, IMPORT, "read", [job], ["file", "name"])
    clearly_refused(rpc, IMPORT, "action_check", [job])
    clearly_refused(rpc, IMPORT, "action_import", [job])
    clearly_refused(rpc, IMPORT, "write", [job], {"tz": "UTC"})
    for model in ("crm.interaction.import.row", "crm.interaction.import.mapping"):
        if role == "manager_b":
            assert rpc(model, "search", [("import_id", "=", job)]) == []
        else:
            clearly_refused(rpc, model, "search_read", [], ["import_id"])
    assert (
        sql(
            "SELECT (SELECT count(*) FROM crm_interaction_import),"
            " (SELECT count(*) FROM crm_interaction_log_entry)"
        )
        == tables
    )
    assert sql("SELECT state FROM crm_interaction_import WHERE id = %s", job) == [
        ("draft",)
    ]
    admin(IMPORT, "unlink", [job])


def test_anonymous_is_refused(world, sql, odoo_server):
    body = json.dumps(
        {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": IMPORT,
                "method": "create",
                "args": [{"file": world["file"], "file_name": "x.csv"}],
                "kwargs": {},
            },
        }
    ).encode()
    count = sql("SELECT count(*) FROM crm_interaction_import")
    request = urllib.request.Request(
        f"{odoo_server.url}/web/dataset/call_kw/{IMPORT}/create",
        body,
        {"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.loads(response.read().decode())
    assert answer["error"]["data"]["name"] == "odoo.http.SessionExpiredException"
    assert sql("SELECT count(*) FROM crm_interaction_import") == count

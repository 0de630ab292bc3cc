"""A person can be forgotten, through the real server: an administrator
finds a contact's interaction log entries with Privacy Lookup and deletes or
anonymizes them over XML-RPC, then deletes the contact; every other kind of
user is refused each step. The rows are read afterwards in SQL, on a
connection of their own."""

import uuid

import pytest
from conftest import make_template, ref
from test_audit_trail import audit_user, clearly_refused, sql

ENTRY = "crm.interaction.log.entry"
WIZARD = "privacy.lookup.wizard"
LINE = "privacy.lookup.wizard.line"

__all__ = ["sql"]  # the fixture, shared with the audit trail's tests


@pytest.fixture(scope="module")
def admin(odoo_server):
    return odoo_server.rpc()


@pytest.fixture
def world(admin, odoo_server):
    """A contact with two logged entries, written by a salesperson, and every
    kind of user who might try to erase them; each test has its own, as it
    deletes them."""
    suffix = uuid.uuid4().hex[:6]
    users = {
        role: audit_user(admin, odoo_server, f"privacy.{role}.{suffix}", groups)
        for role, groups in {
            "portal": ["base.group_portal"],
            "employee": ["base.group_user"],
            "sales": ["sales_team.group_sale_salesman"],
            "manager": ["crm_interaction_log.group_crm_interaction_manager"],
        }.items()
    }
    template = make_template(admin, "PV" + suffix.upper(), "Privacy call")
    email = f"pia.{suffix}@example.com"
    partner = admin(
        "res.partner",
        "create",
        {
            "name": f"Pia Private {suffix}",
            "email": email,
            "user_id": users["sales"]["id"],
        },
    )
    entries = [
        users["sales"]["rpc"](
            ENTRY,
            "create",
            {"partner_id": partner, "template_id": template, "description": text},
        )
        for text in ("Called Pia about her order", "Pia asked for a discount")
    ]
    return {
        "users": users,
        "partner": partner,
        "email": email,
        "name": f"Pia Private {suffix}",
        "entries": entries,
    }


def entry_rows(sql, entries):
    return sql(
        "SELECT id, partner_id, contact_via, description FROM crm_interaction_log_entry"
        " WHERE id = ANY(%s) ORDER BY id",
        entries,
    )


def test_nobody_but_an_administrator_forgets_a_person(world, sql):
    before = entry_rows(sql, world["entries"])
    for role, user in world["users"].items():
        rpc = user["rpc"]
        assert clearly_refused(
            rpc, WIZARD, "create", {"name": world["name"], "email": world["email"]}
        ), role
        assert clearly_refused(rpc, ENTRY, "unlink", world["entries"]), role
        assert clearly_refused(rpc, "res.partner", "unlink", [world["partner"]]), role
        assert clearly_refused(rpc, ENTRY, "_privacy_anonymize", world["entries"]), role
    assert entry_rows(sql, world["entries"]) == before
    assert sql("SELECT id FROM res_partner WHERE id = %s", world["partner"])


def test_an_administrator_forgets_a_person(world, admin, sql):
    wizard = admin(WIZARD, "create", {"name": world["name"], "email": world["email"]})
    admin(WIZARD, "action_lookup", [wizard])
    lines = admin(
        LINE,
        "search_read",
        [("wizard_id", "=", wizard), ("res_model", "=", ENTRY)],
        ["res_id"],
    )
    line_of = {line["res_id"]: line["id"] for line in lines}
    assert set(line_of) == set(world["entries"])
    kept, erased = world["entries"]
    # the other kinds of users may not act on the administrator's lines
    manager = world["users"]["manager"]["rpc"]
    assert clearly_refused(
        manager, LINE, "action_anonymize_interaction", [line_of[kept]]
    )
    admin(LINE, "action_anonymize_interaction", [line_of[kept]])
    admin(LINE, "action_unlink", [line_of[erased]])
    anonymous = ref(admin, "crm_interaction_log.partner_anonymized")
    assert entry_rows(sql, world["entries"]) == [(kept, anonymous, None, "Anonymized")]
    # no entry names the person any more
    assert sql(
        "SELECT count(*) FROM crm_interaction_log_entry WHERE partner_id = %s",
        world["partner"],
    ) == [(0,)]
    admin("res.partner", "unlink", [world["partner"]])
    assert not sql("SELECT id FROM res_partner WHERE id = %s", world["partner"])

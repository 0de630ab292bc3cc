"""The log can be trusted, second round: what a user sends is checked after it
is written, and what the log copies is read as the user.

Each attack goes through the real server over XML-RPC, as every kind of user
who could try it; the rows are read afterwards in SQL, on a connection of
their own."""

import uuid
import xmlrpc.client
from datetime import date

import pytest
from conftest import main_company_id, make_template, odoo_script, setup_line
from test_audit_trail import ACCESS_ERROR, WARNING, audit_user, clearly_refused, sql

ENTRY = "crm.interaction.log.entry"
COMMENT = "crm.interaction.log.comment"
WIZARD = "crm.interaction.create.wizard"
GATEWAY = "crm_interaction_log.group_crm_interaction_mail_gateway"
SALESPERSON = ["sales_team.group_sale_salesman"]

# An e-mail as a mail server hands it to Odoo's mail gateway, dated 2001.
RAW_EMAIL = """From: {sender} <{email}>
To: sales@trust.example.com
Subject: {subject}
Date: Tue, 06 Mar 2001 09:15:00 +0000
Message-ID: <{message_id}@trust.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Please call me back about the chairs.
"""

__all__ = ["sql"]  # the fixture, shared with the first round


@pytest.fixture(scope="module")
def admin(odoo_server):
    return odoo_server.rpc()


@pytest.fixture(scope="module")
def world(admin, odoo_server, odoo_config):
    """Company A (the main one) records e-mails with a template of its own;
    company B has a salesperson, a contact, an entry and an opportunity;
    salespeople of A see their own documents only."""
    suffix = uuid.uuid4().hex[:6]
    company_a = main_company_id(admin)
    company_b = admin("res.company", "create", {"name": f"Trust B {suffix}"})
    users = {
        "sales": audit_user(admin, odoo_server, f"trust.sales.{suffix}", SALESPERSON),
        "other": audit_user(admin, odoo_server, f"trust.other.{suffix}", SALESPERSON),
        "employee": audit_user(
            admin, odoo_server, f"trust.employee.{suffix}", ["base.group_user"]
        ),
        "portal": audit_user(
            admin, odoo_server, f"trust.portal.{suffix}", ["base.group_portal"]
        ),
        "manager": audit_user(
            admin,
            odoo_server,
            f"trust.manager.{suffix}",
            ["crm_interaction_log.group_crm_interaction_manager"],
        ),
        "gateway": audit_user(
            admin, odoo_server, f"trust.gateway.{suffix}", ["base.group_user", GATEWAY]
        ),
    }
    email_template = make_template(
        admin, "TR" + suffix.upper(), "Trust e-mail", correspondence_type="email"
    )
    call_template = make_template(
        admin, "TC" + suffix.upper(), "Trust call", correspondence_type="hard_copy"
    )
    email_line = setup_line(admin, company_a, "email")
    [before] = admin(
        "crm.interaction.document.template", "read", [email_line], ["template_id"]
    )
    admin(
        "crm.interaction.document.template",
        "write",
        [email_line],
        {"template_id": email_template},
    )
    sales_id = users["sales"]["id"]
    admin("res.users", "write", [sales_id], {"email": f"sales.{suffix}@example.com"})
    customer = admin(
        "res.partner",
        "create",
        {
            "name": f"Trust customer {suffix}",
            "email": f"customer.{suffix}@example.com",
            "user_id": sales_id,
        },
    )
    contact_b = admin(
        "res.partner",
        "create",
        {
            "name": f"Trust contact of B {suffix}",
            "email": f"secret.{suffix}@b.example.com",
            "lang": "en_US",
            "company_id": company_b,
        },
    )
    odoo_script(
        odoo_config,
        odoo_server.db,
        f"""
user_b = env["res.users"].create({{
    "name": "Trust B salesperson {suffix}", "login": "trust.b.{suffix}",
    "company_id": {company_b}, "company_ids": [(6, 0, [{company_b}])],
    "groups_id": [(6, 0, [env.ref("sales_team.group_sale_salesman").id])],
}})
group_b = env["crm.interaction.group"].create(
    {{"code": "TB{suffix.upper()}", "name": "Trust B", "company_id": {company_b}}})
template_b = env["crm.interaction.template"].create({{
    "code": "TB{suffix.upper()}", "name": "Trust B call", "group_id": group_b.id,
    "company_id": {company_b},
}})
Entry = env["crm.interaction.log.entry"]
Entry.create({{
    "partner_id": {contact_b}, "template_id": template_b.id, "user_id": user_b.id,
    "company_id": {company_b}, "description": "Trust entry of B {suffix}",
}})
env["crm.lead"].create({{
    "name": "Trust lead of B {suffix}", "company_id": {company_b},
    "user_id": user_b.id, "type": "opportunity",
}})
# an entry of company A, on its salesperson, with the contact of B: what a
# recipient of B gave before its e-mails were read as the user
Entry.create({{
    "partner_id": {contact_b}, "template_id": {call_template}, "user_id": {sales_id},
    "company_id": {company_a}, "description": "Trust entry on B's contact {suffix}",
}})
""",
    )

    def one(model, name_field, value):
        [record_id] = admin(model, "search", [(name_field, "=", value)])
        return record_id

    other_rpc = users["other"]["rpc"]
    other_customer = admin(
        "res.partner",
        "create",
        {"name": f"Trust other customer {suffix}", "user_id": users["other"]["id"]},
    )
    world = {
        "suffix": suffix,
        "users": users,
        "company_a": company_a,
        "company_b": company_b,
        "email_template": email_template,
        "call_template": call_template,
        "customer": customer,
        "contact_b": contact_b,
        "entry_b": one(ENTRY, "description", f"Trust entry of B {suffix}"),
        "entry_on_b": one(ENTRY, "description", f"Trust entry on B's contact {suffix}"),
        "lead_b": one("crm.lead", "name", f"Trust lead of B {suffix}"),
        "lead_other": other_rpc(
            "crm.lead",
            "create",
            {"name": f"Trust lead of other {suffix}", "type": "opportunity"},
        ),
        "entry_other": other_rpc(
            ENTRY,
            "create",
            {
                "partner_id": other_customer,
                "template_id": call_template,
                "description": "Other's call",
            },
        ),
        "entry_own": users["sales"]["rpc"](
            ENTRY,
            "create",
            {
                "partner_id": customer,
                "template_id": call_template,
                "description": "Own call",
            },
        ),
    }
    yield world
    admin(
        "crm.interaction.document.template",
        "write",
        [email_line],
        {"template_id": before["template_id"] and before["template_id"][0]},
    )


def raw_email(world, subject):
    return RAW_EMAIL.format(
        sender="Trust customer",
        email=f"customer.{world['suffix']}@example.com",
        subject=subject,
        message_id=uuid.uuid4().hex,
    )


def inbound_entries(sql, world, subject):
    return sql(
        """SELECT e.date, e.partner_id, e.information_flow, e.initiated_by
             FROM crm_interaction_log_entry e
             JOIN mail_message m ON m.id = e.mail_message_id
            WHERE e.partner_id = %s AND m.subject = %s""",
        world["customer"],
        subject,
    )


# --- 1. forged inbound e-mails -----------------------------------------------------
@pytest.mark.parametrize("role", ["portal", "employee", "sales", "manager"])
def test_message_process_called_by_a_user_records_nothing(world, sql, role):
    """The call Odoo's mailgate script makes, made by a user with a message he
    wrote: Odoo may post it, but it is no interaction received from the
    contact."""
    subject = f"Forged by {role} {uuid.uuid4().hex[:6]}"
    call = world["users"][role]["rpc"]
    try:
        call(
            "mail.thread",
            "message_process",
            "res.partner",
            xmlrpc.client.Binary(raw_email(world, subject).encode()),
            thread_id=world["customer"],
        )
    except xmlrpc.client.Fault as fault:
        assert fault.faultCode in (WARNING, ACCESS_ERROR), fault.faultString[-2000:]
    assert inbound_entries(sql, world, subject) == []


def test_the_mail_gateway_records_the_same_message(
    world, sql, odoo_server, odoo_config
):
    """The same raw message, handed over by the mailgate script's user (the
    call the script makes) and by the incoming mail servers' job (which runs
    as the superuser): an inbound interaction initiated by the contact, at the
    time of the message."""
    subject = f"Through the gateway {uuid.uuid4().hex[:6]}"
    world["users"]["gateway"]["rpc"](
        "mail.thread",
        "message_process",
        "res.partner",
        xmlrpc.client.Binary(raw_email(world, subject).encode()),
        thread_id=world["customer"],
    )
    job_subject = f"Through the mail server job {uuid.uuid4().hex[:6]}"
    odoo_script(
        odoo_config,
        odoo_server.db,
        f"""
env["mail.thread"].with_context(fetchmail_cron_running=True).message_process(
    "res.partner", {raw_email(world, job_subject)!r}, thread_id={world["customer"]})
""",
    )
    for received in (subject, job_subject):
        rows = inbound_entries(sql, world, received)
        assert len(rows) == 1, received
        moment, partner, flow, initiated_by = rows[0]
        assert (moment.isoformat(), partner, flow, initiated_by) == (
            "2001-03-06T09:15:00",
            world["customer"],
            "inbound",
            "them",
        )


# --- 2. comments and entries moved --------------------------------------------------
def comment_row(sql, comment_id):
    return sql(
        "SELECT entry_id, user_id, date, comment FROM crm_interaction_log_comment "
        "WHERE id = %s",
        comment_id,
    )[0]


def test_a_comment_stays_on_its_entry_by_its_writer(world, sql):
    sales = world["users"]["sales"]
    call = sales["rpc"]
    comment_id = call(
        COMMENT, "create", {"entry_id": world["entry_own"], "comment": "Call back"}
    )
    written = (world["entry_own"], sales["id"], date.today(), "Call back")
    assert comment_row(sql, comment_id) == written
    for target in ("entry_other", "entry_b"):
        clearly_refused(
            call, COMMENT, "write", [comment_id], {"entry_id": world[target]}
        )
    for values in ({"user_id": world["users"]["other"]["id"]}, {"date": "2001-01-01"}):
        clearly_refused(call, COMMENT, "write", [comment_id], values)
        clearly_refused(
            call,
            COMMENT,
            "create",
            dict(values, entry_id=world["entry_own"], comment="Backdated"),
        )
    # on another salesperson's entry, or one of company B: refused
    for target in ("entry_other", "entry_b"):
        clearly_refused(
            call, COMMENT, "create", {"entry_id": world[target], "comment": "Mine"}
        )
    assert comment_row(sql, comment_id) == written
    assert sql(
        "SELECT count(*) FROM crm_interaction_log_comment WHERE entry_id IN %s "
        "AND comment IN ('Backdated', 'Mine')",
        (world["entry_own"], world["entry_other"], world["entry_b"]),
    ) == [(0,)]


def test_records_are_not_moved_into_another_company(world, sql):
    """A postponed entry and a segment of company A stay in A: the salesperson
    is not in B; nor does the manager of A move a group or a template to B."""
    call = world["users"]["sales"]["rpc"]
    manager = world["users"]["manager"]["rpc"]
    description = f"Postponed call {uuid.uuid4().hex[:6]}"
    wizard = call(
        WIZARD,
        "create",
        {
            "partner_id": world["customer"],
            "template_id": world["call_template"],
            "description": description,
        },
    )
    call(WIZARD, "action_finish_later", [wizard])
    [postponed] = call(ENTRY, "search", [("description", "=", description)])
    segment = call("crm.segment", "create", {"description": description})
    code = "TM" + uuid.uuid4().hex[:6].upper()
    group = manager(
        "crm.interaction.group",
        "create",
        {"code": code, "name": "Moved", "company_id": world["company_a"]},
    )
    template = manager(
        "crm.interaction.template",
        "create",
        {
            "code": code,
            "name": "Moved",
            "group_id": group,
            "company_id": world["company_a"],
        },
    )
    for rpc, model, record in (
        (call, ENTRY, postponed),
        (call, "crm.segment", segment),
        (manager, "crm.interaction.group", group),
        (manager, "crm.interaction.template", template),
    ):
        clearly_refused(
            rpc, model, "write", [record], {"company_id": world["company_b"]}
        )
        table = model.replace(".", "_")
        assert sql(f"SELECT company_id FROM {table} WHERE id = %s", record) == [  # noqa: S608
            (world["company_a"],)
        ]


# --- 3. another company's contact through an e-mail ---------------------------------
def test_an_email_to_a_contact_one_may_not_read_records_nothing_of_him(world, sql):
    call = world["users"]["sales"]["rpc"]
    subject = f"Offer {uuid.uuid4().hex[:6]}"
    call(
        "res.partner",
        "message_post",
        [world["customer"]],
        body="Our offer",
        subject=subject,
        message_type="comment",
        subtype_xmlid="mail.mt_comment",
        partner_ids=[world["customer"], world["contact_b"]],
    )
    rows = sql(
        "SELECT partner_id, contact_via FROM crm_interaction_log_entry "
        "WHERE description LIKE %s",
        f"%{subject}",
    )
    assert rows == [(world["customer"], f"customer.{world['suffix']}@example.com")]
    assert sql(
        "SELECT count(*) FROM crm_interaction_log_entry WHERE contact_via = %s",
        f"secret.{world['suffix']}@b.example.com",
    ) == [(0,)]


def test_no_task_on_a_contact_one_may_not_read(world, sql):
    call = world["users"]["sales"]["rpc"]
    clearly_refused(call, ENTRY, "action_create_task", [world["entry_on_b"]])
    assert sql(
        "SELECT count(*) FROM mail_activity WHERE res_model = 'res.partner' "
        "AND res_id = %s",
        world["contact_b"],
    ) == [(0,)]


# --- 5. links to records one may not read -------------------------------------------
@pytest.mark.parametrize("lead", ["lead_other", "lead_b"])
def test_an_entry_links_only_opportunities_one_may_read(world, sql, lead):
    call = world["users"]["sales"]["rpc"]
    values = {
        "partner_id": world["customer"],
        "template_id": world["call_template"],
        "description": f"Linked to {lead}",
        "lead_id": world[lead],
    }
    clearly_refused(call, ENTRY, "create", values)
    wizard = call(WIZARD, "create", dict(values, lead_id=False))
    clearly_refused(call, WIZARD, "write", [wizard], {"lead_id": world[lead]})
    clearly_refused(
        call, ENTRY, "write", [world["entry_own"]], {"lead_id": world[lead]}
    )
    assert sql(
        "SELECT count(*) FROM crm_interaction_log_entry WHERE lead_id = %s",
        world[lead],
    ) == [(0,)]


# --- a wizard is its user's ----------------------------------------------------------
def test_nobody_reads_or_runs_another_users_wizard(world, sql):
    """The other salesperson's Create Interaction shows his contact and
    template; neither reading it nor its buttons are anyone else's."""
    other = world["users"]["other"]["rpc"]
    wizard = other(
        WIZARD,
        "create",
        {
            "partner_id": world["customer"],
            "template_id": world["call_template"],
            "description": "Not yours",
        },
    )
    for role in ("sales", "manager"):
        call = world["users"][role]["rpc"]
        clearly_refused(call, WIZARD, "read", [wizard], ["partner_id"])
        clearly_refused(call, WIZARD, "action_finish", [wizard])
        clearly_refused(call, WIZARD, "write", [wizard], {"description": "Mine"})
    assert sql(
        "SELECT description, entry_id FROM crm_interaction_create_wizard WHERE id = %s",
        wizard,
    ) == [("Not yours", None)]

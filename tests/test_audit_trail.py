"""The log can be trusted: what an entry records about what happened cannot be
forged, deleted or skipped by the users who would gain from it.

Each attack is made through the real server (XML-RPC or plain HTTP) as the
least-privileged user who would try it -- a salesperson who sees his own
documents only -- and the database is read afterwards (in SQL, or as the
administrator) to show that nothing changed."""

import base64
import configparser
import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xmlrpc.client

import psycopg2
import pytest
from conftest import (
    main_company_id,
    make_template,
    make_user,
    odoo_script,
    posted_invoice,
    ref,
    set_up_invoice_template,
)

# Odoo 18 answers an AccessError with fault code 4 and a UserError (ValidationError
# and MissingError included) with code 2; anything else is an application error.
WARNING, ACCESS_ERROR = 2, 4
ENTRY = "crm.interaction.log.entry"
ANALYSIS = "crm.interaction.analysis"
PDF = b"%PDF-1.4\n% a customer invoice\n%%EOF\n"


# --- database ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sql(odoo_config, odoo_server):
    """``sql(query, *params)``: the rows, read on a connection of its own (what
    the server committed, not what any client believes)."""
    config = configparser.ConfigParser()
    config.read(odoo_config)
    options = config["options"]
    connection = psycopg2.connect(
        dbname=odoo_server.db,
        host=options.get("db_host") or None,
        port=options.get("db_port") or None,
        user=options.get("db_user") or None,
        password=options.get("db_password") or None,
    )
    connection.autocommit = True

    def run(query, *params):
        with connection.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall()

    yield run
    connection.close()


def entry_row(sql, entry_id):
    """Every column of an entry, as stored; None when there is no such row."""
    rows = sql(
        "SELECT row_to_json(e)::text FROM crm_interaction_log_entry e WHERE e.id = %s",
        entry_id,
    )
    return json.loads(rows[0][0]) if rows else None


def entry_table(sql):
    """How many entries there are and the highest id: a created row changes both."""
    return sql("SELECT count(*), max(id) FROM crm_interaction_log_entry")[0]


def attachment_exists(sql, attachment_id):
    return bool(sql("SELECT 1 FROM ir_attachment WHERE id = %s", attachment_id))


def refused(call, *args, codes=(ACCESS_ERROR,), **kwargs):
    """``call(*args, **kwargs)`` fails with one of the fault ``codes``."""
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call(*args, **kwargs)
    assert caught.value.faultCode in codes, caught.value.faultString[-2000:]
    return caught.value


def clearly_refused(call, *args, **kwargs):
    """Refused with a warning or an access error, never an application error."""
    return refused(call, *args, codes=(WARNING, ACCESS_ERROR), **kwargs)


# --- users and data ------------------------------------------------------------------
@pytest.fixture(scope="module")
def admin(odoo_server):
    return odoo_server.rpc()


def audit_user(admin, server, role, xmlids):
    user_id, login, password, client = make_user(admin, server, f"audit.{role}", xmlids)
    return {"id": user_id, "login": login, "password": password, "rpc": client}


# a salesperson "own documents only" who may read invoices (to print them)
SALESPERSON = ["sales_team.group_sale_salesman", "account.group_account_invoice"]


@pytest.fixture(scope="module")
def world(admin, odoo_server):
    """Two salespeople (own documents only), a sales manager, a template, contacts,
    and what a forged value could point to: a segment, a logged segment, a message."""
    suffix = uuid.uuid4().hex[:6]
    users = {
        "sales": audit_user(admin, odoo_server, "sales", SALESPERSON),
        "other": audit_user(admin, odoo_server, "other", SALESPERSON),
        "manager": audit_user(
            admin, odoo_server, "manager", ["sales_team.group_sale_manager"]
        ),
    }
    template_id = make_template(
        admin,
        "AT" + suffix.upper(),
        "Audit call",
        unit_cost=2.5,
        unit_duration=5,
        correspondence_type="hard_copy",
    )
    partner_id = admin(
        "res.partner",
        "create",
        {"name": f"Audit customer {suffix}", "user_id": users["sales"]["id"]},
    )
    other_partner_id = admin(
        "res.partner", "create", {"name": f"Audit other company {suffix}"}
    )
    segment_id = admin(
        "crm.segment",
        "create",
        {
            "description": f"Audit open segment {suffix}",
            "template_id": template_id,
            "line_ids": [(0, 0, {"partner_id": other_partner_id})],
        },
    )
    logged_segment_id = log_segment(
        admin,
        admin(
            "crm.segment",
            "create",
            {
                "description": f"Audit logged segment {suffix}",
                "template_id": template_id,
                "line_ids": [(0, 0, {"partner_id": other_partner_id})],
            },
        ),
    )
    # a message of the contact's (created, not posted: nothing is sent)
    message_id = admin(
        "mail.message",
        "create",
        {
            "model": "res.partner",
            "res_id": other_partner_id,
            "body": "An e-mail of ours",
            "message_type": "email",
        },
    )
    return {
        "suffix": suffix,
        "users": users,
        "template": template_id,
        "partner": partner_id,
        "other_partner": other_partner_id,
        "segment": segment_id,
        "logged_segment": logged_segment_id,
        "message": message_id,
        "document_type": ref(admin, "crm_interaction_log.document_type_sales_invoice"),
    }


def log_segment(rpc, segment_id):
    """Log a segment through the Log Segment wizard; the logged segment's id."""
    wizard_id = rpc("crm.segment.log.wizard", "create", {"segment_id": segment_id})
    rpc("crm.segment.log.wizard", "action_log", [wizard_id])
    logged = rpc("crm.segment", "read", [segment_id], ["logged_segment_id"])[0]
    assert logged["logged_segment_id"], "the segment was not logged"
    return logged["logged_segment_id"][0]


def own_entry(world, **values):
    """An entry the salesperson creates for his own contact."""
    vals = {
        "partner_id": world["partner"],
        "template_id": world["template"],
        "description": "Called about the offer",
    }
    vals.update(values)
    return world["users"]["sales"]["rpc"](ENTRY, "create", vals)


def get(opener, url):
    """Status, content type and body of a GET."""
    with opener.open(url, timeout=300) as response:
        return response.status, response.headers.get("Content-Type"), response.read()


def invoice_entries(sql, invoice_id):
    """The entries recording the invoice: (id, logged_by_id, correspondence type)."""
    return sql(
        "SELECT id, logged_by_id, correspondence_type FROM crm_interaction_log_entry"
        " WHERE res_model = 'account.move' AND res_id = %s ORDER BY id",
        invoice_id,
    )


@pytest.fixture(scope="module")
def invoice_template(admin):
    return set_up_invoice_template(admin)


def print_invoice(server, user, invoice_id, context=None):
    """The salesperson prints the invoice through the report's URL."""
    url = f"{server.url}/report/pdf/account.report_invoice/{invoice_id}"
    if context is not None:
        url += "?" + urllib.parse.urlencode({"context": json.dumps(context)})
    status, content_type, body = get(
        server.http_session(user["login"], user["password"]), url
    )
    assert (status, content_type, body[:4]) == (200, "application/pdf", b"%PDF")


# --- 1. audit fields cannot be forged ------------------------------------------------
def forged_values(world):
    """A forged value for each field that records what happened."""
    return {
        "name": "FORGED-000001",
        "document_name": "INV/2026/99999",
        "res_model": "account.move",
        "res_id": 1,
        "document_occurrence": 7,
        "logged_by_id": world["users"]["other"]["id"],
        "delivery_status": "sent",
        "delivery_info": "Sent by hand",
        "canceled": True,
        "canceled_with_segment": True,
        "postponed": True,
        "segment_id": world["segment"],
        "logged_segment_id": world["logged_segment"],
        "mail_message_id": world["message"],
        "commercial_partner_id": world["other_partner"],
        "document_type_id": world["document_type"],
    }


PROTECTED = [
    "name",
    "document_name",
    "res_model",
    "res_id",
    "document_occurrence",
    "logged_by_id",
    "delivery_status",
    "delivery_info",
    "canceled",
    "canceled_with_segment",
    "postponed",
    "segment_id",
    "logged_segment_id",
    "mail_message_id",
    "commercial_partner_id",
    "document_type_id",
]


@pytest.mark.parametrize("field", PROTECTED)
def test_salesperson_cannot_write_an_audit_field(world, sql, field):
    sales = world["users"]["sales"]["rpc"]
    entry_id = own_entry(world)
    before = entry_row(sql, entry_id)
    refused(sales, ENTRY, "write", [entry_id], {field: forged_values(world)[field]})
    assert entry_row(sql, entry_id) == before


def test_salesperson_cannot_write_an_audit_field_among_others(world, sql):
    """A forged field hidden among fields he may change: nothing is written."""
    sales = world["users"]["sales"]["rpc"]
    entry_id = own_entry(world)
    before = entry_row(sql, entry_id)
    refused(
        sales,
        ENTRY,
        "write",
        [entry_id],
        {"evaluation": "positive", "description": "Forged", "canceled": True},
    )
    assert entry_row(sql, entry_id) == before


def test_salesperson_cannot_change_a_logged_entry(world, sql):
    """A logged entry stays as it was logged: he evaluates and comments on it,
    and changes a postponed one until he finishes it."""
    sales = world["users"]["sales"]["rpc"]
    entry_id = own_entry(world)
    before = entry_row(sql, entry_id)
    for values in (
        {"partner_id": world["other_partner"]},
        {"date": "2026-01-01 10:00:00"},
        {"cost": 99.0},
        {"duration": 99.0},
        {"information_flow": "inbound"},
        {"initiated_by": "them"},
        {"evaluation": "positive", "description": "Rewritten"},
    ):
        fault = refused(sales, ENTRY, "write", [entry_id], values, codes=(WARNING,))
        assert "stays as it was logged" in fault.faultString
    assert entry_row(sql, entry_id) == before
    sales(
        ENTRY,
        "write",
        [entry_id],
        {"evaluation": "positive", "comment_ids": [(0, 0, {"comment": "Call back"})]},
    )
    assert entry_row(sql, entry_id)["evaluation"] == "positive"
    postponed_id = postponed_entry(world)
    sales(ENTRY, "write", [postponed_id], {"cost": 3.5})
    assert entry_row(sql, postponed_id)["cost"] == 3.5


CREATE_FORGERIES = {
    "postponed": ["postponed"],
    "canceled": ["canceled"],
    "document_name": ["document_name"],
    "document": ["res_model", "res_id"],
    "logged_by_other_user": ["logged_by_id"],
    "delivery_status": ["delivery_status"],
    "delivery_info": ["delivery_info"],
    "name": ["name"],
    "document_occurrence": ["document_occurrence"],
    "segment": ["segment_id"],
    "logged_segment": ["logged_segment_id"],
    "mail_message": ["mail_message_id"],
    "commercial_partner": ["commercial_partner_id"],
    "document_type": ["document_type_id"],
}


@pytest.mark.parametrize("forgery", sorted(CREATE_FORGERIES))
def test_salesperson_cannot_create_with_an_audit_field(world, sql, forgery):
    forged = forged_values(world)
    values = {field: forged[field] for field in CREATE_FORGERIES[forgery]}
    before = entry_table(sql)
    refused(own_entry, world, **values)
    assert entry_table(sql) == before


def test_salesperson_creates_with_his_own_uid_and_no_audit_values(world, sql):
    """What create may be given: the audit fields absent or False, the logger
    himself. The entry is his, numbered and recorded as logged by him."""
    sales = world["users"]["sales"]
    entry_id = own_entry(
        world, logged_by_id=sales["id"], canceled=False, postponed=False
    )
    row = entry_row(sql, entry_id)
    assert row["logged_by_id"] == sales["id"]
    assert row["user_id"] == sales["id"]
    assert not row["canceled"] and not row["postponed"]
    assert row["name"] and row["name"] != "/"
    assert row["res_model"] is None and row["document_name"] is None


# --- 2. deleting postponed interactions ----------------------------------------------
def postponed_entry(world):
    """A postponed interaction made the module's way: Create Interaction, then
    "Finish Later"."""
    sales = world["users"]["sales"]
    wizard_id = sales["rpc"](
        "crm.interaction.create.wizard",
        "create",
        {
            "partner_id": world["partner"],
            "template_id": world["template"],
            "user_id": sales["id"],
            "description": "Call back about the offer",
        },
    )
    sales["rpc"]("crm.interaction.create.wizard", "action_finish_later", [wizard_id])
    entry = sales["rpc"]("crm.interaction.create.wizard", "read", [wizard_id])[0]
    return entry["entry_id"][0]


@pytest.fixture(scope="module")
def printed_invoice(admin, world, invoice_template, odoo_server, sql):
    """A posted invoice, its PDF filed on it, and the entry of the salesperson's
    print of it."""
    invoice_id, _number = posted_invoice(admin, f"Audit printed {world['suffix']}")
    attachment_id = admin(
        "ir.attachment",
        "create",
        {
            "name": f"INV-{world['suffix']}.pdf",
            "datas": base64.b64encode(PDF).decode(),
            "mimetype": "application/pdf",
            "res_model": "account.move",
            "res_id": invoice_id,
        },
    )
    before = invoice_entries(sql, invoice_id)
    print_invoice(odoo_server, world["users"]["sales"], invoice_id)
    entries = invoice_entries(sql, invoice_id)[len(before) :]
    assert len(entries) == 1, entries
    return {"id": invoice_id, "attachment": attachment_id, "entry": entries[0][0]}


def test_deleting_a_postponed_entry_keeps_the_invoice_pdf(world, sql, printed_invoice):
    sales = world["users"]["sales"]["rpc"]
    attachment_id = printed_invoice["attachment"]
    # the salesperson may read the invoice's PDF
    assert sales("ir.attachment", "read", [attachment_id], ["name"])
    entry_id = postponed_entry(world)
    assert entry_row(sql, entry_id)["postponed"] is True
    try:
        sales(ENTRY, "write", [entry_id], {"attachment_id": attachment_id})
    except xmlrpc.client.Fault as fault:
        assert fault.faultCode in (WARNING, ACCESS_ERROR), fault.faultString[-2000:]
        assert entry_row(sql, entry_id)["attachment_id"] is None
    sales(ENTRY, "action_delete_postponed", [entry_id])
    assert entry_row(sql, entry_id) is None
    assert attachment_exists(sql, attachment_id)
    # and the invoice's PDF is still filed on the invoice
    assert sql(
        "SELECT res_model, res_id FROM ir_attachment WHERE id = %s", attachment_id
    ) == [("account.move", printed_invoice["id"])]


def test_a_printed_invoice_entry_cannot_be_deleted_as_postponed(
    world, sql, printed_invoice
):
    sales = world["users"]["sales"]["rpc"]
    entry_id = printed_invoice["entry"]
    before = entry_row(sql, entry_id)
    assert before["logged_by_id"] == world["users"]["sales"]["id"]
    assert not before["postponed"] and not before["canceled"]
    clearly_refused(sales, ENTRY, "action_delete_postponed", [entry_id])
    # the 11.0 way round: mark it postponed first
    refused(sales, ENTRY, "write", [entry_id], {"postponed": True})
    clearly_refused(sales, ENTRY, "action_delete_postponed", [entry_id])
    assert entry_row(sql, entry_id) == before


@pytest.mark.parametrize("role", ["sales", "manager"])
def test_the_unlink_context_key_deletes_no_logged_entry(
    world, sql, printed_invoice, role
):
    user = world["users"][role]["rpc"]
    entry_id = printed_invoice["entry"]
    before = entry_row(sql, entry_id)
    clearly_refused(
        user,
        ENTRY,
        "unlink",
        [entry_id],
        context={"crm_interaction_unlink_postponed": True},
    )
    assert entry_row(sql, entry_id) == before


# --- 3. attachments are ones the user may read ---------------------------------------
@pytest.fixture(scope="module")
def private_attachment(admin, world):
    """A file of the administrator's, filed on no record: no one else may read it."""
    attachment_id = admin(
        "ir.attachment",
        "create",
        {
            "name": f"salaries-{world['suffix']}.pdf",
            "datas": base64.b64encode(b"%PDF-1.4\n% private\n%%EOF\n").decode(),
            "mimetype": "application/pdf",
        },
    )
    for role in ("sales", "manager"):
        refused(
            world["users"][role]["rpc"],
            "ir.attachment",
            "read",
            [attachment_id],
            ["datas"],
        )
    return attachment_id


def test_salesperson_cannot_link_an_attachment_he_cannot_read(
    world, sql, private_attachment
):
    sales = world["users"]["sales"]["rpc"]
    entry_id = own_entry(world)
    before = entry_row(sql, entry_id)
    refused(sales, ENTRY, "write", [entry_id], {"attachment_id": private_attachment})
    assert entry_row(sql, entry_id) == before
    table = entry_table(sql)
    refused(own_entry, world, attachment_id=private_attachment)
    assert entry_table(sql) == table
    # a postponed entry of his, then "delete": the file stays
    postponed_id = postponed_entry(world)
    refused(
        sales, ENTRY, "write", [postponed_id], {"attachment_id": private_attachment}
    )
    sales(ENTRY, "action_delete_postponed", [postponed_id])
    assert entry_row(sql, postponed_id) is None
    assert attachment_exists(sql, private_attachment)


def test_sales_manager_cannot_put_an_unreadable_attachment_on_a_template(
    admin, world, sql, private_attachment
):
    manager = world["users"]["manager"]["rpc"]
    Line = "crm.interaction.template.language"
    line_id = admin(Line, "create", {"template_id": world["template"], "lang": "en_US"})
    refused(manager, Line, "write", [line_id], {"attachment_id": private_attachment})
    assert sql(
        "SELECT attachment_id FROM crm_interaction_template_language WHERE id = %s",
        line_id,
    ) == [(None,)]
    # nor on a new line
    template_id = admin(
        "crm.interaction.template",
        "create",
        {
            "code": "AL" + world["suffix"].upper(),
            "name": "Audit letter",
            "group_id": admin(
                "crm.interaction.template", "read", [world["template"]], ["group_id"]
            )[0]["group_id"][0],
        },
    )
    refused(
        manager,
        Line,
        "create",
        {
            "template_id": template_id,
            "lang": "en_US",
            "attachment_id": private_attachment,
        },
    )
    assert sql(
        "SELECT count(*) FROM crm_interaction_template_language"
        " WHERE template_id = %s",
        template_id,
    ) == [(0,)]


# --- 4. another user's logged segment ------------------------------------------------
def test_salesperson_cannot_cancel_another_users_logged_segment(admin, world, sql):
    other = world["users"]["other"]
    sales = world["users"]["sales"]
    # one contact of the salesperson's own, whose entry he sees, and one he does not
    mine = admin(
        "res.partner",
        "create",
        {"name": f"Audit his {world['suffix']}", "user_id": sales["id"]},
    )
    not_mine = admin(
        "res.partner", "create", {"name": f"Audit not his {world['suffix']}"}
    )
    segment_id = other["rpc"](
        "crm.segment",
        "create",
        {
            "description": f"Mailing of B {world['suffix']}",
            "template_id": world["template"],
        },
    )
    for partner_id in (mine, not_mine):
        other["rpc"](
            "crm.segment.line",
            "create",
            {"segment_id": segment_id, "partner_id": partner_id},
        )
    logged_id = log_segment(other["rpc"], segment_id)
    entries = sql(
        "SELECT id, canceled IS TRUE FROM crm_interaction_log_entry"
        " WHERE logged_segment_id = %s ORDER BY id",
        logged_id,
    )
    assert len(entries) == 2 and not any(canceled for _id, canceled in entries)
    for action in ("action_cancel", "action_toggle_canceled"):
        refused(sales["rpc"], "crm.logged.segment", action, [logged_id])
    assert sql(
        "SELECT canceled IS TRUE, user_id FROM crm_logged_segment WHERE id = %s",
        logged_id,
    ) == [(False, other["id"])]
    assert (
        sql(
            "SELECT id, canceled IS TRUE FROM crm_interaction_log_entry"
            " WHERE logged_segment_id = %s ORDER BY id",
            logged_id,
        )
        == entries
    )
    # nor mark it canceled by a write
    refused(
        sales["rpc"], "crm.logged.segment", "write", [logged_id], {"canceled": True}
    )
    assert sql(
        "SELECT canceled IS TRUE FROM crm_logged_segment WHERE id = %s", logged_id
    ) == [(False,)]


# --- 5. context keys switch nothing off ----------------------------------------------
def test_a_print_with_the_no_log_context_is_recorded(
    admin, world, sql, invoice_template, odoo_server
):
    sales = world["users"]["sales"]
    invoice_id, _number = posted_invoice(admin, f"Audit no-log {world['suffix']}")
    before = invoice_entries(sql, invoice_id)
    print_invoice(
        odoo_server, sales, invoice_id, context={"crm_interaction_no_log": True}
    )
    new = invoice_entries(sql, invoice_id)[len(before) :]
    assert [(logged_by, kind) for _id, logged_by, kind in new] == [
        (sales["id"], "hard_copy")
    ]


def test_a_logged_segment_cannot_be_changed_with_the_logging_context(admin, world, sql):
    other = world["users"]["other"]
    segment_id = other["rpc"](
        "crm.segment",
        "create",
        {
            "description": f"Logged mailing {world['suffix']}",
            "template_id": world["template"],
            "line_ids": [(0, 0, {"partner_id": world["other_partner"]})],
        },
    )
    log_segment(other["rpc"], segment_id)
    query = (
        "SELECT row_to_json(s)::text FROM crm_segment s WHERE s.id = %s",
        segment_id,
    )
    before = sql(*query)
    assert json.loads(before[0][0])["state"] == "logged"
    for values in (
        {"state": "draft"},
        {"unit_cost": 99.0},
        {"logged_segment_id": False},
    ):
        clearly_refused(
            other["rpc"],
            "crm.segment",
            "write",
            [segment_id],
            values,
            context={"crm_segment_logging": True},
        )
        assert sql(*query) == before


# --- 6. a customer's portal download is no print of ours ----------------------------
def test_portal_download_records_nothing_our_print_does(
    admin, world, sql, invoice_template, odoo_server, odoo_config
):
    sales = world["users"]["sales"]
    invoice_id, _number = posted_invoice(admin, f"Audit portal {world['suffix']}")
    odoo_script(
        odoo_config,
        odoo_server.db,
        f"env['account.move'].browse({invoice_id})._portal_ensure_token()",
    )
    token = admin("account.move", "read", [invoice_id], ["access_token"])[0][
        "access_token"
    ]
    assert token
    before = invoice_entries(sql, invoice_id)
    url = f"{odoo_server.url}/my/invoices/{invoice_id}?" + urllib.parse.urlencode(
        {"access_token": token, "report_type": "pdf", "download": "true"}
    )
    # a customer, not logged in
    status, content_type, body = get(urllib.request.build_opener(), url)
    assert (status, content_type, body[:4]) == (200, "application/pdf", b"%PDF")
    assert invoice_entries(sql, invoice_id) == before
    # the salesperson's print of the same invoice is recorded, once, as his
    print_invoice(odoo_server, sales, invoice_id)
    new = invoice_entries(sql, invoice_id)[len(before) :]
    assert [(logged_by, kind) for _id, logged_by, kind in new] == [
        (sales["id"], "hard_copy")
    ]


def test_totals_by_month_over_rpc_count_what_each_user_may_read(admin, world, sql):
    """The pivot's call (read_group by month) over XML-RPC, on the entries and
    on Interaction Analysis: each total is what the user may read, whatever
    context a client sends; the salesperson who sees his own documents only
    gets the interactions he is the salesperson of from the analysis."""
    sales = world["users"]["sales"]["rpc"]
    manager = world["users"]["manager"]["rpc"]
    own_entry(world, description="Counted for the salesperson", cost=4)
    domain = [("postponed", "=", False), ("canceled", "=", False)]

    def totals(rpc, model=ENTRY, count="__count", **context):
        groups = rpc(
            model,
            "read_group",
            domain,
            ["cost:sum", f"{count}:sum" if count != "__count" else count],
            ["date:month"],
            lazy=False,
            context=dict(context, tz="Asia/Kathmandu"),
        )
        return sum(g[count] for g in groups), round(sum(g["cost"] for g in groups), 2)

    def analysis(rpc, **context):
        return totals(rpc, ANALYSIS, "entry_count", **context)

    for rpc in (sales, manager):
        readable = rpc(ENTRY, "search_read", domain, ["cost"])
        expected = (len(readable), round(sum(e["cost"] for e in readable), 2))
        assert totals(rpc) == expected
        assert totals(rpc, crm_interaction_read_entries=True) == expected
    # the salesperson's analysis: his own interactions
    uid = world["users"]["sales"]["id"]
    own = sales(ENTRY, "search_read", domain + [("user_id", "=", uid)], ["cost"])
    assert analysis(sales) == (len(own), round(sum(e["cost"] for e in own), 2))
    assert analysis(sales, crm_interaction_read_entries=True) == analysis(sales)
    # the manager's are every entry of his company, as stored
    [(count, cost)] = sql(
        """SELECT count(*), round(COALESCE(sum(cost), 0), 2)
             FROM crm_interaction_log_entry
            WHERE canceled IS NOT TRUE AND postponed IS NOT TRUE
              AND (company_id = %s OR company_id IS NULL)""",
        main_company_id(admin),
    )
    assert totals(manager) == (count, float(cost))
    assert analysis(manager) == (count, float(cost))
    assert totals(sales)[0] < count
    # and the analysis' rows say so too
    [(analysis_count,)] = sql(
        """SELECT sum(entry_count) FROM crm_interaction_analysis
            WHERE NOT canceled AND NOT postponed
              AND (company_id = %s OR company_id IS NULL)""",
        main_company_id(admin),
    )
    assert analysis_count == count

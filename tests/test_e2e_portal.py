"""The customer portal's document routes are no print of ours, whoever opens
them: a salesperson (an internal user, whose print would be recorded) who
follows a customer's link to a quotation or an invoice records nothing.
Anonymous customers record nothing anyway (tests/test_audit_trail.py)."""

import urllib.parse
import urllib.request
import uuid

import pytest
from conftest import (
    main_company_id,
    make_template,
    make_user,
    odoo_script,
    posted_invoice,
)

PDF = ("application/pdf", b"%PDF")


@pytest.fixture(scope="module")
def admin(odoo_server):
    return odoo_server.rpc()


def set_up_template(admin, code, template_id):
    """The main company records document type ``code`` with the template;
    the template it had before. The Interaction Template Setup is a line per
    document type, or a company field per type where it is still made of
    fields."""
    company_id = main_company_id(admin)
    field = f"interaction_template_{code}_id"
    if field in admin("res.company", "fields_get", [field], attributes=["type"]):
        before = admin("res.company", "read", [company_id], [field])[0][field]
        admin("res.company", "write", [company_id], {field: template_id})
    else:
        [line] = admin(
            "crm.interaction.document.template",
            "search_read",
            [("company_id", "=", company_id), ("document_type_id.code", "=", code)],
            ["template_id"],
        )
        before = line["template_id"]
        admin(
            "crm.interaction.document.template",
            "write",
            [line["id"]],
            {"template_id": template_id},
        )
    return before and before[0]


@pytest.fixture(scope="module")
def recorded_types(admin):
    """Quotations and customer invoices recorded when printed, as set up for
    this module only."""
    suffix = uuid.uuid4().hex[:6].upper()
    templates = {
        code: make_template(
            admin,
            f"P{i}{suffix}",
            f"Portal {code} {suffix}",
            correspondence_type="hard_copy",
        )
        for i, code in enumerate(("sales_quote", "sales_invoice"))
    }
    before = {
        code: set_up_template(admin, code, template_id)
        for code, template_id in templates.items()
    }
    yield templates
    for code, template_id in before.items():
        set_up_template(admin, code, template_id or False)


@pytest.fixture(scope="module")
def salesperson(admin, odoo_server):
    """A salesperson who may read quotations and invoices: his prints are
    recorded."""
    user_id, login, password, _rpc = make_user(
        admin,
        odoo_server,
        "portal.sales",
        ["sales_team.group_sale_salesman", "account.group_account_invoice"],
    )
    return {"id": user_id, "opener": odoo_server.http_session(login, password)}


def entries(admin, model, res_id):
    """The entries recording a document, as the administrator reads them:
    (logged by, correspondence type)."""
    return [
        (entry["logged_by_id"][0], entry["correspondence_type"])
        for entry in admin(
            "crm.interaction.log.entry",
            "search_read",
            [("res_model", "=", model), ("res_id", "=", res_id)],
            ["logged_by_id", "correspondence_type"],
            order="id",
        )
    ]


def access_token(admin, odoo_server, odoo_config, model, res_id):
    """The document's portal link token, as "Share" or a sent e-mail makes it."""
    odoo_script(
        odoo_config,
        odoo_server.db,
        f"env[{model!r}].browse({res_id})._portal_ensure_token()",
    )
    token = admin(model, "read", [res_id], ["access_token"])[0]["access_token"]
    assert token
    return token


def get(opener, url, **query):
    """Content type and start of the body of a GET answered 200."""
    with opener.open(f"{url}?{urllib.parse.urlencode(query)}", timeout=300) as r:
        assert r.status == 200, url
        return r.headers.get("Content-Type"), r.read()[:4]


def test_salesperson_opening_the_portal_records_nothing(
    admin, odoo_server, odoo_config, recorded_types, salesperson
):
    suffix = uuid.uuid4().hex[:6]
    partner_id = admin("res.partner", "create", {"name": f"Portal customer {suffix}"})
    quote_id = admin(
        "sale.order",
        "create",
        {"partner_id": partner_id, "user_id": salesperson["id"]},
    )
    invoice_id, _number = posted_invoice(admin, f"Portal invoice customer {suffix}")
    opener = salesperson["opener"]
    # the quotation's "Download" of the portal page, then its invoice's preview
    # (a PDF the route renders, not the invoice's stored legal document)
    quote_token = access_token(admin, odoo_server, odoo_config, "sale.order", quote_id)
    assert (
        get(
            opener,
            f"{odoo_server.url}/my/orders/{quote_id}",
            access_token=quote_token,
            report_type="pdf",
            download="true",
        )
        == PDF
    )
    invoice_token = access_token(
        admin, odoo_server, odoo_config, "account.move", invoice_id
    )
    assert (
        get(
            opener,
            f"{odoo_server.url}/my/invoices/{invoice_id}",
            access_token=invoice_token,
            report_type="pdf",
        )
        == PDF
    )
    assert entries(admin, "sale.order", quote_id) == []
    assert entries(admin, "account.move", invoice_id) == []
    # the same salesperson printing the same documents from the back end is
    # recorded: what the portal routes record is nothing, not what fails
    for report, res_id in (
        ("sale.report_saleorder", quote_id),
        ("account.report_invoice", invoice_id),
    ):
        assert get(opener, f"{odoo_server.url}/report/pdf/{report}/{res_id}") == PDF
    assert entries(admin, "sale.order", quote_id) == [(salesperson["id"], "hard_copy")]
    assert entries(admin, "account.move", invoice_id) == [
        (salesperson["id"], "hard_copy")
    ]

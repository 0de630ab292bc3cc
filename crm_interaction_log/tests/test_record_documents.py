# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import importlib.util
import os

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from .common import InteractionCase

REPORTS = {
    "account.move": "account.account_invoices",
    "sale.order": "sale.action_report_saleorder",
    "purchase.order": "purchase.action_report_purchase_order",
    "stock.picking": "stock.action_report_delivery",
}
DOCUMENT_TYPES = (
    "sales_invoice",
    "sales_credit_note",
    "sales_quote",
    "sales_order",
    "purchase_invoice",
    "purchase_credit_note",
    "purchase_quote",
    "purchase_order",
    "delivery",
    "receipt",
    "email",
)
INBOUND = {
    "purchase_invoice",
    "purchase_credit_note",
    "purchase_quote",
    "purchase_order",
    "receipt",
}
# where a failure to record is logged (and muted by the tests that cause one)
ADDON_LOGGER = "odoo.addons.crm_interaction_log"


@tagged("post_install", "-at_install")
def load_migration(version, name):
    """The module of an upgrade script of the addon, as Odoo loads it."""
    path = os.path.join(
        os.path.dirname(os.path.dirname(__file__)), "migrations", version, name
    )
    spec = importlib.util.spec_from_file_location("migration", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    return migration


class TestRecordDocuments(InteractionCase):
    """Printing or sending a set-up document type records one entry per document."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_main = cls.env.company
        # Installing `account` gives the main company the generic chart of
        # accounts; a database set up otherwise gets it here, as Odoo's own
        # tests do, so that invoices can be posted.
        if not cls.company_main.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.company_main, install_demo=False
            )
        Template = cls.env["crm.interaction.template"]
        cls.templates = {}
        for i, doc_type in enumerate(DOCUMENT_TYPES):
            cls.templates[doc_type] = Template.create(
                {
                    "code": f"TDOC{i:02d}",
                    "name": doc_type.replace("_", " ").title(),
                    "group_id": cls.group.id,
                    "unit_cost": 0.5,
                    "unit_duration": 2,
                    "information_flow": "inbound"
                    if doc_type in INBOUND
                    else "outbound",
                    "initiated_by": "us",
                }
            )
        cls.company_main._set_interaction_templates(cls.templates)
        cls.accountant = new_test_user(
            cls.env,
            login="ann.interactions",
            groups="account.group_account_invoice,sales_team.group_sale_salesman,"
            "purchase.group_purchase_user",
            name="Ann Accountant",
            email="ann@example.com",
        )
        cls.warehouse_user = new_test_user(
            cls.env,
            login="walt.interactions",
            groups="stock.group_stock_user",
            name="Walt Warehouse",
            email="walt@example.com",
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Interaction chair", "list_price": 100.0, "standard_price": 60.0}
        )
        cls.campaign = cls.env["utm.campaign"].create({"name": "Spring mailing"})

    # --- documents ------------------------------------------------------------
    def invoice(self, move_type="out_invoice", partner=None, **values):
        partner = self.person if partner is None else partner
        vals = {
            "move_type": move_type,
            "partner_id": partner.id,
            "invoice_user_id": self.salesman.id,
            "invoice_date": fields.Date.today(),
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": "Chair",
                        "product_id": self.product.id,
                        "quantity": 1,
                        "price_unit": 100,
                    }
                )
            ],
        }
        vals.update(values)
        return self.env["account.move"].create(vals)

    def sale_order(self, **values):
        vals = {
            "partner_id": self.person.id,
            "user_id": self.salesman.id,
            "order_line": [
                Command.create({"product_id": self.product.id, "product_uom_qty": 2})
            ],
        }
        vals.update(values)
        return self.env["sale.order"].create(vals)

    def purchase_order(self):
        return self.env["purchase.order"].create(
            {
                "partner_id": self.other.id,
                "user_id": self.accountant.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "name": "Chair",
                            "product_qty": 3,
                            "price_unit": 60,
                            "product_uom": self.product.uom_id.id,
                            "date_planned": "2026-12-01 00:00:00",
                        }
                    )
                ],
            }
        )

    def entries(self, documents):
        return self.env["crm.interaction.log.entry"].search(
            [("res_model", "=", documents._name), ("res_id", "in", documents.ids)],
            order="id",
        )

    def email_entries(self):
        """The entries of e-mails written to contacts from a chatter."""
        return self.env["crm.interaction.log.entry"].search(
            [("template_id", "=", self.templates["email"].id)]
        )

    def print_as(self, user, documents, report=None, **context):
        """Print ``documents`` as ``user`` does from the Print menu (the PDF:
        under tests, Odoo renders its HTML unless forced to make the PDF)."""
        Report = self.env["ir.actions.report"].with_user(user).with_context(**context)
        return Report._render_qweb_pdf(
            report or REPORTS[documents._name], res_ids=documents.ids
        )

    # --- what is recorded -------------------------------------------------
    def test_print_customer_invoice(self):
        invoice = self.invoice(campaign_id=self.campaign.id)
        invoice.action_post()
        self.print_as(self.accountant, invoice)
        entry = self.entries(invoice)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.template_id, self.templates["sales_invoice"])
        self.assertEqual(
            (entry.partner_id, entry.commercial_partner_id), (self.person, self.company)
        )
        self.assertEqual(entry.group_id, self.group)
        self.assertEqual((entry.cost, entry.duration), (0.5, 2))
        self.assertEqual(
            (entry.information_flow, entry.initiated_by), ("outbound", "us")
        )
        self.assertEqual(entry.correspondence_type, "hard_copy")
        self.assertEqual(entry.user_id, self.salesman)  # the document's salesperson
        self.assertEqual(entry.logged_by_id, self.accountant)
        self.assertEqual(entry.description, f"Sales Invoice {invoice.display_name}")
        self.assertEqual(entry.document_name, invoice.display_name)
        self.assertEqual(entry.document_occurrence, 1)
        self.assertEqual(entry.campaign_id, self.campaign)
        self.assertEqual(entry.company_id, invoice.company_id)
        self.assertTrue(entry.name.startswith("INT"))
        action = entry.with_user(self.salesman).action_open_document()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("account.move", invoice.id)
        )
        # printed again, from the Print menu's "PDF" (Odoo 18 downloads the
        # invoice's legal PDF, or its pro forma while it has none): occurrence 2
        invoice.with_user(self.accountant)._get_invoice_legal_documents(
            "pdf", allow_fallback=True
        )
        self.assertEqual(self.entries(invoice).mapped("document_occurrence"), [1, 2])
        self.assertEqual(
            self.statistics_as(self.person, self.salesman)[:3], (2, 1.0, 4.0)
        )

    def test_each_document_type_uses_its_template(self):
        cases = [
            (self.invoice("out_refund"), "sales_credit_note", self.person),
            (
                self.invoice("in_invoice", partner=self.other),
                "purchase_invoice",
                self.other,
            ),
            (
                self.invoice("in_refund", partner=self.other),
                "purchase_credit_note",
                self.other,
            ),
            (self.sale_order(), "sales_quote", self.person),
            (self.purchase_order(), "purchase_quote", self.other),
        ]
        so = self.sale_order()
        so.action_confirm()
        cases.append((so, "sales_order", self.person))
        po = self.purchase_order()
        po.button_confirm()
        cases.append((po, "purchase_order", self.other))
        for document, doc_type, partner in cases:
            with self.subTest(doc_type=doc_type):
                # sale orders are printed by their salesperson
                user = (
                    self.salesman if document._name == "sale.order" else self.accountant
                )
                self.print_as(user, document)
                entry = self.entries(document)
                self.assertEqual(len(entry), 1)
                self.assertEqual(entry.template_id, self.templates[doc_type])
                self.assertEqual(entry.document_type_id.code, doc_type)
                self.assertEqual(entry.partner_id, partner)
                self.assertEqual(
                    entry.information_flow, self.templates[doc_type].information_flow
                )
                self.assertEqual(entry.logged_by_id, user)

    def test_delivery_slip_and_receipt(self):
        so = self.sale_order()
        so.action_confirm()
        delivery = so.picking_ids
        self.assertEqual(delivery.picking_type_code, "outgoing")
        self.print_as(self.warehouse_user, delivery)
        entry = self.entries(delivery)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.template_id, self.templates["delivery"])
        self.assertEqual(
            (entry.partner_id, entry.commercial_partner_id), (self.person, self.company)
        )
        self.assertEqual(
            (entry.information_flow, entry.correspondence_type),
            ("outbound", "hard_copy"),
        )
        self.assertEqual(entry.user_id, self.salesman)  # the sale order's salesperson
        self.assertEqual(entry.logged_by_id, self.warehouse_user)
        self.assertEqual(entry.document_name, delivery.display_name)
        self.assertEqual(entry.document_occurrence, 1)
        # the delivery slip records the transfer, not its sale order
        self.assertFalse(self.entries(so))
        # the picking operations are a sheet for the warehouse, not a document
        # handed to the contact
        self.print_as(self.warehouse_user, delivery, "stock.action_report_picking")
        self.assertEqual(len(self.entries(delivery)), 1)
        # the receipt of a purchase order
        po = self.purchase_order()
        po.button_confirm()
        receipt = po.picking_ids
        self.assertEqual(receipt.picking_type_code, "incoming")
        self.print_as(self.warehouse_user, receipt)
        entry = self.entries(receipt)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.template_id, self.templates["receipt"])
        self.assertEqual(entry.partner_id, self.other)
        self.assertEqual(entry.information_flow, "inbound")
        self.assertEqual(entry.user_id, self.accountant)  # the purchase order's buyer
        self.assertEqual(entry.logged_by_id, self.warehouse_user)

    def test_delivery_without_template_records_nothing(self):
        self.company_main._set_interaction_templates({"delivery": False})
        so = self.sale_order()
        so.action_confirm()
        self.print_as(self.warehouse_user, so.picking_ids)
        self.assertFalse(self.entries(so.picking_ids))

    def test_quotation_keeps_its_opportunity(self):
        lead = self.env["crm.lead"].create(
            {"name": "Chairs deal", "type": "opportunity", "partner_id": self.person.id}
        )
        so = self.sale_order(opportunity_id=lead.id)
        self.print_as(self.salesman, so)
        self.assertEqual(self.entries(so).lead_id, lead)

    def test_print_twenty_invoices_at_once(self):
        invoices = self.env["account.move"]
        for _i in range(20):
            invoices |= self.invoice()
        self.print_as(self.accountant, invoices[:5])  # printed once before
        self.print_as(self.accountant, invoices)
        entries = self.entries(invoices)
        self.assertEqual(len(entries), 25)
        for invoice in invoices:
            expected = [1, 2] if invoice in invoices[:5] else [1]
            self.assertEqual(
                self.entries(invoice).mapped("document_occurrence"), expected
            )

    def test_print_through_wkhtmltopdf(self):
        # The real PDF, made by wkhtmltopdf, of one document: Debian's build
        # (unpatched Qt) cannot put several documents into one PDF, which
        # Odoo 18 does by giving it one page file per record.
        invoice = self.invoice()
        pdf, fmt = self.print_as(self.accountant, invoice, force_report_rendering=True)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(self.entries(invoice).mapped("document_occurrence"), [1])

    # --- when nothing is recorded -------------------------------------------
    def test_no_template_set_up(self):
        self.company_main._set_interaction_templates({"sales_invoice": False})
        invoice = self.invoice()
        self.print_as(self.accountant, invoice)
        self.assertFalse(self.entries(invoice))

    def test_html_preview_records_nothing(self):
        invoice = self.invoice()
        html, fmt = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            ._render_qweb_html(REPORTS["account.move"], invoice.ids)
        )
        self.assertEqual(fmt, "html")
        self.assertIn(b"Chair", html)
        self.assertFalse(self.entries(invoice))

    def test_no_contact_records_nothing(self):
        invoice = self.invoice(partner=self.env["res.partner"])
        self.assertFalse(invoice.partner_id)
        self.print_as(self.accountant, invoice)
        self.assertFalse(self.entries(invoice))

    def test_failed_print_records_nothing(self):
        # a vendor bill without the vendor's original document: Odoo refuses
        # to make the PDF of "Original Bills"
        bill = self.invoice("in_invoice", partner=self.other)
        with self.assertRaises(UserError) as refused:
            self.print_as(
                self.accountant,
                bill,
                "account.action_account_original_vendor_bill",
                force_report_rendering=True,
            )
        self.assertIn("No original purchase document", str(refused.exception))
        self.assertFalse(self.entries(bill))

    def test_print_never_fails_because_of_the_log(self):
        # a setup broken behind the ORM's back (a template of another company):
        # recording fails, printing does not
        self.break_setup(self.company_main, "sales_invoice")
        invoice = self.invoice()
        with mute_logger(ADDON_LOGGER):
            result = self.print_as(self.accountant, invoice)
        self.assertTrue(result[0])
        self.assertFalse(self.entries(invoice))
        # the transaction goes on: once the setup is repaired, the next print
        # is recorded as the document's first
        self.company_main._set_interaction_templates(
            {"sales_invoice": self.templates["sales_invoice"]}
        )
        self.print_as(self.accountant, invoice)
        self.assertEqual(self.entries(invoice).mapped("document_occurrence"), [1])

    def test_portal_download_records_nothing(self):
        portal = new_test_user(
            self.env,
            login="paula.portal.interactions",
            groups="base.group_portal",
            partner_id=self.person.id,
            name=self.person.name,
            email=self.person.email,
        )
        invoice = self.invoice()
        invoice.action_post()
        # the customer portal renders the PDF as superuser for the portal user
        result = (
            self.env["ir.actions.report"]
            .with_user(portal)
            .sudo()
            ._render_qweb_pdf(REPORTS["account.move"], res_ids=invoice.ids)
        )
        self.assertTrue(result[0])
        self.assertFalse(self.entries(invoice))

    # --- sending ------------------------------------------------------------
    def composer(self, user, action):
        """What "Send by Email" opens: the mail composer with the document's
        e-mail template loaded, which renders its PDF as the attachment."""
        return (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({})
        )

    def test_send_invoice_by_email_records_one_email_entry(self):
        invoice = self.invoice()
        invoice.action_post()
        wizard = self.composer(
            self.accountant, invoice.with_user(self.accountant).action_invoice_sent()
        )
        self.assertEqual(wizard._name, "account.move.send.wizard")
        self.assertEqual(wizard.sending_methods, ["email"])
        self.assertFalse(self.entries(invoice))
        wizard.action_send_and_print()  # Print & Send
        invoice.invalidate_recordset(["message_ids"])
        sent = invoice.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn(self.person, sent.partner_ids)
        entry = self.entries(invoice)
        self.assertEqual(len(entry), 1, "making the PDF to send is no print")
        self.assertEqual(entry.correspondence_type, "email")
        self.assertEqual(entry.template_id, self.templates["sales_invoice"])
        self.assertEqual(entry.contact_via, "paula@example.com")
        self.assertEqual(entry.logged_by_id, self.accountant)
        self.assertEqual(entry.user_id, self.salesman)
        # no e-mail entry on top of the document's
        self.assertFalse(self.email_entries())

    def test_download_from_print_and_send_is_a_print(self):
        invoice = self.invoice()
        invoice.action_post()
        wizard = (
            self.env["account.move.send.wizard"]
            .with_user(self.accountant)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"sending_methods": ["manual"]})
        )
        wizard.action_send_and_print()
        entry = self.entries(invoice)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.correspondence_type, "hard_copy")
        self.assertEqual(entry.template_id, self.templates["sales_invoice"])

    def test_send_quotation_and_rfq_by_email(self):
        self.other.email = "olga@example.com"
        so = self.sale_order()
        composer = self.composer(
            self.salesman, so.with_user(self.salesman).action_quotation_send()
        )
        self.assertTrue(composer.attachment_ids, "the quotation's PDF is attached")
        self.assertFalse(self.entries(so), "rendering the attachment is no print")
        composer.action_send_mail()  # the Send button
        self.assertEqual(so.state, "sent")
        entry = self.entries(so)
        self.assertEqual(
            [(e.template_id, e.correspondence_type) for e in entry],
            [(self.templates["sales_quote"], "email")],
        )
        self.assertEqual(entry.contact_via, "paula@example.com")
        self.assertEqual(entry.logged_by_id, self.salesman)
        po = self.purchase_order()
        composer = self.composer(
            self.accountant,
            po.with_user(self.accountant).with_context(send_rfq=True).action_rfq_send(),
        )
        composer.action_send_mail()
        self.assertEqual(po.state, "sent")
        self.assertEqual(
            [(e.template_id, e.correspondence_type) for e in self.entries(po)],
            [(self.templates["purchase_quote"], "email")],
        )
        self.assertEqual(self.entries(po).contact_via, "olga@example.com")
        self.assertFalse(self.email_entries())

    def test_automatic_messages_are_not_sends(self):
        """Odoo posts a document's e-mail template by itself (automation
        rules, confirmations): nobody sent it to the contact."""
        invoice = self.invoice()
        invoice.action_post()
        so = self.sale_order()
        for document, template in (
            (invoice, "account.email_template_edi_invoice"),
            (so, "sale.email_template_edi_sale"),
        ):
            messages = document.message_post_with_source(
                self.env.ref(template), subtype_xmlid="mail.mt_comment"
            )
            self.assertIn(self.person, messages.partner_ids)
            self.assertFalse(self.entries(document))
        self.assertFalse(self.email_entries())

    def test_message_to_contact_records_email_entry(self):
        self.other.email = "olga@example.com"
        self.person.with_user(self.salesman).message_post(
            body="Here is our catalogue",
            subject="Catalogue",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=[self.other.id],
        )
        entry = self.email_entries()
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.partner_id, self.other)
        self.assertEqual(entry.correspondence_type, "email")
        self.assertEqual(entry.contact_via, "olga@example.com")
        self.assertEqual(entry.user_id, self.salesman)
        self.assertIn("Catalogue", entry.description)
        self.assertFalse(entry.res_model)  # written on the contact, not a document

    def test_message_to_a_user_records_nothing(self):
        self.person.with_user(self.salesman).message_post(
            body="FYI",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=[self.manager.partner_id.id],
        )
        self.assertFalse(self.email_entries())

    def test_internal_note_records_nothing(self):
        self.person.with_user(self.salesman).message_post(
            body="internal",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            partner_ids=[self.other.id],
        )
        self.assertFalse(self.email_entries())

    # --- setup ---------------------------------------------------------------
    def test_setup_refuses_templates_with_attachments(self):
        letter = self.env["crm.interaction.template"].create(
            {"code": "TLETTER", "name": "Letter", "group_id": self.group.id}
        )
        self.env["crm.interaction.template.language"].create(
            {
                "template_id": letter.id,
                "lang": "en_US",
                "attachment_id": self.env["ir.attachment"].create({"name": "x.txt"}).id,
            }
        )
        self.assertTrue(letter.has_attachments)
        with self.assertRaises(ValidationError):
            self.company_main._set_interaction_templates({"sales_order": letter})
        self.assertEqual(
            self.company_main._interaction_template("sales_order"),
            self.templates["sales_order"],
        )

    def test_upgrade_gives_earlier_entries_their_document_type(self):
        """Entries recorded before the entries kept their document type get it
        where it is sure: by the invoice's move type, and by the template of
        a quote or an order when one type alone has it."""
        migration = load_migration("18.0.1.8.0", "post-migration.py")
        refund = self.invoice("out_refund")
        quote = self.sale_order()
        order = self.sale_order()
        order.action_confirm()
        rfq = self.purchase_order()
        documents = {refund: "sales_credit_note", quote: "sales_quote"}
        documents.update({order: "sales_order", rfq: False})
        for document in documents:
            user = self.salesman if document._name == "sale.order" else self.accountant
            self.print_as(user, document)
        # the purchase quotes and orders share a template: which one is unsure
        self.company_main._set_interaction_templates(
            {"purchase_order": self.templates["purchase_quote"]}
        )
        entries = {document: self.entries(document) for document in documents}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE crm_interaction_log_entry SET document_type_id = NULL "
                "WHERE id = ANY(%s)",
                [entry.id for entry in entries.values()],
            )
        )
        migration.migrate(self.env.cr, "18.0.1.7.0")
        self.env.invalidate_all()
        for document, code in documents.items():
            with self.subTest(document=document.display_name):
                self.assertEqual(len(entries[document]), 1)
                self.assertEqual(entries[document].document_type_id.code, code)

    def test_upgrade_keeps_every_companys_choice(self):
        """The templates of the earlier version's company fields
        (``interaction_template_<code>_id``) become the companies' lines."""
        migration = load_migration("18.0.1.5.0", "post-document_templates.py")
        other = self.env["res.company"].create({"name": "Upgraded Elsewhere"})
        group = self.env["crm.interaction.group"].create(
            {"code": "TUPG", "name": "Upgraded", "company_id": other.id}
        )
        sms_of_other = self.env["crm.interaction.template"].create(
            {
                "code": "TUPG",
                "name": "SMS of the other company",
                "group_id": group.id,
                "company_id": other.id,
            }
        )
        # as the earlier version left them: its columns, and the lines made
        # empty when the update loaded the document types
        self.env.flush_all()
        cr = self.env.cr
        for code in ("sales_invoice", "delivery", "sms"):
            cr.execute(
                SQL(
                    "ALTER TABLE res_company ADD COLUMN %s integer",
                    SQL.identifier(f"interaction_template_{code}_id"),
                )
            )
        cr.execute(
            SQL(
                """UPDATE res_company
                      SET interaction_template_sales_invoice_id = %s,
                          interaction_template_delivery_id = %s
                    WHERE id = %s""",
                self.templates["sales_invoice"].id,
                self.templates["delivery"].id,
                self.company_main.id,
            )
        )
        cr.execute(
            SQL(
                "UPDATE res_company SET interaction_template_sms_id = %s WHERE id = %s",
                sms_of_other.id,
                other.id,
            )
        )
        cr.execute(
            SQL(
                "UPDATE crm_interaction_document_template SET template_id = NULL "
                "WHERE company_id IN %s",
                (self.company_main.id, other.id),
            )
        )
        migration.migrate(cr, "18.0.1.4.0")
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        self.assertEqual(
            self.company_main._interaction_template("sales_invoice"),
            self.templates["sales_invoice"],
        )
        self.assertEqual(
            self.company_main._interaction_template("delivery"),
            self.templates["delivery"],
        )
        self.assertFalse(self.company_main._interaction_template("sms"))
        self.assertFalse(self.company_main._interaction_template("receipt"))
        self.assertEqual(other._interaction_template("sms"), sms_of_other)
        self.assertFalse(other._interaction_template("sales_invoice"))
        # every document type has its line in every company
        types = self.env["crm.interaction.document.type"].search([])
        for company in (self.company_main, other):
            self.assertEqual(
                company.interaction_document_template_ids.document_type_id, types
            )

    def test_settings_show_company_setup(self):
        settings = self.env["res.config.settings"].create({})
        lines = settings.interaction_document_template_ids
        self.assertEqual(
            self.template_of(lines, "sales_invoice"),
            self.templates["sales_invoice"],
        )
        self.assertEqual(
            self.template_of(lines, "delivery"), self.templates["delivery"]
        )
        # the settings show the company's own lines, and change them
        self.assertEqual(lines, self.company_main.interaction_document_template_ids)
        with Form(self.env["res.config.settings"]) as form:
            with form.interaction_document_template_ids.edit(0) as line:
                edited = line.document_type_id
                line.template_id = self.templates["delivery"]
        self.assertEqual(
            self.company_main._interaction_template(edited.code),
            self.templates["delivery"],
        )

    def test_other_document_types_are_not_recorded(self):
        self.assertFalse(hasattr(self.env["res.partner"], "_interaction_record"))
        self.assertFalse(hasattr(self.env["crm.lead"], "_interaction_record"))

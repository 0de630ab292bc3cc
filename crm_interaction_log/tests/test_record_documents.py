# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import tempfile
from unittest.mock import patch

from odoo import tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import InteractionCase

REPORTS = {
    "account.invoice": "account.account_invoices",
    "sale.order": "sale.action_report_saleorder",
    "purchase.order": "purchase.action_report_purchase_order",
}


class TestRecordDocuments(InteractionCase):
    """Printing or sending a set-up document type records one entry per document."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Template = cls.env["crm.interaction.template"]
        cls.templates = {}
        for i, doc_type in enumerate((
                "sales_invoice", "sales_credit_note", "sales_quote", "sales_order",
                "purchase_invoice", "purchase_credit_note", "purchase_quote",
                "purchase_order", "email")):
            cls.templates[doc_type] = Template.create({
                "code": "TDOC%02d" % i, "name": doc_type.replace("_", " ").title(),
                "group_id": cls.group.id, "unit_cost": 0.5, "unit_duration": 2,
                "information_flow": "inbound" if doc_type.startswith("purchase") else "outbound",
                "initiated_by": "us"})
        cls.company_main = cls.env.user.company_id
        cls.company_main.write({"interaction_template_%s_id" % t: tmpl.id
                                for t, tmpl in cls.templates.items()})
        cls.accountant = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Ann Accountant", "login": "ann.interactions", "email": "ann@example.com",
            "groups_id": [(6, 0, [cls.env.ref("account.group_account_invoice").id,
                                  cls.env.ref("sales_team.group_sale_salesman").id,
                                  cls.env.ref("purchase.group_purchase_user").id])]})
        cls.product = cls.env["product.product"].create(
            {"name": "Interaction chair", "list_price": 100.0, "standard_price": 60.0})
        cls.campaign = cls.env["utm.campaign"].create({"name": "Spring mailing"})
        cls.account = cls.env["account.account"].search(
            [("user_type_id", "=", cls.env.ref("account.data_account_type_revenue").id)],
            limit=1)

    def invoice(self, inv_type="out_invoice", partner=None, **values):
        vals = {
            "partner_id": (partner or self.person).id, "type": inv_type,
            "user_id": self.salesman.id,
            "invoice_line_ids": [(0, 0, {"name": "Chair", "quantity": 1, "price_unit": 100,
                                         "account_id": self.account.id,
                                         "product_id": self.product.id})],
        }
        vals.update(values)
        return self.env["account.invoice"].create(vals)

    def sale_order(self, **values):
        vals = {"partner_id": self.person.id, "user_id": self.salesman.id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 2})]}
        vals.update(values)
        return self.env["sale.order"].create(vals)

    def purchase_order(self):
        return self.env["purchase.order"].create({
            "partner_id": self.other.id,
            "order_line": [(0, 0, {"product_id": self.product.id, "name": "Chair",
                                   "product_qty": 3, "price_unit": 60,
                                   "product_uom": self.product.uom_id.id,
                                   "date_planned": "2026-12-01 00:00:00"})]})

    def entries(self, document):
        return self.env["crm.interaction.log.entry"].search(
            [("res_model", "=", document._name), ("res_id", "in", document.ids)],
            order="id")

    def print_as(self, user, documents, report=None):
        report = self.env.ref(report or REPORTS[documents._name]).sudo(user)
        return report.render_qweb_pdf(documents.ids)

    # --- what is recorded -------------------------------------------------
    def test_print_customer_invoice(self):
        invoice = self.invoice(campaign_id=self.campaign.id)
        invoice.action_invoice_open()
        self.print_as(self.accountant, invoice)
        entry = self.entries(invoice)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.template_id, self.templates["sales_invoice"])
        self.assertEqual((entry.partner_id, entry.commercial_partner_id),
                         (self.person, self.company))
        self.assertEqual(entry.group_id, self.group)
        self.assertEqual((entry.cost, entry.duration), (0.5, 2))
        self.assertEqual((entry.information_flow, entry.initiated_by), ("outbound", "us"))
        self.assertEqual(entry.correspondence_type, "hard_copy")
        self.assertEqual(entry.user_id, self.salesman)  # the document's salesperson
        self.assertEqual(entry.logged_by_id, self.accountant)
        self.assertEqual(entry.description, "Sales Invoice %s" % invoice.display_name)
        self.assertEqual(entry.document_name, invoice.display_name)
        self.assertEqual(entry.document_occurrence, 1)
        self.assertEqual(entry.campaign_id, self.campaign)
        self.assertEqual(entry.company_id, invoice.company_id)
        action = entry.sudo(self.salesman).action_open_document()
        self.assertEqual((action["res_model"], action["res_id"]), ("account.invoice", invoice.id))
        # printed again: occurrence 2
        self.print_as(self.accountant, invoice, "account.account_invoice_action_report_duplicate"
                      if self.env.ref("account.account_invoice_action_report_duplicate", False)
                      else REPORTS["account.invoice"])
        self.assertEqual(self.entries(invoice).mapped("document_occurrence"), [1, 2])

    def test_each_document_type_uses_its_template(self):
        cases = [
            (self.invoice("out_refund"), "sales_credit_note", self.person),
            (self.invoice("in_invoice", partner=self.other), "purchase_invoice", self.other),
            (self.invoice("in_refund", partner=self.other), "purchase_credit_note", self.other),
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
            # sale orders are printed by their salesperson
            self.print_as(self.salesman if document._name == "sale.order" else self.accountant,
                          document)
            entry = self.entries(document)
            self.assertEqual(len(entry), 1, doc_type)
            self.assertEqual(entry.template_id, self.templates[doc_type], doc_type)
            self.assertEqual(entry.partner_id, partner, doc_type)
            self.assertEqual(entry.information_flow,
                             self.templates[doc_type].information_flow, doc_type)

    def test_quotation_keeps_its_opportunity(self):
        lead = self.env["crm.lead"].create({"name": "Chairs deal", "type": "opportunity",
                                            "partner_id": self.person.id})
        so = self.sale_order(opportunity_id=lead.id)
        self.print_as(self.salesman, so)
        self.assertEqual(self.entries(so).lead_id, lead)

    def test_print_twenty_invoices_at_once_through_wkhtmltopdf(self):
        invoices = self.env["account.invoice"]
        for _i in range(20):
            invoices |= self.invoice()
        self.print_as(self.accountant, invoices[:5])  # printed once before
        with patch.dict(tools.config.options,
                        {"test_report_directory": tempfile.mkdtemp()}):
            pdf, fmt = self.print_as(self.accountant, invoices)  # the real PDF path
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        entries = self.entries(invoices)
        self.assertEqual(len(entries), 25)
        for invoice in invoices:
            expected = [1, 2] if invoice in invoices[:5] else [1]
            self.assertEqual(self.entries(invoice).mapped("document_occurrence"), expected)

    # --- when nothing is recorded -------------------------------------------
    def test_no_template_set_up(self):
        self.company_main.interaction_template_sales_invoice_id = False
        invoice = self.invoice()
        self.print_as(self.accountant, invoice)
        self.assertFalse(self.entries(invoice))

    def test_html_preview_records_nothing(self):
        invoice = self.invoice()
        self.env.ref(REPORTS["account.invoice"]).sudo(self.accountant).render_qweb_html(
            invoice.ids)
        self.assertFalse(self.entries(invoice))

    def test_no_contact_records_nothing(self):
        invoice = self.invoice()
        with patch.object(type(invoice), "_interaction_partner",
                          lambda self: self.env["res.partner"]):
            self.print_as(self.accountant, invoice)
        self.assertFalse(self.entries(invoice))

    def test_failed_print_records_nothing(self):
        invoice = self.invoice()
        report = self.env.ref(REPORTS["account.invoice"])
        with patch.object(type(report), "render_qweb_html",
                          side_effect=UserError("wkhtmltopdf failed")):
            with self.assertRaises(UserError):
                self.print_as(self.accountant, invoice)
        self.assertFalse(self.entries(invoice))

    def test_print_never_fails_because_of_the_log(self):
        invoice = self.invoice()
        Entry = type(self.env["crm.interaction.log.entry"])
        with patch.object(Entry, "_bulk_create", side_effect=Exception("log broken")), \
                mute_logger("odoo.addons.crm_interaction_log.models."
                            "crm_interaction_document_mixin"):
            result = self.print_as(self.accountant, invoice)
        self.assertTrue(result[0])
        self.assertFalse(self.entries(invoice))

    def test_portal_download_records_nothing(self):
        portal = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Portal Paula", "login": "paula.portal.interactions",
            "partner_id": self.person.id,
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        invoice = self.invoice()
        invoice.action_invoice_open()
        invoice.sudo(portal)._interaction_record("hard_copy")
        self.assertFalse(self.entries(invoice))

    # --- sending ------------------------------------------------------------
    def send_by_email(self, user, action):
        """What the Send by Email button's composer does: load the mail
        template (rendering the PDF attachment), then Send."""
        composer = self.env["mail.compose.message"].sudo(user).with_context(
            **action["context"]).create({})
        values = composer.onchange_template_id(
            composer.template_id.id, composer.composition_mode, composer.model,
            composer.res_id)["value"]
        composer.write({k: v for k, v in values.items()
                        if k in composer._fields and k != "attachment_ids"})
        if values.get("attachment_ids"):
            composer.attachment_ids = values["attachment_ids"]
        return composer

    def test_send_invoice_by_email_records_one_email_entry(self):
        invoice = self.invoice()
        invoice.action_invoice_open()
        composer = self.send_by_email(
            self.accountant, invoice.sudo(self.accountant).action_invoice_sent())
        self.assertTrue(composer.attachment_ids, "the invoice PDF is attached")
        self.assertFalse(self.entries(invoice), "rendering the attachment is no print")
        composer.send_mail_action()  # the Send button
        entry = self.entries(invoice)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.correspondence_type, "email")
        self.assertEqual(entry.template_id, self.templates["sales_invoice"])
        self.assertEqual(entry.contact_via, "paula@example.com")
        # no "e-mail" entry on top of the document's
        self.assertFalse(self.env["crm.interaction.log.entry"].search(
            [("template_id", "=", self.templates["email"].id)]))

    def test_send_quotation_and_rfq_by_email(self):
        self.other.email = "olga@example.com"
        self.salesman.email = "sally@example.com"
        so = self.sale_order()
        self.send_by_email(self.salesman, so.sudo(self.salesman).action_quotation_send()) \
            .send_mail_action()
        self.assertEqual(so.state, "sent")
        self.assertEqual([(e.template_id, e.correspondence_type) for e in self.entries(so)],
                         [(self.templates["sales_quote"], "email")])
        po = self.purchase_order()
        self.send_by_email(self.accountant, po.sudo(self.accountant).with_context(
            send_rfq=True).action_rfq_send()).send_mail_action()
        self.assertEqual([(e.template_id, e.correspondence_type) for e in self.entries(po)],
                         [(self.templates["purchase_quote"], "email")])

    def test_automatic_messages_are_not_sends(self):
        invoice = self.invoice()
        invoice.action_invoice_open()
        invoice.message_post_with_template(
            self.env.ref("account.email_template_edi_invoice").id)
        self.assertFalse(self.entries(invoice))

    def test_message_to_contact_records_email_entry(self):
        self.other.email = "olga@example.com"
        self.person.sudo(self.salesman).message_post(
            body="<p>Here is our catalogue</p>", subject="Catalogue",
            message_type="comment", subtype="mail.mt_comment",
            partner_ids=[self.other.id])
        entry = self.env["crm.interaction.log.entry"].search(
            [("template_id", "=", self.templates["email"].id)])
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.partner_id, self.other)
        self.assertEqual(entry.correspondence_type, "email")
        self.assertIn("Catalogue", entry.description)

    def test_internal_note_records_nothing(self):
        self.person.sudo(self.salesman).message_post(
            body="internal", message_type="comment", subtype="mail.mt_note",
            partner_ids=[self.other.id])
        self.assertFalse(self.env["crm.interaction.log.entry"].search(
            [("template_id", "=", self.templates["email"].id)]))

    # --- setup ---------------------------------------------------------------
    def test_setup_refuses_templates_with_attachments(self):
        template = self.templates["sales_quote"]
        self.env["crm.interaction.template.language"].create({
            "template_id": template.id, "lang": "en_US",
            "attachment_id": self.env["ir.attachment"].create({"name": "x.txt"}).id})
        with self.assertRaises(ValidationError):
            self.company_main.interaction_template_sales_order_id = template

    def test_settings_show_company_setup(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.interaction_template_sales_invoice_id,
                         self.templates["sales_invoice"])

    def test_other_document_types_are_not_recorded(self):
        self.assertFalse(hasattr(self.env["res.partner"], "_interaction_record"))

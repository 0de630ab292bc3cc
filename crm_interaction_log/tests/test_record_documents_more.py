# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import InteractionCase

DOCUMENT_TYPES = (
    "sales_quote",
    "sales_proforma",
    "payment_receipt",
    "delivery",
    "receipt",
    "sales_return",
    "purchase_return",
    "meeting_invitation",
)
RETURN_SLIP = "stock.return_label_report"


@tagged("post_install", "-at_install")
class TestRecordDocumentsMore(InteractionCase):
    """The documents of Odoo that have an equivalent in the reference besides
    invoices, orders and transfers: payment receipts, returns, pro forma
    invoices and meeting invitations, each with a document type of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_main = cls.env.company
        # as test_record_documents: a database set up without a chart of
        # accounts gets the generic one, so that invoices can be posted
        if not cls.company_main.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.company_main, install_demo=False
            )
        cls.templates = {
            doc_type: cls.env["crm.interaction.template"].create(
                {
                    "code": f"TMORE{i:02d}",
                    "name": doc_type.replace("_", " ").title(),
                    "group_id": cls.group.id,
                }
            )
            for i, doc_type in enumerate(DOCUMENT_TYPES)
        }
        cls.company_main._set_interaction_templates(cls.templates)
        cls.accountant = new_test_user(
            cls.env,
            login="amy.more.interactions",
            groups="account.group_account_invoice",
            name="Amy Accountant",
            email="amy@example.com",
        )
        cls.warehouse_user = new_test_user(
            cls.env,
            login="wes.more.interactions",
            groups="stock.group_stock_user",
            name="Wes Warehouse",
            email="wes@example.com",
        )
        cls.proforma_salesman = new_test_user(
            cls.env,
            login="pia.more.interactions",
            groups="sales_team.group_sale_salesman,sale.group_proforma_sales",
            name="Pia Pro-Forma",
            email="pia@example.com",
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Interaction desk", "list_price": 200.0, "standard_price": 90.0}
        )
        cls.other.email = "olga@example.com"

    # --- helpers ------------------------------------------------------------
    def entries(self, documents):
        return self.env["crm.interaction.log.entry"].search(
            [("res_model", "=", documents._name), ("res_id", "in", documents.ids)],
            order="id",
        )

    def print_as(self, user, documents, report):
        """Print as the Print menu does (under tests Odoo renders the HTML of
        the PDF, through the same method)."""
        return (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_pdf(report, res_ids=documents.ids)
        )

    def composer(self, user, action, **context):
        """The mail composer an action opens, as its user."""
        action_context = action.get("context") or {}
        if isinstance(action_context, str):  # a window action's, as stored
            action_context = safe_eval(action_context)
        return (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action_context, **context)
            .create({})
        )

    def assert_entry(self, entry, document, code, partner, correspondence_type):
        self.assertEqual(len(entry), 1)
        self.assertRecordValues(
            entry,
            [
                {
                    "res_model": document._name,
                    "res_id": document.id,
                    "partner_id": partner.id,
                    "template_id": self.templates[code].id,
                    "correspondence_type": correspondence_type,
                    "channel": "document",
                }
            ],
        )
        self.assertEqual(entry.document_type_id.code, code)

    def sale_order(self):
        return self.env["sale.order"].create(
            {
                "partner_id": self.person.id,
                "user_id": self.proforma_salesman.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.product.id, "product_uom_qty": 2}
                    )
                ],
            }
        )

    def purchase_order(self):
        return self.env["purchase.order"].create(
            {
                "partner_id": self.other.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_qty": 3,
                            "price_unit": 90,
                        }
                    )
                ],
            }
        )

    def validate(self, picking):
        picking.move_ids.quantity = picking.move_ids.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")

    def return_of(self, picking, user):
        """The return of ``picking``, made and validated by ``user`` as the
        Return button's wizard does."""
        wizard = (
            self.env["stock.return.picking"]
            .with_user(user)
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({})
        )
        # the user says how much comes back: all of it
        for line in wizard.product_return_moves:
            line.quantity = line.move_quantity
        action = wizard.action_create_returns()
        returned = self.env["stock.picking"].with_user(user).browse(action["res_id"])
        self.validate(returned)
        return returned

    # --- payment receipts -----------------------------------------------------
    def test_customer_payment_receipt_printed_and_sent(self):
        self.company.email = "accounts@example.com"
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.person.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create({"product_id": self.product.id, "price_unit": 200})
                ],
            }
        )
        invoice.action_post()
        # the accountant registers the customer's payment of the invoice
        action = invoice.with_user(self.accountant).action_register_payment()
        register = (
            self.env[action["res_model"]]
            .with_user(self.accountant)
            .with_context(**action["context"])
            .create({})
        )
        register.action_create_payments()
        payment = invoice.matched_payment_ids
        self.assertEqual(len(payment), 1)
        self.assertEqual(
            (payment.payment_type, payment.partner_type), ("inbound", "customer")
        )
        # Odoo's payment is the customer company's
        self.assertEqual(payment.partner_id, self.company)
        self.assertFalse(self.entries(payment), "registering a payment is no print")
        # and prints its receipt
        self.print_as(self.accountant, payment, "account.action_report_payment_receipt")
        entry = self.entries(payment)
        self.assert_entry(entry, payment, "payment_receipt", self.company, "hard_copy")
        self.assertEqual(entry.logged_by_id, self.accountant)
        self.assertEqual(entry.document_occurrence, 1)
        # "Send receipt by email": the composer of the payment's receipt
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.account_send_payment_receipt_by_email_action"
        )
        composer = self.composer(
            self.accountant,
            action,
            active_model="account.payment",
            active_id=payment.id,
            active_ids=payment.ids,
        )
        self.assertTrue(composer.attachment_ids, "the receipt's PDF is attached")
        composer.action_send_mail()
        sent = self.entries(payment) - entry
        self.assert_entry(sent, payment, "payment_receipt", self.company, "email")
        self.assertEqual(sent.contact_via, "accounts@example.com")
        self.assertEqual(sent.document_occurrence, 2)
        # the invoice's own type is not the receipt's
        self.assertFalse(self.entries(invoice))

    def test_vendor_payment_records_no_receipt(self):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "outbound",
                "partner_type": "supplier",
                "partner_id": self.other.id,
                "amount": 50.0,
            }
        )
        payment.action_post()
        self.print_as(self.accountant, payment, "account.action_report_payment_receipt")
        self.assertFalse(self.entries(payment))

    # --- returns ------------------------------------------------------------
    def test_return_of_a_delivery_is_a_sales_return(self):
        so = self.sale_order()
        so.action_confirm()
        delivery = so.picking_ids
        self.validate(delivery)
        returned = self.return_of(delivery, self.warehouse_user)
        self.assertEqual(returned.return_id, delivery)
        self.print_as(self.warehouse_user, returned, RETURN_SLIP)
        entry = self.entries(returned)
        self.assert_entry(entry, returned, "sales_return", self.person, "hard_copy")
        self.assertEqual(entry.logged_by_id, self.warehouse_user)
        self.assertEqual(entry.user_id, self.proforma_salesman)  # the order's
        # its delivery slip is the same document, printed a second time
        self.print_as(self.warehouse_user, returned, "stock.action_report_delivery")
        self.assertEqual(self.entries(returned).mapped("document_occurrence"), [1, 2])
        self.assertEqual(
            self.entries(returned).document_type_id.mapped("code"), ["sales_return"]
        )
        # the delivery itself is still a delivery
        self.print_as(self.warehouse_user, delivery, "stock.action_report_delivery")
        self.assert_entry(
            self.entries(delivery), delivery, "delivery", self.person, "hard_copy"
        )

    def test_return_of_a_receipt_is_a_purchase_return(self):
        po = self.purchase_order()
        po.button_confirm()
        receipt = po.picking_ids
        self.validate(receipt)
        returned = self.return_of(receipt, self.warehouse_user)
        self.assertEqual(returned.return_id, receipt)
        self.print_as(self.warehouse_user, returned, "stock.action_report_delivery")
        entry = self.entries(returned)
        self.assert_entry(entry, returned, "purchase_return", self.other, "hard_copy")
        self.assertEqual(entry.logged_by_id, self.warehouse_user)
        # the warehouse's picking sheet of the return is not handed out
        self.print_as(self.warehouse_user, returned, "stock.action_report_picking")
        self.assertEqual(len(self.entries(returned)), 1)

    # --- pro forma invoices ---------------------------------------------------
    def test_pro_forma_printed_and_sent(self):
        so = self.sale_order()
        # the Print menu's PRO-FORMA Invoice, as the web client asks for it
        # (by its template) and as code does (by its XML id)
        self.print_as(
            self.proforma_salesman, so, "sale.action_report_pro_forma_invoice"
        )
        self.print_as(self.proforma_salesman, so, "sale.report_saleorder_pro_forma")
        entries = self.entries(so)
        self.assertEqual(len(entries), 2)
        self.assertEqual(entries.document_type_id.code, "sales_proforma")
        self.assertEqual(entries.template_id, self.templates["sales_proforma"])
        self.assertEqual(entries.partner_id, self.person)
        self.assertEqual(entries.logged_by_id, self.proforma_salesman)
        # the quotation itself is still a quotation
        self.print_as(self.proforma_salesman, so, "sale.action_report_saleorder")
        quote = self.entries(so) - entries
        self.assert_entry(quote, so, "sales_quote", self.person, "hard_copy")
        # "Send PRO-FORMA Invoice" on the confirmed order
        so.action_confirm()
        action = (
            so.with_user(self.proforma_salesman)
            .with_context(proforma=True)
            .action_quotation_send()
        )
        self.composer(self.proforma_salesman, action).action_send_mail()
        sent = self.entries(so) - entries - quote
        self.assert_entry(sent, so, "sales_proforma", self.person, "email")
        self.assertEqual(sent.contact_via, "paula@example.com")

    # --- meeting invitations ----------------------------------------------
    def test_meeting_invitation_records_external_attendees(self):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
        self.person2.email = False  # Odoo e-mails no invitation to him
        event = (
            self.env["calendar.event"]
            .with_user(self.salesman)
            .create(
                {
                    "name": "Kick-off",
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "user_id": self.salesman.id,
                    "partner_ids": [
                        Command.set(
                            (
                                self.salesman.partner_id
                                | self.manager.partner_id
                                | self.person
                                | self.person2
                            ).ids
                        )
                    ],
                }
            )
        )
        # Odoo e-mailed the invitation to the colleague and to Paula
        invited = self.env["mail.message"].search(
            [("model", "=", "calendar.event"), ("res_id", "=", event.id)]
        )
        self.assertEqual(
            invited.partner_ids, self.manager.partner_id | self.person, invited
        )
        entry = self.entries(event)
        self.assert_entry(entry, event, "meeting_invitation", self.person, "email")
        self.assertRecordValues(
            entry,
            [
                {
                    "contact_via": "paula@example.com",
                    "user_id": self.salesman.id,
                    "logged_by_id": self.salesman.id,
                    "document_name": "Kick-off",
                    "description": "Meeting Invitation Kick-off",
                    "company_id": self.salesman.company_id.id,
                }
            ],
        )
        # an attendee added later gets his invitation, the others none again
        event.with_user(self.salesman).partner_ids = [Command.link(self.other.id)]
        self.assertEqual(
            self.entries(event).mapped("partner_id"), self.person | self.other
        )
        self.assertEqual(len(self.entries(event)), 2)

    def test_meeting_invitation_without_template_records_nothing(self):
        self.company_main._set_interaction_templates({"meeting_invitation": False})
        start = fields.Datetime.now() + timedelta(days=2)
        event = (
            self.env["calendar.event"]
            .with_user(self.salesman)
            .create(
                {
                    "name": "Kick-off",
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "partner_ids": [Command.set(self.person.ids)],
                }
            )
        )
        self.assertFalse(self.entries(event))

    # --- setup --------------------------------------------------------------
    def test_new_document_types_are_set_up_like_the_others(self):
        setup = (
            self.env["crm.interaction.template.setup"]
            .with_user(self.manager)
            .create({})
        )
        for code in (
            "payment_receipt",
            "sales_return",
            "purchase_return",
            "sales_proforma",
            "meeting_invitation",
        ):
            with self.subTest(code=code):
                self.assertEqual(
                    self.template_of(setup.document_template_ids, code),
                    self.templates[code],
                )

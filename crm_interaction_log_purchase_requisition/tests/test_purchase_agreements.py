# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_interaction_log.tests.common import InteractionCase

REPORT = "purchase_requisition.action_report_purchase_requisitions"


@tagged("post_install", "-at_install")
class TestPurchaseAgreements(InteractionCase):
    """Printing a purchase agreement records an entry on its vendor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreement_template = cls.env["crm.interaction.template"].create(
            {
                "code": "TAGREE",
                "name": "Purchase Agreement",
                "group_id": cls.group.id,
                "information_flow": "outbound",
            }
        )
        cls.env.company._set_interaction_templates(
            {"purchase_agreement": cls.agreement_template}
        )
        cls.buyer = new_test_user(
            cls.env,
            login="bert.agreements.interactions",
            groups="purchase.group_purchase_user",
            name="Bert Buyer",
            email="bert@example.com",
        )
        cls.product = cls.env["product.product"].create({"name": "Agreed bolt"})

    def agreement(self, requisition_type, vendor):
        return (
            self.env["purchase.requisition"]
            .with_user(self.buyer)
            .create(
                {
                    "requisition_type": requisition_type,
                    "vendor_id": vendor.id,
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_qty": 100,
                                "price_unit": 2,
                            }
                        )
                    ],
                }
            )
        )

    def entries(self, documents):
        return self.env["crm.interaction.log.entry"].search(
            [("res_model", "=", documents._name), ("res_id", "in", documents.ids)],
            order="id",
        )

    def print_as(self, user, documents):
        return (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_pdf(REPORT, res_ids=documents.ids)
        )

    def test_buyer_prints_agreements(self):
        """A blanket order, and a purchase template (what Odoo 18 has of the
        calls for tenders), each recorded on its vendor."""
        blanket = self.agreement("blanket_order", self.other)
        blanket.action_confirm()
        template = self.agreement("purchase_template", self.company)
        self.print_as(self.buyer, blanket | template)
        for agreement, vendor in ((blanket, self.other), (template, self.company)):
            with self.subTest(agreement=agreement.requisition_type):
                entry = self.entries(agreement)
                self.assertEqual(len(entry), 1)
                self.assertRecordValues(
                    entry,
                    [
                        {
                            "partner_id": vendor.id,
                            "template_id": self.agreement_template.id,
                            "correspondence_type": "hard_copy",
                            "channel": "document",
                            "user_id": self.buyer.id,
                            "logged_by_id": self.buyer.id,
                            "document_name": agreement.display_name,
                            "document_occurrence": 1,
                        }
                    ],
                )
                self.assertEqual(entry.document_type_id.code, "purchase_agreement")
        # printed again: its second occurrence
        self.print_as(self.buyer, blanket)
        self.assertEqual(self.entries(blanket).mapped("document_occurrence"), [1, 2])

    def test_agreement_without_vendor_or_canceled_records_nothing(self):
        template = self.agreement("purchase_template", self.env["res.partner"])
        canceled = self.agreement("blanket_order", self.other)
        canceled.action_cancel()
        self.print_as(self.buyer, template | canceled)
        self.assertFalse(self.entries(template | canceled))

    def test_agreements_are_in_the_setup(self):
        setup = (
            self.env["crm.interaction.template.setup"]
            .with_user(self.manager)
            .create({})
        )
        self.assertEqual(
            self.template_of(setup.document_template_ids, "purchase_agreement"),
            self.agreement_template,
        )

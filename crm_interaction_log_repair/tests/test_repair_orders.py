# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_interaction_log.tests.common import InteractionCase

REPORT = "repair.action_report_repair_order"


@tagged("post_install", "-at_install")
class TestRepairOrders(InteractionCase):
    """Printing a repair records a repair quote while it is new, a repair
    order once confirmed, on its customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Template = cls.env["crm.interaction.template"]
        cls.repair_templates = {
            code: Template.create(
                {"code": f"TREP{i}", "name": name, "group_id": cls.group.id}
            )
            for i, (code, name) in enumerate(
                (("repair_quote", "Repair Quote"), ("repair_order", "Repair Order"))
            )
        }
        cls.env.company._set_interaction_templates(cls.repair_templates)
        # repairs are the warehouse's: its users make and print them
        cls.technician = new_test_user(
            cls.env,
            login="tina.repairs.interactions",
            groups="stock.group_stock_user",
            name="Tina Technician",
            email="tina@example.com",
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

    def test_technician_prints_quote_then_order(self):
        repair = (
            self.env["repair.order"]
            .with_user(self.technician)
            .create({"partner_id": self.person.id})
        )
        self.assertEqual(repair.state, "draft")
        self.print_as(self.technician, repair)
        repair.action_validate()
        self.assertEqual(repair.state, "confirmed")
        self.print_as(self.technician, repair)
        entries = self.entries(repair)
        self.assertEqual(len(entries), 2)
        self.assertEqual(
            entries.mapped("document_type_id.code"), ["repair_quote", "repair_order"]
        )
        self.assertEqual(
            entries.template_id.ids,
            [self.repair_templates[c].id for c in ("repair_quote", "repair_order")],
        )
        self.assertEqual(entries.mapped("document_occurrence"), [1, 2])
        for entry in entries:
            self.assertRecordValues(
                entry,
                [
                    {
                        "partner_id": self.person.id,
                        "commercial_partner_id": self.company.id,
                        "correspondence_type": "hard_copy",
                        "user_id": self.technician.id,
                        "logged_by_id": self.technician.id,
                        "res_model": "repair.order",
                        "res_id": repair.id,
                    }
                ],
            )

    def test_canceled_repair_records_nothing(self):
        repair = (
            self.env["repair.order"]
            .with_user(self.technician)
            .create({"partner_id": self.person.id})
        )
        repair.action_repair_cancel()
        self.print_as(self.technician, repair)
        self.assertFalse(self.entries(repair))

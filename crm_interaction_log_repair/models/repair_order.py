# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class RepairOrder(models.Model):
    """Repair orders printed (the Repair Order report) or sent by e-mail to
    their customer: a quotation while new, an order once confirmed; a
    canceled one is not recorded."""

    _name = "repair.order"
    _inherit = ["repair.order", "crm.interaction.document.mixin"]

    def _interaction_document_type(self):
        if self.state == "draft":
            return "repair_quote"
        if self.state in ("confirmed", "under_repair", "done"):
            return "repair_order"
        return False

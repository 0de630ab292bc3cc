# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class PurchaseOrder(models.Model):
    _name = "purchase.order"
    _inherit = ["purchase.order", "crm.interaction.document.mixin"]

    def _interaction_document_type(self):
        if self.state in ("draft", "sent", "to approve"):
            return "purchase_quote"
        if self.state in ("purchase", "done"):
            return "purchase_order"
        return False

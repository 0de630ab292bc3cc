# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "crm.interaction.document.mixin"]

    def _interaction_document_type(self):
        if self.state in ("draft", "sent"):
            return "sales_quote"
        if self.state == "sale":
            return "sales_order"
        return False

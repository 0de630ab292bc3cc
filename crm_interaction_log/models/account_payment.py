# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountPayment(models.Model):
    """Receipts of customer payments, printed (the Payment Receipt report)
    or sent by e-mail ("Send receipt by email"); payments to vendors and
    refunds to customers are not recorded."""

    _name = "account.payment"
    _inherit = ["account.payment", "crm.interaction.document.mixin"]

    def _interaction_document_type(self):
        if self.payment_type == "inbound" and self.partner_type == "customer":
            return "payment_receipt"
        return False

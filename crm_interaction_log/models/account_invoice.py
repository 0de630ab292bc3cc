# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

INVOICE_DOCUMENT_TYPES = {
    "out_invoice": "sales_invoice",
    "out_refund": "sales_credit_note",
    "in_invoice": "purchase_invoice",
    "in_refund": "purchase_credit_note",
}


class AccountInvoice(models.Model):
    _name = "account.invoice"
    _inherit = ["account.invoice", "crm.interaction.document.mixin"]

    def _interaction_document_type(self):
        return INVOICE_DOCUMENT_TYPES.get(self.type, False)

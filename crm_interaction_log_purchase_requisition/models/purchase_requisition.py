# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class PurchaseRequisition(models.Model):
    """Purchase agreements -- blanket orders and purchase templates -- printed
    (the Purchase Agreements report) or sent by e-mail to their vendor; a
    canceled one is not recorded, nor one without vendor."""

    _name = "purchase.requisition"
    _inherit = ["purchase.requisition", "crm.interaction.document.mixin"]

    def _interaction_document_type(self):
        return self.state != "cancel" and "purchase_agreement"

    def _interaction_partner(self):
        return self.vendor_id

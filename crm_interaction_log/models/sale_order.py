# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

PRO_FORMA_REPORT = "sale.report_saleorder_pro_forma"


class SaleOrder(models.Model):
    """Quotations and sales orders; sent or printed as a pro forma invoice,
    either is a pro forma."""

    _name = "sale.order"
    _inherit = ["sale.order", "crm.interaction.document.mixin"]

    def _interaction_document_type(self):
        if self.state == "cancel":
            return False
        # Odoo's own mark of a pro forma: the context of "Send PRO-FORMA
        # Invoice", in which its e-mail and the report's title say so
        if self.env.context.get("proforma"):
            return "sales_proforma"
        if self.state in ("draft", "sent"):
            return "sales_quote"
        if self.state == "sale":
            return "sales_order"
        return False

    def _interaction_printed_with(self, report):
        # the pro forma report prints the order in Odoo's own context of a
        # pro forma (that of "Send PRO-FORMA Invoice")
        if report.report_name == PRO_FORMA_REPORT:
            return self.with_context(proforma=True)
        return self

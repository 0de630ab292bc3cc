# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from .switches import PRINTS, switched

PICKING_DOCUMENT_TYPES = {
    "outgoing": "delivery",
    "incoming": "receipt",
}
# The report that goes with the goods to or from the contact. The other
# reports of a transfer (picking operations, packages, return slip) are sheets
# for the warehouse, not documents handed to the contact.
DELIVERY_SLIP_REPORT = "stock.report_deliveryslip"


class StockPicking(models.Model):
    """Delivery slips of outgoing transfers and receipts of incoming ones,
    printed as the Delivery Slip report or sent by e-mail; internal transfers
    are not recorded."""

    _name = "stock.picking"
    _inherit = ["stock.picking", "crm.interaction.document.mixin"]

    def _interaction_document_type(self):
        return PICKING_DOCUMENT_TYPES.get(self.picking_type_code, False)

    def _interaction_salesperson(self):
        """The salesperson or buyer of the order the transfer comes from (when
        sale_stock or purchase_stock is installed); else its responsible."""
        for order_field in ("sale_id", "purchase_id"):
            if order_field in self._fields and self[order_field].user_id:
                return self[order_field].user_id
        return self.user_id

    def _interaction_report_is_document(self, report):
        return report.report_name == DELIVERY_SLIP_REPORT

    def _attach_sign(self):
        # the signed delivery slip is kept on the transfer, not printed
        with switched(PRINTS):
            return super()._attach_sign()

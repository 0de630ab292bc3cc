# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from .switches import PRINTS, switched

PICKING_DOCUMENT_TYPES = {
    "outgoing": "delivery",
    "incoming": "receipt",
}
# A return, by the transfer it returns: the goods of a delivery come back
# from the customer, those of a receipt go back to the vendor.
RETURN_DOCUMENT_TYPES = {
    "outgoing": "sales_return",
    "incoming": "purchase_return",
}
# The reports that go with the goods to or from the contact: the delivery
# slip, and the return slip the contact puts in the parcel he sends back. The
# other reports of a transfer (picking operations, packages) are sheets for
# the warehouse, not documents handed to the contact.
CONTACT_REPORTS = ("stock.report_deliveryslip", "stock.report_return_slip")


class StockPicking(models.Model):
    """Delivery slips of outgoing transfers, receipts of incoming ones and
    the slips of returns, printed or sent by e-mail; internal transfers are
    not recorded."""

    _name = "stock.picking"
    _inherit = ["stock.picking", "crm.interaction.document.mixin"]

    def _interaction_document_type(self):
        if self.return_id:
            return RETURN_DOCUMENT_TYPES.get(self.return_id.picking_type_code, False)
        return PICKING_DOCUMENT_TYPES.get(self.picking_type_code, False)

    def _interaction_salesperson(self):
        """The salesperson or buyer of the order the transfer comes from (when
        sale_stock or purchase_stock is installed); else its responsible."""
        for order_field in ("sale_id", "purchase_id"):
            if order_field in self._fields and self[order_field].user_id:
                return self[order_field].user_id
        return self.user_id

    def _interaction_report_is_document(self, report):
        return report.report_name in CONTACT_REPORTS

    def _attach_sign(self):
        # the signed delivery slip is kept on the transfer, not printed
        with switched(PRINTS):
            return super()._attach_sign()

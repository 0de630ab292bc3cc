# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .res_company import TEMPLATE_DOMAIN, TEMPLATE_FIELDS


def _setting(document_type):
    """The company's template of a document type, in Settings > Sales."""
    return fields.Many2one(
        related=f"company_id.{TEMPLATE_FIELDS[document_type]}",
        readonly=False,
        domain=TEMPLATE_DOMAIN,
        check_company=True,
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    interaction_template_sales_invoice_id = _setting("sales_invoice")
    interaction_template_sales_credit_note_id = _setting("sales_credit_note")
    interaction_template_sales_quote_id = _setting("sales_quote")
    interaction_template_sales_order_id = _setting("sales_order")
    interaction_template_purchase_invoice_id = _setting("purchase_invoice")
    interaction_template_purchase_credit_note_id = _setting("purchase_credit_note")
    interaction_template_purchase_quote_id = _setting("purchase_quote")
    interaction_template_purchase_order_id = _setting("purchase_order")
    interaction_template_delivery_id = _setting("delivery")
    interaction_template_receipt_id = _setting("receipt")
    interaction_template_email_id = _setting("email")
    interaction_template_meeting_id = _setting("meeting")
    interaction_template_sms_id = _setting("sms")

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# A template with language-specific attachments is for letters written to a
# segment; a printed or sent document is its own attachment.
TEMPLATE_DOMAIN = [("has_attachments", "=", False)]
# The document types recorded as interactions when printed or sent, with the
# label of their template in the Interaction Template Setup. The template of
# type ``<key>`` is the company field ``interaction_template_<key>_id``.
DOCUMENT_TYPES = {
    "sales_invoice": "Customer Invoices",
    "sales_credit_note": "Customer Credit Notes",
    "sales_quote": "Quotations",
    "sales_order": "Sales Order Confirmations",
    "purchase_invoice": "Vendor Bills",
    "purchase_credit_note": "Vendor Credit Notes",
    "purchase_quote": "Requests for Quotation",
    "purchase_order": "Purchase Orders",
    "delivery": "Delivery Slips",
    "receipt": "Receipts",
    "email": "E-mails",
    "meeting": "Meetings",
    "sms": "SMS Messages",
}
TEMPLATE_FIELDS = {key: f"interaction_template_{key}_id" for key in DOCUMENT_TYPES}


def template_field(document_type, **kwargs):
    """The template field of a document type, as the company, the setup
    wizard and the settings declare it."""
    return fields.Many2one(
        comodel_name="crm.interaction.template",
        string=DOCUMENT_TYPES[document_type],
        ondelete="set null",
        domain=TEMPLATE_DOMAIN,
        help="The interaction recorded when such a document is printed or sent. "
        "Blank: not recorded.",
        **kwargs,
    )


class ResCompany(models.Model):
    """Interaction Template Setup: one template per document type and company."""

    _inherit = "res.company"

    interaction_template_sales_invoice_id = template_field("sales_invoice")
    interaction_template_sales_credit_note_id = template_field("sales_credit_note")
    interaction_template_sales_quote_id = template_field("sales_quote")
    interaction_template_sales_order_id = template_field("sales_order")
    interaction_template_purchase_invoice_id = template_field("purchase_invoice")
    interaction_template_purchase_credit_note_id = template_field(
        "purchase_credit_note"
    )
    interaction_template_purchase_quote_id = template_field("purchase_quote")
    interaction_template_purchase_order_id = template_field("purchase_order")
    interaction_template_delivery_id = template_field("delivery")
    interaction_template_receipt_id = template_field("receipt")
    interaction_template_email_id = template_field("email")
    interaction_template_meeting_id = template_field("meeting")
    interaction_template_sms_id = template_field("sms")

    @api.constrains(*TEMPLATE_FIELDS.values())
    def _check_interaction_templates(self):
        for company in self:
            for name in TEMPLATE_FIELDS.values():
                company[name]._check_can_record(company)

    def _interaction_template(self, document_type):
        """The template set up for a document type (``sales_invoice``, ...)."""
        self.ensure_one()
        field = TEMPLATE_FIELDS.get(document_type)
        return self[field] if field else self.env["crm.interaction.template"]

    def _interaction_template_fields(self):
        return list(TEMPLATE_FIELDS.values())

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

TEMPLATE_DOMAIN = [("has_attachments", "=", False)]
# Document types recorded as interactions when printed or sent, with the label
# of their template in the Interaction Template Setup.
DOCUMENT_TYPES = [
    ("sales_invoice", "Customer Invoices"),
    ("sales_credit_note", "Customer Credit Notes"),
    ("sales_quote", "Quotations"),
    ("sales_order", "Sales Order Confirmations"),
    ("purchase_invoice", "Vendor Bills"),
    ("purchase_credit_note", "Vendor Credit Notes"),
    ("purchase_quote", "Requests for Quotation"),
    ("purchase_order", "Purchase Orders"),
    ("email", "E-mails"),
]


def _template_field(string):
    return fields.Many2one(
        comodel_name="crm.interaction.template", string=string, ondelete="set null",
        domain=TEMPLATE_DOMAIN,
        help="The interaction recorded when such a document is printed or sent. "
             "Blank: not recorded.")


class ResCompany(models.Model):
    """Interaction Template Setup: one template per document type and company."""

    _inherit = "res.company"

    locals().update({
        "interaction_template_%s_id" % key: _template_field(label)
        for key, label in DOCUMENT_TYPES})

    def _interaction_template(self, document_type):
        """The template set up for a document type (``sales_invoice``, ...)."""
        self.ensure_one()
        field = "interaction_template_%s_id" % document_type
        return self[field] if field in self._fields else \
            self.env["crm.interaction.template"]

    def _interaction_template_fields(self):
        return [name for name in self._fields
                if name.startswith("interaction_template_") and name.endswith("_id")]

    @api.constrains(
        "interaction_template_sales_invoice_id", "interaction_template_sales_credit_note_id",
        "interaction_template_sales_quote_id", "interaction_template_sales_order_id",
        "interaction_template_purchase_invoice_id",
        "interaction_template_purchase_credit_note_id",
        "interaction_template_purchase_quote_id", "interaction_template_purchase_order_id",
        "interaction_template_email_id")
    def _check_interaction_templates(self):
        for company in self:
            for name in company._interaction_template_fields():
                template = company[name]
                if template.has_attachments:
                    raise ValidationError(
                        _("The interaction template %s has language-specific "
                          "attachments and cannot record documents.")
                        % template.display_name)
                if template.company_id and template.company_id != company:
                    raise ValidationError(
                        _("The interaction template %s belongs to another company.")
                        % template.display_name)

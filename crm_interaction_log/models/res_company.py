# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResCompany(models.Model):
    """Interaction Template Setup: one line per document type and company."""

    _inherit = "res.company"

    interaction_document_template_ids = fields.One2many(
        comodel_name="crm.interaction.document.template",
        inverse_name="company_id",
        string="Interaction Template Setup",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # sudo: a new company gets a line for each document type, empty;
        # there are a dozen types, one for each document the log records
        types = self.env["crm.interaction.document.type"].sudo().search([])  # pylint: disable=no-search-all
        self.env["crm.interaction.document.template"].sudo().create(
            [
                {"company_id": company.id, "document_type_id": document_type.id}
                for company in companies
                for document_type in types
            ]
        )
        return companies

    def _interaction_template(self, code):
        """The template set up for the document type ``code``
        (``sales_invoice``, ...), empty when it is not recorded."""
        self.ensure_one()
        template_id = self.env["crm.interaction.document.template"]._template_id(
            self.id, code
        )
        return self.env["crm.interaction.template"].browse(template_id)

    def _set_interaction_templates(self, templates):
        """Set up the templates of document types: ``{code: template}``, a
        template record or id, False for none."""
        self.ensure_one()
        lines = self.sudo().interaction_document_template_ids
        for code, template in templates.items():
            line = lines.filtered(lambda line, c=code: line.document_type_id.code == c)
            line.ensure_one()
            template_id = template if isinstance(template, int) else template.id
            line.with_env(self.env).write({"template_id": template_id or False})

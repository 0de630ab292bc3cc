# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools

from .crm_interaction_template import TEMPLATE_DOMAIN


class CrmInteractionDocumentTemplate(models.Model):
    """Interaction Template Setup: the template that records a document type
    of a company when such a document is printed or sent. The company form,
    the settings and the setup wizard show these lines."""

    _name = "crm.interaction.document.template"
    _inherit = ["crm.interaction.checked.mixin"]
    _description = "Interaction Template of a Document Type"
    _order = "company_id, sequence, document_type_id"
    _check_company_auto = True
    _rec_name = "document_type_id"

    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        ondelete="cascade",
        readonly=True,
    )
    document_type_id = fields.Many2one(
        comodel_name="crm.interaction.document.type",
        required=True,
        ondelete="cascade",
        readonly=True,
    )
    sequence = fields.Integer(related="document_type_id.sequence", store=True)
    template_id = fields.Many2one(
        comodel_name="crm.interaction.template",
        string="Interaction Template",
        ondelete="set null",
        domain=TEMPLATE_DOMAIN,
        check_company=True,
        help="The interaction recorded when such a document is printed or sent. "
        "Blank: not recorded.",
    )

    _sql_constraints = [
        (
            "company_document_type_unique",
            "UNIQUE(company_id, document_type_id)",
            "A company has one template per document type.",
        ),
    ]

    @api.constrains("template_id", "company_id")
    def _check_template(self):
        for line in self:
            line.template_id._check_can_record(line.company_id)

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    @tools.ormcache()
    def _codes_set_up(self):
        """The document types some company records: a delivery report of an
        SMS costs nothing when no company records SMS. Cached as
        ``_template_id``."""
        lines = self.sudo().search([("template_id", "!=", False)])
        return frozenset(lines.document_type_id.mapped("code"))

    @api.model
    @tools.ormcache("company_id", "code")
    def _template_id(self, company_id, code):
        """The id of the template of document type ``code`` of the company,
        or False. Asked on every print, e-mail and SMS: cached until a line,
        a type or a template changes."""
        line = self.sudo().search(
            [("company_id", "=", company_id), ("document_type_id.code", "=", code)],
            limit=1,
        )
        template = line.template_id
        # a template of another company (a setup broken behind the ORM's
        # back) records nothing: the writers trust this one
        if template.company_id and template.company_id.id != company_id:
            return False
        return template.id

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools


class CrmInteractionDocumentType(models.Model):
    """A kind of document recorded as an interaction when it is printed or
    sent (customer invoices, delivery slips, SMS...). The module that records
    it brings its record; every company then has a line for it in its
    Interaction Template Setup (``crm.interaction.document.template``)."""

    _name = "crm.interaction.document.type"
    _description = "Document Type Recorded as Interaction"
    _order = "sequence, id"

    code = fields.Char(
        required=True,
        help="The code by which the interaction log finds the template of this "
        "document type.",
    )
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)

    _sql_constraints = [
        (
            "code_unique",
            "UNIQUE(code)",
            "A document type with this code already exists.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        types = super().create(vals_list)
        # sudo: every company gets the new type's line, whoever installs it
        companies = self.env["res.company"].sudo().with_context(active_test=False)
        self.env["crm.interaction.document.template"].sudo().create(
            [
                {"company_id": company.id, "document_type_id": document_type.id}
                for company in companies.search([])
                for document_type in types
            ]
        )
        return types

    def write(self, vals):
        if "code" in vals:
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    @tools.ormcache("code")
    def _id_of(self, code):
        """The id of the document type ``code``, which its entries keep;
        cached until a type changes."""
        return self.sudo().search([("code", "=", code)], limit=1).id or False

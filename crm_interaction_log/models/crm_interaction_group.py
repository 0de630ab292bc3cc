# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmInteractionGroup(models.Model):
    _name = "crm.interaction.group"
    _description = "Interaction Group"
    _inherit = ["crm.interaction.statistics.mixin", "crm.interaction.checked.mixin"]
    _order = "code"
    _rec_names_search = ["code", "name"]
    _interaction_statistics_column = "group_id"

    code = fields.Char(required=True, size=10)
    name = fields.Char(string="Description", required=True, translate=True)
    template_ids = fields.One2many(
        comodel_name="crm.interaction.template",
        inverse_name="group_id",
        string="Interaction Templates",
    )
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of an interaction group must be unique per company.",
        ),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for group in self:
            group.display_name = f"{group.code} - {group.name}"

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmSegmentSavedCriteria(models.Model):
    """The steps of a segment saved under a code, to build other segments
    the same way ("Reuse Criteria"): the reference's saved segment criteria,
    shared by the interaction users of a company."""

    _name = "crm.segment.saved.criteria"
    _inherit = "crm.interaction.checked.mixin"
    _description = "Saved Segment Criteria"
    _order = "code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, size=10)
    name = fields.Char(string="Description", required=True)
    line_ids = fields.One2many(
        comodel_name="crm.segment.saved.criteria.line",
        inverse_name="saved_criteria_id",
        string="Steps",
        copy=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of saved segment criteria must be unique per company.",
        ),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for criteria in self:
            criteria.display_name = f"{criteria.code} - {criteria.name}"

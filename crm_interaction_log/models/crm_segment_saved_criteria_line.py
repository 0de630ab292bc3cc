# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmSegmentSavedCriteriaLine(models.Model):
    """A step of saved segment criteria, as it was on the segment saved."""

    _name = "crm.segment.saved.criteria.line"
    _inherit = ["crm.segment.criteria.mixin", "crm.interaction.checked.mixin"]
    _description = "Saved Segment Criteria Line"
    _order = "saved_criteria_id, sequence, id"

    saved_criteria_id = fields.Many2one(
        comodel_name="crm.segment.saved.criteria",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="saved_criteria_id.company_id", store=True)

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmInteractionLogComment(models.Model):
    _name = "crm.interaction.log.comment"
    _description = "Interaction Log Entry Comment"
    _inherit = ["crm.interaction.checked.mixin"]
    _order = "entry_id, date, id"

    entry_id = fields.Many2one(
        comodel_name="crm.interaction.log.entry",
        string="Interaction Log Entry",
        required=True,
        ondelete="cascade",
        index=True,
    )
    date = fields.Date(default=fields.Date.context_today)
    comment = fields.Char(required=True)
    user_id = fields.Many2one(
        comodel_name="res.users", default=lambda self: self.env.user
    )
    company_id = fields.Many2one(related="entry_id.company_id", store=True)

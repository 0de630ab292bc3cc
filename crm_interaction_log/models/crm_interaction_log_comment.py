# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError


class CrmInteractionLogComment(models.Model):
    """A comment on an interaction: its text is the user's; who wrote it,
    when, and on which interaction, the log sets, and never changes."""

    _name = "crm.interaction.log.comment"
    _description = "Interaction Log Entry Comment"
    _inherit = ["crm.interaction.checked.mixin", "crm.interaction.audit.mixin"]
    _order = "entry_id, date, id"

    entry_id = fields.Many2one(
        comodel_name="crm.interaction.log.entry",
        string="Interaction Log Entry",
        required=True,
        ondelete="cascade",
        index=True,
    )
    date = fields.Date(default=fields.Date.context_today, readonly=True)
    comment = fields.Char(required=True)
    user_id = fields.Many2one(
        comodel_name="res.users", default=lambda self: self.env.user, readonly=True
    )
    company_id = fields.Many2one(related="entry_id.company_id", store=True)

    @api.model
    def _audit_field_names(self):
        return ("entry_id", "user_id", "date")

    @api.model
    def _audit_default(self, name, value):
        # a new comment is written on any interaction its writer may write
        # (``check_written``), by him, today
        return (
            name == "entry_id"
            or super()._audit_default(name, value)
            or (name == "user_id" and value == self.env.uid)
            or (name == "date" and str(value) == str(fields.Date.context_today(self)))
        )

    @api.model
    def _audit_error(self, names):
        return AccessError(
            self.env._(
                "%(fields)s of a comment are set by the interaction log: the "
                "interaction it is on, the user who wrote it and the day he "
                "wrote it.",
                fields=", ".join(names),
            )
        )

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.crm_interaction_log_entry import EVALUATION


class CrmInteractionEvaluateWizard(models.TransientModel):
    """Evaluate several interaction log entries at once."""

    _name = "crm.interaction.evaluate.wizard"
    _inherit = "crm.interaction.checked.mixin"
    _description = "Evaluate Interactions"

    evaluation = fields.Selection(selection=EVALUATION, required=True)
    entry_ids = fields.Many2many(
        comodel_name="crm.interaction.log.entry",
        relation="crm_interaction_evaluate_wizard_entry_rel",
        column1="wizard_id",
        column2="entry_id",
        string="Interaction Log Entries",
        default=lambda self: self._default_entry_ids(),
    )

    @api.model
    def _default_entry_ids(self):
        if self.env.context.get("active_model") == "crm.interaction.log.entry":
            return [Command.set(self.env.context.get("active_ids") or [])]
        return []

    def action_apply(self):
        self.ensure_one()
        if not self.entry_ids:
            raise UserError(
                self.env._("Select the interaction log entries to evaluate.")
            )
        self.entry_ids.write({"evaluation": self.evaluation})
        return {"type": "ir.actions.act_window_close"}

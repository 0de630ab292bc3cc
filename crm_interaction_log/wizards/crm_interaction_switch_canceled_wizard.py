# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .crm_interaction_create_wizard import _dialog


class CrmInteractionSwitchCanceledWizard(models.TransientModel):
    """Confirm Switch Canceled Mark on several entries: all of them take the
    opposite of the first selected entry's mark."""

    _name = "crm.interaction.switch.canceled.wizard"
    _inherit = "crm.interaction.checked.mixin"
    _description = "Switch Canceled Mark"

    entry_ids = fields.Many2many(
        comodel_name="crm.interaction.log.entry",
        relation="crm_interaction_switch_canceled_wizard_entry_rel",
        column1="wizard_id",
        column2="entry_id",
        string="Interaction Log Entries",
        readonly=True,
    )
    canceled = fields.Boolean(
        string="Cancel",
        readonly=True,
        help="Cancel the entries; restore them when not set.",
    )
    summary = fields.Char(compute="_compute_summary")

    @api.depends("entry_ids", "canceled")
    def _compute_summary(self):
        for wizard in self:
            count = len(
                wizard.entry_ids.filtered(lambda e, w=wizard: e.canceled != w.canceled)
            )
            if count == 1:
                wizard.summary = (
                    self.env._("1 interaction log entry will be canceled.")
                    if wizard.canceled
                    else self.env._("1 interaction log entry will be restored.")
                )
            elif wizard.canceled:
                wizard.summary = self.env._(
                    "%(count)s interaction log entries will be canceled.", count=count
                )
            else:
                wizard.summary = self.env._(
                    "%(count)s interaction log entries will be restored.", count=count
                )

    def _open(self):
        return _dialog(self.env._("Switch Canceled Mark"), self._name, res_id=self.id)

    def action_confirm(self):
        """Give every entry the mark, if the user may change them all."""
        self.ensure_one()
        canceled = self.canceled
        # all the entries, not only those the user may read: one he may not
        # change is refused, not left out
        entries = self.sudo().entry_ids.with_env(self.env)
        entries.check_access("write")
        entries._set_canceled(canceled)
        return {"type": "ir.actions.act_window_close"}

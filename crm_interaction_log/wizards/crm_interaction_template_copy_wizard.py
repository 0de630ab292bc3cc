# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmInteractionTemplateCopyWizard(models.TransientModel):
    """Copy the language attachments of another template."""

    _name = "crm.interaction.template.copy.wizard"
    _inherit = "crm.interaction.checked.mixin"
    _description = "Copy Attachments from Template"

    template_id = fields.Many2one(
        comodel_name="crm.interaction.template", string="To Template", required=True
    )
    source_id = fields.Many2one(
        comodel_name="crm.interaction.template",
        string="From Template",
        required=True,
        domain="[('id', '!=', template_id), ('has_attachments', '=', True)]",
    )

    def action_copy(self):
        self.ensure_one()
        self.template_id._copy_attachments_from(self.source_id)
        return {"type": "ir.actions.act_window_close"}

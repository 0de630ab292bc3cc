# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class CrmInteractionDeleteCanceledWizard(models.TransientModel):
    """Delete Canceled Interaction Log Entries: a batch clean-up that never
    touches an entry that is not canceled."""

    _name = "crm.interaction.delete.canceled.wizard"
    _inherit = "crm.interaction.checked.mixin"
    _description = "Delete Canceled Interaction Log Entries"

    entry_from = fields.Char(string="Entry No. From")
    entry_to = fields.Char(string="Entry No. To")
    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="crm_interaction_delete_wizard_partner_rel",
        column1="wizard_id",
        column2="partner_id",
        string="Contacts",
    )
    date_from = fields.Datetime()
    date_to = fields.Datetime()
    campaign_ids = fields.Many2many(
        comodel_name="utm.campaign",
        relation="crm_interaction_delete_wizard_campaign_rel",
        column1="wizard_id",
        column2="campaign_id",
        string="Campaigns",
    )
    group_ids = fields.Many2many(
        comodel_name="crm.interaction.group",
        relation="crm_interaction_delete_wizard_group_rel",
        column1="wizard_id",
        column2="group_id",
        string="Interaction Groups",
    )
    template_ids = fields.Many2many(
        comodel_name="crm.interaction.template",
        relation="crm_interaction_delete_wizard_template_rel",
        column1="wizard_id",
        column2="template_id",
        string="Interaction Templates",
    )
    user_ids = fields.Many2many(
        comodel_name="res.users",
        relation="crm_interaction_delete_wizard_user_rel",
        column1="wizard_id",
        column2="user_id",
        string="Salespeople",
    )
    deleted_count = fields.Integer(readonly=True)
    state = fields.Selection(
        selection=[("filter", "Filter"), ("done", "Done")], default="filter"
    )

    def _domain(self):
        self.ensure_one()
        domain = [("canceled", "=", True)]
        if self.entry_from:
            domain.append(("name", ">=", self.entry_from))
        if self.entry_to:
            domain.append(("name", "<=", self.entry_to))
        if self.date_from:
            domain.append(("date", ">=", self.date_from))
        if self.date_to:
            domain.append(("date", "<=", self.date_to))
        for field, records in (
            ("partner_id", self.partner_ids),
            ("campaign_id", self.campaign_ids),
            ("group_id", self.group_ids),
            ("template_id", self.template_ids),
            ("user_id", self.user_ids),
        ):
            if records:
                domain.append((field, "in", records.ids))
        return domain

    def action_delete(self):
        self.ensure_one()
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise UserError(self.env._("The start date must be before the end date."))
        count = self.env["crm.interaction.log.entry"]._delete_canceled(self._domain())
        self.write({"deleted_count": count, "state": "done"})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Delete Canceled Interaction Log Entries"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def _message(self):
        self.ensure_one()
        return self.env._(
            "%(count)d canceled interaction log entries were deleted.",
            count=self.deleted_count,
        )

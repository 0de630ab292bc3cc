# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    interaction_count = fields.Integer(
        string="Interactions",
        compute="_compute_interaction_count",
        groups="crm_interaction_log.group_crm_interaction_user",
    )

    def _compute_interaction_count(self):
        """The entries the button opens that the user may read: one grouped
        query."""
        counts = dict(
            self.env["crm.interaction.log.entry"]._read_group(
                self._origin._interaction_entries_domain(),
                groupby=["lead_id"],
                aggregates=["__count"],
            )
        )
        for lead in self:
            lead.interaction_count = counts.get(lead._origin, 0)

    def _interaction_entries_domain(self):
        """The entries logged for these opportunities, postponed ones left
        out (they are finished later)."""
        return [("lead_id", "in", self.ids), ("postponed", "=", False)]

    def action_view_interaction_log_entries(self):
        self.ensure_one()
        return self.env["crm.interaction.log.entry"]._action_view(
            self._interaction_entries_domain()
        )

    def action_create_interaction(self):
        """Create Interaction with the opportunity's contact, linked to it."""
        self.ensure_one()
        if not self.partner_id:
            raise UserError(
                self.env._(
                    "Opportunity %(lead)s has no contact to interact with.",
                    lead=self.name,
                )
            )
        return self.env["crm.interaction.create.wizard"].action_start(
            self.partner_id, lead_id=self.id
        )

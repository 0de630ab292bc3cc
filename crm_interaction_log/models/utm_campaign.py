# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

# The entries that count for a campaign's target group and responses: those
# that happened (not canceled, not waiting to be finished).
COUNTED = [("canceled", "=", False), ("postponed", "=", False)]


class UtmCampaign(models.Model):
    _inherit = "utm.campaign"

    interaction_count = fields.Integer(
        string="Interactions",
        compute="_compute_interaction_counts",
        groups="crm_interaction_log.group_crm_interaction_user",
    )
    interaction_targeted_count = fields.Integer(
        string="Targeted Contacts",
        compute="_compute_interaction_counts",
        groups="crm_interaction_log.group_crm_interaction_user",
        help="Contacts reached by an interaction logged for the campaign's "
        "target group.",
    )
    interaction_responded_count = fields.Integer(
        string="Responded Contacts",
        compute="_compute_interaction_counts",
        groups="crm_interaction_log.group_crm_interaction_user",
        help="Contacts who responded on the campaign.",
    )

    def _compute_interaction_counts(self):
        """One grouped query per figure; only the entries the user may read
        are counted."""
        Entry = self.env["crm.interaction.log.entry"]
        campaigns = [("campaign_id", "in", self._origin.ids)]

        def count(domain, aggregate):
            return dict(
                Entry._read_group(campaigns + domain, ["campaign_id"], [aggregate])
            )

        entries = count([("postponed", "=", False)], "__count")
        contacts = "partner_id:count_distinct"
        targeted = count(COUNTED + [("campaign_target", "=", True)], contacts)
        responded = count(COUNTED + [("campaign_response", "=", True)], contacts)
        for campaign in self:
            origin = campaign._origin
            campaign.interaction_count = entries.get(origin, 0)
            campaign.interaction_targeted_count = targeted.get(origin, 0)
            campaign.interaction_responded_count = responded.get(origin, 0)

    def action_view_interactions(self):
        return self.env["crm.interaction.log.entry"]._action_view(
            [("campaign_id", "in", self.ids), ("postponed", "=", False)]
        )

    def action_view_targeted_contacts(self):
        return self._action_view_contacts(
            "interaction_targeted_campaign_ids", self.env._("Targeted Contacts")
        )

    def action_view_responded_contacts(self):
        return self._action_view_contacts(
            "interaction_responded_campaign_ids", self.env._("Responded Contacts")
        )

    def _action_view_contacts(self, field, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "res.partner",
            "view_mode": "list,kanban,form",
            "views": [(False, "list"), (False, "kanban"), (False, "form")],
            "domain": [(field, "in", self.ids)],
            "context": {"create": False},
        }

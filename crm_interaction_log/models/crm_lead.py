# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

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

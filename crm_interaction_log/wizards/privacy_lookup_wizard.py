# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..models.switches import ERASE, switched

ENTRY = "crm.interaction.log.entry"


class PrivacyLookupWizard(models.TransientModel):
    """Privacy Lookup finds a person's entries by their contact and contact
    company (Odoo's own search of the links to the person); here also those
    where only the person's address is kept (*Contact Via*)."""

    _inherit = "privacy.lookup.wizard"

    def _get_query(self):
        query = super()._get_query()
        return SQL(
            """%s
            UNION ALL
            SELECT %s AS res_model_id, id AS res_id, TRUE AS is_active
              FROM crm_interaction_log_entry
             WHERE contact_via ILIKE %s
               AND (partner_id IN (SELECT id FROM indirect_references)
                    OR commercial_partner_id IN (SELECT id FROM indirect_references))
                   IS NOT TRUE""",
            query,
            self.env["ir.model"]._get_id(ENTRY),
            f"%{self.email.strip()}%",
        )


class PrivacyLookupWizardLine(models.TransientModel):
    """An administrator (Privacy Lookup is theirs alone) deletes a person's
    entries, logged ones too, or anonymizes them: the contact becomes
    *Anonymized Contact*, the address, description and comments go; what
    was done, when, by whom and at what cost stays, and so do the
    statistics of everyone else."""

    _inherit = "privacy.lookup.wizard.line"

    def action_unlink(self):
        if self.res_model != ENTRY:
            return super().action_unlink()
        with switched(ERASE):
            super().action_unlink()
        return True

    def action_anonymize_interaction(self):
        for line in self:
            if line.res_model != ENTRY or line.is_unlinked:
                raise UserError(
                    self.env._("Only interaction log entries can be anonymized here.")
                )
            entry = self.env[ENTRY].sudo().browse(line.res_id).exists()
            entry._privacy_anonymize()
            line.execution_details = self.env._(
                "Anonymized %(model)s #%(id)s",
                model=line.res_model_id.name,
                id=line.res_id,
            )
        return True

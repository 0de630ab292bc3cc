# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from .switches import AUDIT_FIELDS, ERASE, switched


class CrmInteractionLogEntry(models.Model):
    """A person forgotten (Privacy Lookup, wizards/privacy_lookup_wizard)."""

    _inherit = "crm.interaction.log.entry"  # pylint: disable=consider-merging-classes-inherited

    def _privacy_anonymize(self):
        """What tells who the person is leaves the entries of ``self``: their
        contact (and contact company) become *Anonymized Contact*, their
        address, description, subject and comments go."""
        anonymous = self.env.ref("crm_interaction_log.partner_anonymized")
        entries = self.sudo()
        with switched(AUDIT_FIELDS, ERASE):
            entries.comment_ids.unlink()
            entries.write(
                {
                    "partner_id": anonymous.id,
                    "commercial_partner_id": anonymous.id,
                    "contact_via": False,
                    "description": self.env._("Anonymized"),
                    "subject": False,
                }
            )

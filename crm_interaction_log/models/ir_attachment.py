# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.multi
    def _unlink_if_unused(self):
        """Delete the attachments no interaction log entry nor template
        language line still uses."""
        if not self:
            return
        self.env.cr.execute("""
            SELECT attachment_id FROM crm_interaction_log_entry
             WHERE attachment_id IN %(ids)s
            UNION
            SELECT attachment_id FROM crm_interaction_template_language
             WHERE attachment_id IN %(ids)s""", {"ids": tuple(self.ids)})
        used = {row[0] for row in self.env.cr.fetchall()}
        self.filtered(lambda a: a.id not in used).sudo().unlink()

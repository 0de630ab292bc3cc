# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MailMail(models.Model):
    """The delivery status of an interaction follows the e-mail that sent its
    attachment: in progress while queued, cleared once sent, error on failure."""

    _inherit = "mail.mail"

    @api.multi
    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            status = {"outgoing": "in_progress", "exception": "error",
                      "sent": False, "received": False}.get(vals["state"], "in_progress")
            message_ids = [m.id for m in self.sudo().mapped("mail_message_id")]
            if message_ids:
                self.env.cr.execute("""
                    UPDATE crm_interaction_log_entry SET delivery_status = %s
                     WHERE mail_message_id IN %s""", (status or None, tuple(message_ids)))
                self.env["crm.interaction.log.entry"].invalidate_cache(["delivery_status"])
        return res

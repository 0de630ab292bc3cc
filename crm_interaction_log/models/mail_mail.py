# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# The delivery status of an entry for each state of the e-mail that sent it;
# a sent or received e-mail clears it.
DELIVERY_STATUS = {
    "outgoing": "in_progress",
    "sent": None,
    "received": None,
    "exception": "error",
    # a canceled e-mail never reaches the contact
    "cancel": "error",
}


class MailMail(models.Model):
    """The delivery status of an interaction follows the e-mail that sent its
    attachment: in progress while queued, cleared once sent, error on failure."""

    _inherit = "mail.mail"

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            message_ids = self.sudo().mail_message_id.ids
            if message_ids:
                Entry = self.env["crm.interaction.log.entry"]
                # One UPDATE rather than the entries' ORM write: the mail queue
                # writes the state of every e-mail it sends. The entries' own
                # pending writes (a segment just linking its e-mails) go first.
                Entry.flush_model(["mail_message_id", "delivery_status"])
                self.env.cr.execute(
                    """UPDATE crm_interaction_log_entry SET delivery_status = %s
                        WHERE mail_message_id = ANY(%s)""",
                    (DELIVERY_STATUS.get(vals["state"], "in_progress"), message_ids),
                )
                Entry.invalidate_model(["delivery_status"])
        return res

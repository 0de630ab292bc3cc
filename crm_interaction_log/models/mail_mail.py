# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import SQL

from ..entries import follow_delivery

# The delivery status of an entry for each state of the e-mail that sent it.
DELIVERY_STATUS = {
    "outgoing": "in_progress",
    "sent": "sent",
    "received": "sent",
    "exception": "error",
    "cancel": "canceled",
}


class MailMail(models.Model):
    """The delivery status of an interaction follows the e-mail that sent its
    attachment: in progress while queued, sent, error on failure, canceled,
    deleted when the e-mail is deleted before it was sent.

    The entries are found by their ``mail_message_id`` (an index of the entry
    table) and changed by one UPDATE rather than their ORM write: the mail
    queue writes the state of every e-mail it sends."""

    _inherit = "mail.mail"

    def _interaction_set_delivery(self, status, info=None, only_unsent=False):
        follow_delivery(
            self.env,
            "mail_message_id",
            self.sudo().mail_message_id.ids,
            status,
            info,
            replaces=("in_progress", "error") if only_unsent else None,
            # an e-mail received from a contact has no delivery of ours (the
            # notification of its followers is not it); an SMS's message may
            # also notify followers by e-mail: the SMS entry follows the SMS
            where=SQL("delivery_status IS NOT NULL AND sms_uuid IS NULL"),
        )

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            status = DELIVERY_STATUS.get(vals["state"], "in_progress")
            info = vals.get("failure_reason") if status == "error" else None
            self._interaction_set_delivery(status, info)
        return res

    def unlink(self):
        # before Odoo deletes the e-mail's message, which unlinks the entries
        self.sudo().filtered(
            lambda mail: mail.state in ("outgoing", "exception")
        )._interaction_set_delivery("deleted", only_unsent=True)
        return super().unlink()

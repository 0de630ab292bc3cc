# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL

from ..entries import delivery_batch, follow_deliveries, follow_later

# The delivery status of an entry for each state of the e-mail that sent it.
DELIVERY_STATUS = {
    "outgoing": "in_progress",
    "sent": "sent",
    "received": "sent",
    "exception": "error",
    "cancel": "canceled",
}
# an e-mail received from a contact has no delivery of ours (the
# notification of its followers is not it); an SMS's message may also notify
# followers by e-mail: the SMS entry follows the SMS
FOLLOWED = SQL("delivery_status IS NOT NULL AND sms_uuid IS NULL")


class MailMail(models.Model):
    """The delivery status of an interaction follows the e-mail that sent its
    attachment: in progress while queued, sent, error on failure, canceled,
    deleted when the e-mail is deleted before it was sent.

    Only the e-mails the log sends (``interaction_delivery``, set when it
    links them to their entries) are followed: every other e-mail of the
    database costs nothing. The entries are found by their
    ``mail_message_id`` (an index of the entry table) and changed by one
    UPDATE per batch the mail queue sends, rather than their ORM write."""

    _inherit = "mail.mail"

    interaction_delivery = fields.Boolean(
        string="Followed by Interactions",
        readonly=True,
        copy=False,
        help="The delivery status of interaction log entries follows this e-mail.",
    )

    def _interaction_statuses(self, status, info=None):
        """The delivery status of the entries of the e-mails of ``self``, by
        their message."""
        return {message.id: (status, info) for message in self.mail_message_id}

    def _interaction_set_delivery(self, status, info=None, only_unsent=False):
        follow_deliveries(
            self.env,
            "mail_message_id",
            self._interaction_statuses(status, info),
            replaces=("in_progress", "error") if only_unsent else None,
            where=FOLLOWED,
        )

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            followed = self.filtered("interaction_delivery").sudo()
            if followed:
                status = DELIVERY_STATUS.get(vals["state"], "in_progress")
                info = vals.get("failure_reason") if status == "error" else None
                statuses = followed._interaction_statuses(status, info)
                if not follow_later(self.env, "mail_message_id", statuses, FOLLOWED):
                    follow_deliveries(
                        self.env, "mail_message_id", statuses, where=FOLLOWED
                    )
        return res

    def _send(self, *args, **kwargs):
        """The entries follow the e-mails of the batch once, after it."""
        with delivery_batch(self.env):
            return super()._send(*args, **kwargs)

    def unlink(self):
        # before Odoo deletes the e-mail's message, which unlinks the entries
        self.sudo().filtered(
            lambda mail: mail.interaction_delivery
            and mail.state in ("outgoing", "exception")
        )._interaction_set_delivery("deleted", only_unsent=True)
        return super().unlink()

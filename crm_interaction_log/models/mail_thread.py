# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from psycopg2.extensions import TransactionRollbackError

from odoo import api, fields, models
from odoo.tools import html2plaintext

_logger = logging.getLogger(__name__)


class MailThread(models.AbstractModel):
    """E-mail: a message sent to contacts from a chatter (a document's or the
    contact's) records an entry on each recipient, with the company's e-mail
    template. Internal notes are not messages to contacts."""

    _inherit = "mail.thread"

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, body="", subject=None, message_type="notification",
                     subtype=None, parent_id=False, attachments=None,
                     content_subtype="html", **kwargs):
        message = super().message_post(
            body=body, subject=subject, message_type=message_type, subtype=subtype,
            parent_id=parent_id, attachments=attachments,
            content_subtype=content_subtype, **kwargs)
        if message_type == "comment" and message.partner_ids and \
                message.subtype_id == self.env.ref("mail.mt_comment") and \
                not self.env.context.get("crm_interaction_document_send") and \
                not self.env.context.get("crm_interaction_no_log") and \
                not self.env.user.share:
            self._interaction_record_email(message)
        return message

    def _interaction_record_email(self, message):
        template = self.env.user.company_id.interaction_template_email_id
        if not template:
            return
        Entry = self.env["crm.interaction.log.entry"].sudo()
        text = message.subject or html2plaintext(message.body or "")[:80].strip()
        try:
            with self.env.cr.savepoint():
                for partner in message.partner_ids.filtered(lambda p: not p.user_ids):
                    values = {
                        "partner_id": partner.id,
                        "template_id": template.id,
                        "correspondence_type": "email",
                        "contact_via": partner.email,
                        "lang": partner.lang,
                        "description": ("%s: %s" % (template.name, text))[:250],
                        "date": fields.Datetime.now(),
                        "user_id": self.env.uid,
                        "company_id": self.env.user.company_id.id,
                    }
                    if message.model and message.res_id and message.model != "res.partner":
                        record = self.env[message.model].browse(message.res_id)
                        values.update(res_model=message.model, res_id=message.res_id,
                                      document_name=record.display_name)
                    Entry.create(values)
        except TransactionRollbackError:
            # a concurrent transaction won: Odoo runs the request again
            raise
        except Exception:  # pylint: disable=broad-except
            _logger.exception("Could not record the e-mail %s as an interaction",
                              message.id)

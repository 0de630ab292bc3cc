# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import html2plaintext

from .crm_interaction_document_mixin import record_safely
from .switches import CHATTER_EMAILS, recording_paused


class MailThread(models.AbstractModel):
    """E-mail: a message sent to contacts from a chatter (a document's or the
    contact's) records an entry on each recipient, with the company's e-mail
    template. Internal notes are not messages to contacts, nor are the
    automatic messages Odoo posts (message type ``notification``)."""

    _inherit = "mail.thread"

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if not recording_paused(CHATTER_EMAILS) and not self.env.user.share:
            message_su = message.sudo()
            comment = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
            if (
                message_su.message_type == "comment"
                and message_su.subtype_id.id == comment
                and message_su.partner_ids
            ):
                self._interaction_record_email(message_su)
        return message

    def _interaction_record_email(self, message):
        """One entry per recipient of ``message`` who is a contact rather
        than a user; nothing when the company has no e-mail template."""
        if not self.env.company.sudo().interaction_template_email_id:
            return
        Entry = self.env["crm.interaction.log.entry"].sudo()
        record_safely(
            self.env,
            lambda: Entry.create(self._interaction_email_values(message)),
            "Could not record the e-mail %s as an interaction",
            message.id,
        )

    def _interaction_email_values(self, message):
        company = self.env.company
        template = company.sudo().interaction_template_email_id
        text = message.subject or html2plaintext(message.body or "")[:80].strip()
        document = {}
        if message.model and message.res_id and message.model != "res.partner":
            document = {
                "res_model": message.model,
                "res_id": message.res_id,
                "document_name": message.record_name
                or self.env[message.model].sudo().browse(message.res_id).display_name,
            }
        return [
            {
                "partner_id": partner.id,
                "template_id": template.id,
                "correspondence_type": "email",
                "contact_via": partner.email,
                "lang": partner.lang,
                "description": f"{template.name}: {text}"[:250],
                "date": fields.Datetime.now(),
                "user_id": self.env.uid,
                "company_id": company.id,
                **document,
            }
            for partner in message.partner_ids.filtered(lambda p: not p.user_ids)
        ]

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import email_normalize, html2plaintext

from .crm_interaction_document_mixin import record_safely
from .switches import CHATTER_EMAILS, RECEIVED_EMAILS, is_switched, switched


class MailThread(models.AbstractModel):
    """E-mail, both ways, with the company's e-mail template.

    Sent: a message sent to contacts from a chatter (a document's or the
    contact's) records an entry on each recipient. Received: an e-mail a
    contact sends us, which the mail gateway puts in a record's chatter (a new
    e-mail to an alias, a reply to one of ours), records an inbound entry
    initiated by them. Internal notes are not messages to contacts, nor are
    the automatic messages Odoo posts (message type ``notification``); e-mails
    from users, from unknown senders and bounces are not from contacts."""

    _inherit = "mail.thread"

    def _message_route_process(self, message, message_dict, routes):
        if not self._interaction_mail_gateway():
            return super()._message_route_process(message, message_dict, routes)
        with switched(RECEIVED_EMAILS):
            return super()._message_route_process(message, message_dict, routes)

    @api.model
    def _interaction_mail_gateway(self):
        """Whether the e-mail being processed is one the system received: the
        incoming mail servers' job runs as the superuser, Odoo's mailgate
        script logs in as a user of the Mail Gateway group. ``message_process``
        is public: any user may call it over RPC with a message he wrote,
        which Odoo posts as it does, and which records no interaction."""
        return self.env.su or self.env.user.has_group(
            "crm_interaction_log.group_crm_interaction_mail_gateway"
        )

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        # the gateway posts what it received as an e-mail; nothing else does
        if is_switched(RECEIVED_EMAILS) and message.sudo().message_type == "email":
            self._interaction_record_received_email(message.sudo())
        # a message to contacts, from a user, with the company's e-mail
        # template: the conditions that cost no query come first, so that a
        # message that records nothing costs nothing
        if (
            kwargs.get("partner_ids")
            and not is_switched(CHATTER_EMAILS)
            and not self.env.user.share
            and self.env.company.sudo()._interaction_template("email")
            and message.message_type == "comment"
            and message.subtype_id.id
            == self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        ):
            self._interaction_record_email(message.sudo(), kwargs["partner_ids"])
        return message

    def _interaction_record_email(self, message, partner_ids):
        """One entry per recipient of ``message`` (``partner_ids``) who is a
        contact rather than a user (``_interaction_email_recipients``)."""
        recipients = self._interaction_email_recipients(partner_ids)
        if not recipients:
            return
        Entry = self.env["crm.interaction.log.entry"].sudo()
        record_safely(
            self.env,
            lambda: Entry._create_logged(
                self._interaction_email_values(message, recipients)
            ),
            "Could not record the e-mail %s as an interaction",
            message.id,
        )

    def _interaction_record_received_email(self, message):
        """The inbound entry of ``message``, received from a contact (a
        partner without internal user: portal users are contacts); nothing
        when the record's company has no e-mail template."""
        author = message.author_id
        company = self._interaction_email_company()
        if (
            not author
            or not author.partner_share
            or not company.sudo()._interaction_template("email")
        ):
            return
        Entry = self.env["crm.interaction.log.entry"].sudo()
        record_safely(
            self.env,
            lambda: Entry._create_logged(
                self._interaction_received_email_values(message, company)
            ),
            "Could not record the received e-mail %s as an interaction",
            message.id,
        )

    def _interaction_email_company(self):
        if "company_id" in self._fields and self.company_id:
            return self.company_id
        return self.env.company

    def _interaction_email_description(self, message, template):
        text = message.subject or html2plaintext(message.body or "")[:80].strip()
        return f"{template.name}: {text}"[:250]

    def _interaction_email_document(self, message):
        """The entry's document: the record whose chatter has ``message``,
        unless it is the contact's own."""
        if not (message.model and message.res_id and message.model != "res.partner"):
            return {}
        return {
            "res_model": message.model,
            "res_id": message.res_id,
            "document_name": message.record_name
            or self.env[message.model].sudo().browse(message.res_id).display_name,
        }

    def _interaction_email_values(self, message, recipients):
        company = self.env.company
        template = company.sudo()._interaction_template("email")
        document = self._interaction_email_document(message)
        return [
            {
                "partner_id": partner.id,
                "template_id": template.id,
                "correspondence_type": "email",
                "channel": "email",
                "contact_via": partner.email,
                "lang": partner.lang,
                "description": self._interaction_email_description(message, template),
                "date": fields.Datetime.now(),
                "user_id": self.env.uid,
                "company_id": company.id,
                **document,
            }
            for partner in recipients
        ]

    def _interaction_email_recipients(self, partner_ids):
        """The contacts (partners without user) among the recipients
        ``partner_ids`` of a message whom its sender may read: what the entry
        copies of them (address, language) is read as him, and a contact he
        may not read gets no entry. One query, his record rules included."""
        ids = [pid for pid in partner_ids if isinstance(pid, int)]
        return self.env(su=False)["res.partner"].search(
            [("id", "in", ids), ("user_ids", "=", False)]
        )

    def _interaction_received_email_values(self, message, company):
        template = company.sudo()._interaction_template("email")
        author = message.author_id
        # the record's salesperson, else the contact's; not the gateway's user
        user_field = self._fields.get("user_id")
        salesperson = (
            user_field and user_field.comodel_name == "res.users" and self.user_id
        ) or author.user_id
        values = {
            "partner_id": author.id,
            "template_id": template.id,
            "information_flow": "inbound",
            "initiated_by": "them",
            "correspondence_type": "email",
            "channel": "email",
            "contact_via": email_normalize(message.email_from) or author.email,
            "lang": author.lang,
            "description": self._interaction_email_description(message, template),
            "date": message.date or fields.Datetime.now(),
            "user_id": salesperson.id,
            "company_id": company.id,
            "mail_message_id": message.id,
            **self._interaction_email_document(message),
        }
        if message.model == "crm.lead":
            values["lead_id"] = message.res_id
        return values

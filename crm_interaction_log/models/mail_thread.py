# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL, email_normalize, html2plaintext

from ..entries import insert_entries
from .crm_interaction_document_mixin import record_safely
from .sms_sms import first_sending
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
            # the files it was given say whether the message has any: reading
            # its attachments would cost a query for every e-mail without
            has_files = bool(kwargs.get("attachments") or kwargs.get("attachment_ids"))
            self._interaction_record_received_email(message.sudo(), has_files)
        return message

    def _notify_thread(self, message, msg_vals=False, **kwargs):
        """A message e-mailed to contacts records an entry on each: Odoo's
        notification has just read its recipients (``recipients_data``), so
        that a message that records nothing costs no query."""
        recipients_data = super()._notify_thread(message, msg_vals=msg_vals, **kwargs)
        # msg_vals: a message being posted (a scheduled one is notified
        # later without them, and was recorded when it was posted)
        if msg_vals and recipients_data and self._interaction_records_email(msg_vals):
            explicit = set(msg_vals.get("partner_ids") or ())
            contacts = [
                recipient["id"]
                for recipient in recipients_data
                if recipient["id"] in explicit
                and recipient["notif"] == "email"
                and not recipient["uid"]
            ]
            if contacts:
                self._interaction_record_email(msg_vals, contacts)
        return recipients_data

    def _notify_thread_by_sms(self, message, recipients_data, *args, **kwargs):
        if kwargs.get("resend_existing") or len(self) != 1:
            return super()._notify_thread_by_sms(
                message, recipients_data, *args, **kwargs
            )
        with first_sending(self):
            return super()._notify_thread_by_sms(
                message, recipients_data, *args, **kwargs
            )

    def _interaction_records_email(self, msg_vals):
        """Whether the message of ``msg_vals`` records an e-mail: a comment
        from a user, with the company's e-mail template, not sent with a
        document (which records the document instead). No query."""
        return (
            not is_switched(CHATTER_EMAILS)
            and msg_vals.get("message_type") == "comment"
            and msg_vals.get("subtype_id")
            == self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
            # internal users: cached by Odoo, unlike reading the user
            and self.env.user.has_group("base.group_user")
            and self._interaction_email_template(msg_vals)
        )

    def _interaction_email_template(self, msg_vals):
        """The e-mail template of the company of the message's entries: the
        company of the record it is posted on (Odoo's ``record_company_id``),
        else the user's."""
        return (
            self._interaction_message_company(msg_vals)
            .sudo()
            ._interaction_template("email")
        )

    def _interaction_message_company(self, msg_vals):
        return self.env["res.company"].browse(
            msg_vals.get("record_company_id") or self.env.company.id
        )

    def _interaction_record_email(self, msg_vals, partner_ids):
        """One entry per contact of ``partner_ids`` whom the sender may read
        in the entries' company, written by one statement that reads them as
        him (his record rules included): what the entry copies of them
        (address, language) is read as him, a contact he may not read there
        gets no entry."""
        company = self._interaction_message_company(msg_vals)
        if company.id not in self.env.user._get_company_ids():
            return
        template = company.sudo()._interaction_template("email")
        constants = {
            "template_id": template.id,
            "correspondence_type": "email",
            "channel": "email",
            "description": self._interaction_email_description(
                msg_vals.get("subject"), msg_vals.get("body")
            ),
            "date": fields.Datetime.now(),
            "user_id": self.env.uid,
            "company_id": company.id,
            **self._interaction_email_document(
                msg_vals.get("model"),
                msg_vals.get("res_id"),
                msg_vals.get("record_name"),
            ),
        }
        contacts = (
            self.env["res.partner"]
            .with_context(allowed_company_ids=company.ids)
            .sudo(False)
            ._search([("id", "in", partner_ids)], order="id")
        )
        source = contacts.select(
            SQL("res_partner.id AS partner_id"),
            SQL("res_partner.email AS contact_via"),
            SQL("res_partner.lang AS lang"),
            SQL("res_partner.id AS row_order"),
            *(
                SQL("%s AS %s", value, SQL.identifier(name))
                for name, value in constants.items()
            ),
        )
        given = ["partner_id", "contact_via", "lang", *constants]
        record_safely(
            self.env,
            lambda: insert_entries(self.env, source, given),
            "Could not record the e-mail to %s as an interaction",
            partner_ids,
        )

    def _interaction_record_received_email(self, message, has_files=False):
        """The inbound entry of ``message``, received from a contact (a
        partner without internal user: portal users are contacts); nothing
        when the record's company has no e-mail template. ``has_files``: the
        message has attachments, the first of which is the entry's file."""
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
                self._interaction_received_email_values(message, company, has_files)
            ),
            "Could not record the received e-mail %s as an interaction",
            message.id,
        )

    def _interaction_email_company(self):
        if "company_id" in self._fields and self.company_id:
            return self.company_id
        return self.env.company

    @api.model
    def _interaction_email_description(self, subject, body):
        """What an e-mail entry says: the e-mail's subject, else the start of
        its text."""
        text = subject or html2plaintext(body or "")
        return " ".join(text.split())[:250] or "-"

    @api.model
    def _interaction_email_document(self, model, res_id, record_name):
        """The entry's document: the record whose chatter has the message,
        unless it is the contact's own."""
        if not (model and res_id and model != "res.partner"):
            return {}
        return {
            "res_model": model,
            "res_id": res_id,
            "document_name": record_name
            or self.env[model].sudo().browse(res_id).display_name,
        }

    def _interaction_received_email_values(self, message, company, has_files=False):
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
            "description": self._interaction_email_description(
                message.subject, message.body
            ),
            "date": message.date or fields.Datetime.now(),
            "user_id": salesperson.id,
            "company_id": company.id,
            "mail_message_id": message.id,
            **self._interaction_email_document(
                message.model, message.res_id, message.record_name
            ),
        }
        if message.model == "crm.lead":
            values["lead_id"] = message.res_id
        if has_files:
            # the files stay the message's, where Odoo keeps them (readable
            # with the record the e-mail was received on); the entry links
            # the first as its file
            values["attachment_id"] = message.attachment_ids.sorted("id")[:1].id
        return values

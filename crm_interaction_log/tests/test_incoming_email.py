# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import uuid
from datetime import datetime

from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..models.switches import RECEIVED_EMAILS, switched
from .common import InteractionCase

# An e-mail as the mail server hands it to Odoo's mail gateway.
RAW_EMAIL = """From: {email_from}
To: {to}
Subject: {subject}
Date: Mon, 02 Mar 2026 09:15:00 +0000
Message-ID: {msg_id}
{extra}MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Please call me this afternoon about the chairs.
"""
RECEIVED_AT = datetime(2026, 3, 2, 9, 15)
DOMAIN = "interactions.example.com"
ALIAS = f"interaction-leads@{DOMAIN}"
CATCHALL = f"catchall@{DOMAIN}"
# where a failure to record is logged (and muted by the test that causes one)
ADDON_LOGGER = "odoo.addons.crm_interaction_log"


@tagged("post_install", "-at_install")
class TestIncomingEmail(InteractionCase):
    """An e-mail a contact sends us, received into a record's chatter through
    the mail gateway, is an inbound interaction initiated by them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_main = cls.env.company
        cls.email_template = cls.env["crm.interaction.template"].create(
            {
                "code": "TMAIL",
                "name": "E-mail",
                "group_id": cls.group.id,
                "information_flow": "outbound",
                "initiated_by": "us",
                "correspondence_type": "email",
            }
        )
        cls.company_main._set_interaction_templates({"email": cls.email_template})
        # the company's incoming mail: an alias domain with its catch-all, and
        # a sales team whose alias turns e-mails into opportunities
        alias_domain = cls.env["mail.alias.domain"].search([("name", "=", DOMAIN)])
        if not alias_domain:
            alias_domain = cls.env["mail.alias.domain"].create(
                {
                    "name": DOMAIN,
                    "catchall_alias": "catchall",
                    "bounce_alias": "bounce",
                    "default_from": "notifications",
                }
            )
        cls.company_main.alias_domain_id = alias_domain
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Interaction Leads",
                "use_opportunities": True,
                "alias_name": "interaction-leads",
                "company_id": cls.company_main.id,
            }
        )
        cls.person.user_id = cls.salesman
        cls.portal_user = new_test_user(
            cls.env,
            login="polly.interactions",
            groups="base.group_portal",
            name="Polly Portal",
            email="polly@example.com",
        )

    # --- helpers -------------------------------------------------------------
    def receive(self, email_from, subject, to=ALIAS, reply_to=None):
        """``email_from``'s e-mail, through the mail gateway as the mail
        server delivers it; ``reply_to``: the message it answers."""
        extra = f"In-Reply-To: {reply_to.message_id}\n" if reply_to else ""
        raw = RAW_EMAIL.format(
            email_from=email_from,
            to=to,
            subject=subject,
            msg_id=f"<{uuid.uuid4()}@mail.example.org>",
            extra=extra,
        )
        self.env["mail.thread"].message_process("crm.lead", raw)

    def lead(self, subject):
        return self.env["crm.lead"].search([("name", "=", subject)])

    def received(self):
        """The entries of received e-mails."""
        return self.env["crm.interaction.log.entry"].search(
            [
                ("template_id", "=", self.email_template.id),
                ("information_flow", "=", "inbound"),
            ]
        )

    def send_from_chatter(self, record, subject, user=None):
        """A salesperson's e-mail to Paula from ``record``'s chatter."""
        return record.with_user(user or self.salesman).message_post(
            body="Here is our offer.",
            subject=subject,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=[self.person.id],
        )

    # --- recorded ------------------------------------------------------------
    def test_email_to_alias_records_inbound_entry_on_new_opportunity(self):
        self.receive("Paula Person <paula@example.com>", "Forty chairs")
        lead = self.lead("Forty chairs")
        self.assertEqual(len(lead), 1)
        message = lead.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(len(message), 1)
        entry = self.received()
        self.assertEqual(len(entry), 1)
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.person.id,
                    "commercial_partner_id": self.company.id,
                    "template_id": self.email_template.id,
                    "group_id": self.group.id,
                    "information_flow": "inbound",
                    "initiated_by": "them",
                    "correspondence_type": "email",
                    "contact_via": "paula@example.com",
                    "lang": self.person.lang,
                    "description": "Forty chairs",
                    "date": RECEIVED_AT,
                    # the new opportunity has none: the contact's salesperson
                    "user_id": self.salesman.id,
                    "company_id": self.company_main.id,
                    "res_model": "crm.lead",
                    "res_id": lead.id,
                    "document_name": "Forty chairs",
                    "lead_id": lead.id,
                    "mail_message_id": message.id,
                }
            ],
        )
        # Paula's salesperson finds it among his entries
        self.assertEqual(
            self.env["crm.interaction.log.entry"]
            .with_user(self.salesman)
            .search([("partner_id", "=", self.person.id)]),
            entry,
        )

    def test_reply_to_our_email_records_inbound_entry_on_the_record(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Office chairs",
                "partner_id": self.person.id,
                "user_id": self.salesman_all.id,
                "team_id": self.team.id,
            }
        )
        sent = self.send_from_chatter(lead, "Our offer", self.salesman_all)
        self.receive(
            "Paula Person <paula@example.com>",
            "Re: Our offer",
            to=CATCHALL,
            reply_to=sent,
        )
        reply = lead.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(len(reply), 1)
        self.assertEqual(reply.parent_id, sent)
        entry = self.received()
        self.assertEqual(len(entry), 1)
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.person.id,
                    "information_flow": "inbound",
                    "initiated_by": "them",
                    "description": "Re: Our offer",
                    # the opportunity's salesperson
                    "user_id": self.salesman_all.id,
                    "res_model": "crm.lead",
                    "res_id": lead.id,
                    "lead_id": lead.id,
                    "mail_message_id": reply.id,
                }
            ],
        )
        # the e-mail that notifies the record's followers of the reply is not
        # a delivery of the received e-mail: the entry has no delivery status
        notification = self.env["mail.mail"].create(
            {
                "mail_message_id": reply.id,
                "email_to": "follower@example.com",
                "body_html": "<p>Re: Our offer</p>",
            }
        )
        for state in ("sent", "exception"):
            notification.write({"state": state})
            self.assertFalse(entry.delivery_status)
        notification.unlink()
        self.assertFalse(entry.delivery_status)
        # our e-mail stays the one outbound entry: the reply is not a send
        sends = self.env["crm.interaction.log.entry"].search(
            [("template_id", "=", self.email_template.id), ("id", "!=", entry.id)]
        )
        self.assertEqual(len(sends), 1)
        self.assertEqual(sends.information_flow, "outbound")
        self.assertFalse(self.lead("Re: Our offer"))

    def test_reply_on_the_contacts_chatter(self):
        sent = self.send_from_chatter(self.person, "Catalogue")
        self.receive("paula@example.com", "Re: Catalogue", to=CATCHALL, reply_to=sent)
        entry = self.received()
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.partner_id, self.person)
        self.assertEqual(entry.user_id, self.salesman)
        # written on the contact, not a document
        self.assertFalse(entry.res_model)
        self.assertFalse(entry.res_id)
        self.assertEqual(entry.mail_message_id.model, "res.partner")
        self.assertEqual(entry.mail_message_id.res_id, self.person.id)

    def test_portal_user_is_a_contact(self):
        self.receive("Polly Portal <polly@example.com>", "Portal question")
        entry = self.received()
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.partner_id, self.portal_user.partner_id)
        self.assertEqual(entry.res_id, self.lead("Portal question").id)

    def test_receiving_never_fails_because_of_the_log(self):
        # a setup broken behind the ORM's back (a template of another company):
        # recording fails, the e-mail is received all the same
        self.break_setup(self.company_main, "email")
        with mute_logger(ADDON_LOGGER):
            self.receive("paula@example.com", "Broken setup")
        lead = self.lead("Broken setup")
        self.assertEqual(len(lead.message_ids.filtered("author_id")), 1)
        self.assertFalse(
            self.env["crm.interaction.log.entry"].search(
                [("partner_id", "=", self.person.id)]
            )
        )

    # --- not recorded --------------------------------------------------------
    def test_email_from_a_user_records_nothing(self):
        self.receive("Sally Salesman <sally@example.com>", "Internal forward")
        self.assertEqual(len(self.lead("Internal forward").message_ids), 1)
        self.assertFalse(self.received())

    def test_email_from_unknown_sender_records_nothing(self):
        self.receive("Stranger <stranger@nowhere.example.org>", "Who are you")
        lead = self.lead("Who are you")
        self.assertEqual(len(lead), 1)
        self.assertFalse(lead.message_ids.author_id)
        self.assertFalse(self.received())

    def test_no_template_set_up_records_nothing(self):
        self.company_main._set_interaction_templates({"email": False})
        self.receive("paula@example.com", "No setup")
        self.assertEqual(len(self.lead("No setup")), 1)
        self.assertFalse(
            self.env["crm.interaction.log.entry"].search(
                [("partner_id", "=", self.person.id)]
            )
        )

    def test_bounce_records_nothing(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Bouncing",
                "partner_id": self.person.id,
                "user_id": self.salesman.id,
            }
        )
        sent = self.send_from_chatter(lead, "Bouncing offer")
        self.receive(
            "MAILER-DAEMON <mailer-daemon@mail.example.org>",
            "Undelivered Mail Returned to Sender",
            to=f"bounce@{DOMAIN}",
            reply_to=sent,
        )
        self.assertFalse(lead.message_ids.filtered(lambda m: m.message_type == "email"))
        self.assertFalse(self.received())

    def test_notes_and_automatic_messages_record_nothing(self):
        """What else is posted while an e-mail is received (a note, Odoo's
        automatic messages), and an e-mail posted otherwise than by the
        gateway, are not e-mails received from the contact."""
        lead = self.env["crm.lead"].create(
            {"name": "Quiet", "partner_id": self.person.id}
        )
        with switched(RECEIVED_EMAILS):
            lead.message_post(
                body="A note",
                author_id=self.person.id,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            for message_type in ("notification", "auto_comment"):
                lead.message_post(
                    body="Automatic",
                    author_id=self.person.id,
                    message_type=message_type,
                )
        lead.message_post(
            body="Not from the gateway",
            author_id=self.person.id,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertEqual(len(lead.message_ids.filtered("author_id")), 4)
        self.assertFalse(self.received())

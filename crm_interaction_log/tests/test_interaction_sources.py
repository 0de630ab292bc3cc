# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestInteractionSources(InteractionCase):
    """Create Interaction as a salesperson starts it: from a contact, an
    entry, an opportunity, an activity, several contacts; with the template's
    attachment, by e-mail or on paper; Resend and Resume."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Entry = cls.env["crm.interaction.log.entry"]
        for code in ("sv_SE", "nl_NL"):
            cls.env["res.lang"]._activate_lang(code)
        cls.letter = cls.env["crm.interaction.template"].create(
            {
                "code": "TLETTER",
                "name": "Spring letter",
                "group_id": cls.group.id,
                "unit_cost": 1.5,
                "correspondence_type": "hard_copy",
                "lang": "en_US",
                "language_ids": [
                    Command.create(
                        {
                            "lang": lang,
                            "upload_file": base64.b64encode(text),
                            "upload_filename": name,
                        }
                    )
                    for lang, text, name in (
                        ("en_US", b"Dear customer", "letter_en.txt"),
                        ("sv_SE", b"Kaera kund", "letter_sv.txt"),
                    )
                ],
            }
        )
        cls.letter_en, cls.letter_sv = cls.letter.language_ids.sorted(
            "lang"
        ).attachment_id
        cls.mailing = cls.letter.copy(
            {"code": "TMAIL", "name": "Spring e-mail", "correspondence_type": "email"}
        )
        cls.mailing_sv = cls.mailing.language_ids.filtered(
            lambda line: line.lang == "sv_SE"
        ).attachment_id
        cls.person.lang = "sv_SE"
        # e-mails to contacts are recorded too: the interaction must not be
        # recorded twice
        cls.env.company._set_interaction_templates({"email": cls.template_in})

    def _wizard(self, context, user=None, **values):
        form = Form(
            self.env["crm.interaction.create.wizard"]
            .with_user(user or self.salesman)
            .with_context(**context)
        )
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def _send(self, action, user=None):
        """The composer the action opens, sent as the user would."""
        self.assertEqual(action["res_model"], "mail.compose.message")
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(user or self.salesman)
            .with_context(**action["context"])
        ).save()
        composer.action_send_mail()
        return composer

    def _entries(self, partner):
        return self.Entry.search([("partner_id", "=", partner.id)])

    # ------------------------------------------------------------------
    # the template's attachment
    # ------------------------------------------------------------------
    def test_attachment_in_the_contact_language(self):
        # the contact's language, else the template's default, else any
        wizard = self._wizard(
            {"default_partner_id": self.person.id}, template_id=self.letter
        )
        self.assertEqual(wizard.attachment_id, self.letter_sv)
        self.person2.lang = "nl_NL"
        wizard = self._wizard(
            {"default_partner_id": self.person2.id}, template_id=self.letter
        )
        self.assertEqual(wizard.attachment_id, self.letter_en)
        self.letter.sudo().lang = False
        self.letter.language_ids.filtered(lambda line: line.lang == "en_US").unlink()
        wizard = self._wizard(
            {"default_partner_id": self.person2.id}, template_id=self.letter
        )
        self.assertEqual(wizard.attachment_id, self.letter_sv)

    def test_hard_copy_opens_and_links_the_attachment(self):
        wizard = self._wizard(
            {"default_partner_id": self.person.id}, template_id=self.letter
        )
        self.assertFalse(wizard.send_email)
        self.assertEqual(
            wizard.action_open_attachment()["url"],
            f"/web/content/{self.letter_sv.id}",
        )
        self.assertEqual(
            wizard.action_download_attachment()["url"],
            f"/web/content/{self.letter_sv.id}?download=true",
        )
        wizard.action_finish()
        entry = self._entries(self.person)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.attachment_id, self.letter_sv)
        self.assertEqual(entry.correspondence_type, "hard_copy")
        self.assertIn(
            f"/web/content/{self.letter_sv.id}",
            entry.with_user(self.salesman).action_open_attachment()["url"],
        )
        # the file the salesperson opens is the Swedish letter
        self.assertEqual(
            base64.b64decode(entry.with_user(self.salesman).attachment_id.datas),
            b"Kaera kund",
        )

    def test_email_is_logged_when_sent(self):
        wizard = self._wizard(
            {"default_partner_id": self.person.id},
            template_id=self.mailing,
            description="Our spring offer",
        )
        self.assertTrue(wizard.send_email)
        action = wizard.action_finish()
        # nothing logged until the e-mail goes
        self.assertFalse(self._entries(self.person))
        context = action["context"]
        self.assertEqual(context["default_partner_ids"], self.person.ids)
        self.assertEqual(context["default_subject"], "Our spring offer")
        self._send(action)
        entry = self._entries(self.person)
        self.assertEqual(len(entry), 1, "one entry: not also a chatter e-mail entry")
        self.assertEqual(entry.template_id, self.mailing)
        self.assertEqual(entry.correspondence_type, "email")
        self.assertEqual(entry.contact_via, "paula@example.com")
        self.assertEqual(entry.attachment_id, self.mailing_sv)
        self.assertEqual(entry.logged_by_id, self.salesman)
        message = entry.mail_message_id
        self.assertEqual(message.subject, "Our spring offer")
        self.assertIn(self.person, message.partner_ids)
        # the e-mail carries a copy of the Swedish file; the template keeps its own
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertNotEqual(message.attachment_ids, self.mailing_sv)
        self.assertEqual(base64.b64decode(message.attachment_ids.datas), b"Kaera kund")
        self.assertTrue(self.mailing_sv.exists())
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        expected = {"outgoing": "in_progress", "sent": "sent", "exception": "error"}
        self.assertEqual(
            entry.delivery_status, expected[mail.state] if mail else "sent"
        )
        # the delivery status follows the e-mail
        if mail:
            mail.write({"state": "exception", "failure_reason": "Mailbox full"})
            self.assertEqual(entry.delivery_status, "error")
        # sending the same interaction twice does not log it twice
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.salesman)
            .with_context(**context)
        ).save()
        composer.action_send_mail()
        self.assertEqual(
            self._entries(self.person).filtered(
                lambda e: e.template_id == self.mailing
            ),
            entry,
        )

    def test_email_can_be_logged_without_sending(self):
        wizard = self._wizard(
            {"default_partner_id": self.person.id},
            template_id=self.mailing,
            send_email=False,
        )
        self.assertEqual(wizard.action_finish()["res_model"], wizard._name)
        entry = self._entries(self.person)
        self.assertEqual(entry.attachment_id, self.mailing_sv)
        self.assertFalse(entry.mail_message_id)

    def test_email_needs_an_address(self):
        wizard = self._wizard(
            {"default_partner_id": self.person2.id}, template_id=self.mailing
        )
        with self.assertRaisesRegex(UserError, "no e-mail address"):
            wizard.action_finish()
        self.assertFalse(self._entries(self.person2))

    def test_another_users_wizard_logs_nothing(self):
        wizard = self._wizard(
            {"default_partner_id": self.person.id}, template_id=self.mailing
        )
        action = wizard.action_finish()
        # the copy of the attachment is the salesman's own: another user
        # sends without it, with the wizard's id in the context
        del action["context"]["default_attachment_ids"]
        self._send(action, user=self.salesman_all)
        self.assertFalse(
            self._entries(self.person).filtered(lambda e: e.template_id == self.mailing)
        )

    def test_wizard_action_field_is_gone(self):
        # open / import / merge did nothing: the field went away
        self.assertNotIn("wizard_action", self.letter._fields)

    # ------------------------------------------------------------------
    # Resend
    # ------------------------------------------------------------------
    def test_resend_logs_a_new_entry(self):
        self._wizard(
            {"default_partner_id": self.person.id}, template_id=self.letter
        ).action_finish()
        old = self._entries(self.person)
        before = old.read(
            ["date", "partner_id", "attachment_id", "correspondence_type", "name"]
        )
        self.other.email = "olga@example.com"
        action = old.with_user(self.salesman).action_resend()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(wizard.resend_entry_id, old)
        self.assertEqual(wizard.correspondence_type, "email")
        self.assertTrue(wizard.send_email)
        # to another contact: still the attachment that was sent
        wizard_form = Form(wizard.with_user(self.salesman))
        wizard_form.partner_id = self.other
        wizard = wizard_form.save()
        self.assertEqual(wizard.attachment_id, self.letter_sv)
        self._send(wizard.action_finish())
        new = self._entries(self.other)
        self.assertEqual(len(new), 1)
        self.assertEqual(new.attachment_id, self.letter_sv)
        self.assertEqual(new.correspondence_type, "email")
        self.assertTrue(new.mail_message_id)
        self.assertEqual(new.contact_via, "olga@example.com")
        self.assertNotEqual(new, old)
        old.invalidate_recordset()
        self.assertEqual(
            old.read(
                ["date", "partner_id", "attachment_id", "correspondence_type", "name"]
            ),
            before,
        )

    def test_resend_needs_an_attachment(self):
        entry = self.log(self.person)
        with self.assertRaisesRegex(UserError, "no attachment"):
            entry.with_user(self.salesman).action_resend()

    # ------------------------------------------------------------------
    # Create Interaction from where the work is
    # ------------------------------------------------------------------
    def test_create_from_entry(self):
        entry = self.log(self.person, template=self.template_in)
        action = entry.with_user(self.salesman).action_create_interaction()
        wizard = self._wizard(action["context"])
        self.assertEqual(wizard.partner_id, self.person)
        self.assertEqual(wizard.template_id, self.template_in)
        self.assertEqual(wizard.description, self.template_in.name)
        wizard.action_finish()
        self.assertEqual(len(self._entries(self.person)), 2)

    def test_create_from_opportunity(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create(
                {
                    "name": "Spring deal",
                    "type": "opportunity",
                    "partner_id": self.person.id,
                }
            )
        )
        action = lead.action_create_interaction()
        wizard = self._wizard(action["context"], template_id=self.template)
        self.assertEqual(wizard.partner_id, self.person)
        self.assertEqual(wizard.lead_id, lead)
        # an interaction of an opportunity is not offered another one
        self.assertEqual(wizard.action_finish()["type"], "ir.actions.act_window_close")
        entry = self._entries(self.person)
        self.assertEqual(entry.lead_id, lead)
        lead.partner_id = False
        with self.assertRaisesRegex(UserError, "no contact"):
            lead.action_create_interaction()

    def _activity(self, record):
        return (
            self.env["mail.activity"]
            .with_user(self.salesman)
            .create(
                {
                    "res_model_id": self.env["ir.model"]._get_id(record._name),
                    "res_id": record.id,
                    "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
                    "summary": "Call about the spring offer",
                    "user_id": self.salesman.id,
                }
            )
        )

    def test_create_from_activity_marks_it_done(self):
        activity = self._activity(self.person)
        action = activity.action_create_interaction()
        wizard = self._wizard(action["context"], template_id=self.template)
        self.assertEqual(wizard.partner_id, self.person)
        self.assertEqual(wizard.activity_id, activity)
        self.assertEqual(wizard.description, "Call about the spring offer")
        self.assertTrue(wizard.mark_activity_done)
        wizard.action_finish()
        self.assertEqual(len(self._entries(self.person)), 1)
        activity = activity.with_context(active_test=False).exists()
        self.assertFalse(activity.active if activity else False)
        done = self.person.message_ids.filtered(
            lambda m: m.mail_activity_type_id
            == self.env.ref("mail.mail_activity_data_call")
        )
        self.assertTrue(done, "the activity is done, in the contact's chatter")

    def test_create_from_activity_of_an_opportunity(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Autumn deal",
                "partner_id": self.person.id,
                "user_id": self.salesman.id,
            }
        )
        activity = self._activity(lead)
        wizard = self._wizard(
            activity.action_create_interaction()["context"],
            template_id=self.template,
            mark_activity_done=False,
        )
        self.assertEqual(wizard.partner_id, self.person)
        wizard.action_finish()
        self.assertEqual(len(self._entries(self.person)), 1)
        self.assertTrue(activity.exists().active, "left as it was planned")
        lead.partner_id = False
        with self.assertRaisesRegex(UserError, "not about a contact"):
            activity.action_create_interaction()

    def test_create_for_several_contacts(self):
        contacts = self.person | self.person2 | self.other
        action = contacts.with_user(self.salesman).action_create_interaction()
        self.assertEqual(action["res_model"], "crm.interaction.create.multi.wizard")
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.salesman)
            .with_context(**action["context"])
        )
        form.template_id = self.template
        wizard = form.save()
        self.assertEqual(wizard.partner_count, 3)
        self.assertEqual(wizard.description, self.template.name)
        summary = wizard.action_finish()
        entries = self.Entry.search([("partner_id", "in", contacts.ids)])
        self.assertEqual(len(entries), 3)
        self.assertEqual(entries.partner_id, contacts)
        self.assertEqual(len(entries.logged_segment_id), 1)
        self.assertEqual(set(entries.mapped("cost")), {2.5})
        self.assertEqual(set(entries.mapped("user_id")), {self.salesman})
        self.assertIn("3 interactions logged", summary["params"]["message"])
        self.assertEqual(
            summary["params"]["next"]["domain"],
            [("logged_segment_id", "in", entries.logged_segment_id.ids)],
        )

    def test_contact_list_actions_take_several_contacts(self):
        """Every action of the module in the contact list's Action menu runs
        on a selection of several contacts."""
        self.log(self.person)
        self.log(self.other)
        contacts = (self.person | self.other).with_user(self.salesman)
        bound = self.env["ir.actions.server"].search(
            [("binding_model_id.model", "=", "res.partner")]
        )
        ours = bound.filtered(
            lambda a: a.get_external_id()[a.id].startswith("crm_interaction_log.")
        )
        self.assertEqual(len(ours), 2)
        for action in ours:
            result = (
                action.with_user(self.salesman)
                .with_context(
                    active_model="res.partner",
                    active_ids=contacts.ids,
                    active_id=contacts.ids[0],
                )
                .run()
            )
            self.assertTrue(result, action.name)
        # and the Print menu's Interaction Log
        html, _format = (
            self.env["ir.actions.report"]
            .with_user(self.salesman)
            ._render_qweb_html(
                "crm_interaction_log.action_report_interaction_log", contacts.ids
            )
        )
        self.assertIn(b"Paula Person", html)
        self.assertIn(b"Olga Other", html)
        view = contacts.action_view_interaction_log_entries()
        self.assertEqual(
            self.Entry.with_user(self.salesman).search(view["domain"]).partner_id,
            self.person | self.other,
        )

    # ------------------------------------------------------------------
    # Resume
    # ------------------------------------------------------------------
    def test_resume_takes_now(self):
        old_date = datetime(2020, 3, 1, 10, 0)
        entry = self.log(self.person, postponed=True, date=old_date)
        action = entry.with_user(self.salesman).action_resume()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        now = fields.Datetime.now()
        self.assertGreaterEqual(wizard.date, now.replace(microsecond=0))
        self.assertLessEqual(wizard.date, now + timedelta(minutes=1))
        wizard.with_user(self.salesman).action_finish()
        self.assertFalse(entry.postponed)
        self.assertGreater(entry.date, old_date)
        self.assertEqual(entry.date, wizard.date)

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestSegmentSend(InteractionCase):
    """A segment logged with "send attachments" queues its e-mails: the
    scheduled job creates them a batch at a time, the logged segment and the
    segment show how far it got, and no contact gets two."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["crm.interaction.template.language"].create(
            {
                "template_id": cls.template.id,
                "lang": "en_US",
                "description": "Letter",
                "upload_file": base64.b64encode(b"Autumn offer"),
                "upload_filename": "offer.txt",
            }
        )
        cls.contacts = cls.env["res.partner"].create(
            [
                {
                    "name": f"Send {n}",
                    "email": f"send{n}@example.com",
                    "lang": "en_US",
                    "interaction_correspondence_type": "email",
                }
                for n in range(7)
            ]
        )
        cls.Entry = cls.env["crm.interaction.log.entry"]
        cls.cron = cls.env.ref("crm_interaction_log.ir_cron_send_segment_attachments")

    def log_segment(self, partners, send=True):
        segment = (
            self.env["crm.segment"]
            .with_user(self.salesman)
            .create(
                {
                    "description": "Autumn letter",
                    "template_id": self.template.id,
                    "correspondence_type": "email",
                }
            )
        )
        segment._add_partners(partners)
        self.env["crm.segment.log.wizard"].with_user(self.salesman).create(
            {"segment_id": segment.id, "send_attachments": send}
        ).action_log()
        return segment, segment.logged_segment_id.with_user(self.salesman)

    def mails_by_partner(self, partners):
        """The e-mails of the segment's contacts, by contact."""
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "res.partner"), ("res_id", "in", partners.ids)])
        )
        result = {}
        for mail in mails:
            result.setdefault(mail.recipient_ids, []).append(mail)
        return result

    def triggers(self):
        return self.env["ir.cron.trigger"].search_count(
            [
                ("cron_id", "=", self.cron.id),
                ("call_at", "<=", fields.Datetime.now()),
            ]
        )

    def test_logging_queues_and_the_job_sends_in_batches(self):
        triggers = self.triggers()
        segment, logged = self.log_segment(self.contacts)
        entries = self.Entry.search([("logged_segment_id", "=", logged.id)])
        # logging created the entries and asked the job to run, sent nothing
        self.assertEqual(len(entries), 7)
        self.assertEqual(set(entries.mapped("delivery_status")), {"in_progress"})
        self.assertFalse(entries.mail_message_id)
        self.assertEqual(self.mails_by_partner(self.contacts), {})
        self.assertEqual(self.triggers(), triggers + 1)
        self.assertTrue(logged.send_attachments)
        self.assertEqual(
            (logged.send_state, logged.email_count, logged.email_queued_count),
            ("sending", 7, 0),
        )
        self.assertEqual(logged.send_progress, 0)
        self.assertEqual(segment.send_state, "sending")

        # one batch of three: three contacts have their e-mail, the rest wait
        self.assertEqual(self.run_send_job(batch_size=3, max_batches=1), 3)
        logged.invalidate_recordset()
        self.assertEqual((logged.send_state, logged.email_queued_count), ("sending", 3))
        self.assertAlmostEqual(logged.send_progress, 300 / 7)
        self.assertEqual(len(entries.filtered("mail_message_id")), 3)
        # the oldest entries first
        self.assertEqual(entries.filtered("mail_message_id"), entries.sorted("id")[:3])

        # the next run resumes with the four others, then nothing is left
        self.assertEqual(self.run_send_job(batch_size=3), 4)
        self.assertEqual(self.run_send_job(batch_size=3), 0)
        logged.invalidate_recordset()
        segment.invalidate_recordset()
        self.assertEqual(
            (logged.send_state, logged.email_queued_count, logged.send_progress),
            ("done", 7, 100),
        )
        self.assertEqual(segment.send_state, "done")
        self.assertEqual(segment.send_progress, 100)
        # one e-mail per contact, from the salesperson who logged, with a copy
        # of the template's attachment filed on the contact
        by_partner = self.mails_by_partner(self.contacts)
        self.assertEqual(set(by_partner), set(self.contacts))
        for partner, mails in by_partner.items():
            self.assertEqual(len(mails), 1, partner.name)
            mail = mails[0]
            entry = entries.filtered(lambda e, p=partner: e.partner_id == p)
            self.assertEqual(entry.mail_message_id, mail.mail_message_id)
            self.assertEqual(mail.author_id, self.salesman.partner_id)
            self.assertEqual(mail.state, "outgoing")
            self.assertEqual(mail.attachment_ids.res_id, partner.id)
            self.assertEqual(
                base64.b64decode(mail.attachment_ids.datas), b"Autumn offer"
            )
            self.assertEqual(
                entry.attachment_id, self.template.language_ids.attachment_id
            )
            self.assertEqual(entry.delivery_status, "in_progress")

    def test_a_segment_without_send_queues_nothing(self):
        triggers = self.triggers()
        segment, logged = self.log_segment(self.contacts, send=False)
        self.assertFalse(logged.send_attachments)
        self.assertFalse(logged.send_state)
        self.assertFalse(segment.send_state)
        self.assertEqual(self.triggers(), triggers)
        self.assertEqual(self.run_send_job(), 0)
        self.assertEqual(self.mails_by_partner(self.contacts), {})

    def test_cancel_stops_what_is_not_queued_and_restore_resumes(self):
        _segment, logged = self.log_segment(self.contacts)
        self.run_send_job(batch_size=2, max_batches=1)
        logged.action_cancel()
        # nothing more goes out while the segment is canceled
        self.assertEqual(self.run_send_job(), 0)
        logged.invalidate_recordset()
        self.assertEqual((logged.send_state, logged.email_queued_count), ("stopped", 2))
        self.assertEqual(len(self.mails_by_partner(self.contacts)), 2)
        triggers = self.triggers()
        logged.action_restore()
        self.assertEqual(self.triggers(), triggers + 1)
        self.assertEqual(self.run_send_job(), 5)
        by_partner = self.mails_by_partner(self.contacts)
        self.assertEqual(set(by_partner), set(self.contacts))
        self.assertEqual({len(mails) for mails in by_partner.values()}, {1})
        logged.invalidate_recordset()
        self.assertEqual(logged.send_state, "done")

    def test_a_canceled_entry_waits_until_restored(self):
        _segment, logged = self.log_segment(self.contacts[:2])
        entries = self.Entry.with_user(self.salesman).search(
            [("logged_segment_id", "=", logged.id)], order="id"
        )
        entries[0].action_toggle_canceled()
        self.assertEqual(self.run_send_job(), 1)
        self.assertFalse(entries[0].mail_message_id)
        self.assertTrue(entries[1].mail_message_id)
        logged.invalidate_recordset()
        self.assertEqual(logged.send_state, "stopped")
        triggers = self.triggers()
        entries[0].action_toggle_canceled()
        self.assertEqual(self.triggers(), triggers + 1)
        self.assertEqual(self.run_send_job(), 1)
        self.assertTrue(entries[0].mail_message_id)
        self.assertEqual(
            {len(mails) for mails in self.mails_by_partner(self.contacts[:2]).values()},
            {1},
        )

    def test_users_cannot_mark_a_logged_segment_sent_or_sending(self):
        _segment, logged = self.log_segment(self.contacts[:1])
        for user in (self.salesman, self.manager):
            with self.assertRaises(AccessError):
                logged.with_user(user).write({"send_attachments": False})
        # the job sends it still
        self.assertEqual(self.run_send_job(), 1)

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestChannelMeetings(InteractionCase):
    """Meetings that took place record one entry per external attendee, by
    the scheduled job."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company._set_interaction_templates({"meeting": cls.template})
        cls.Entry = cls.env["crm.interaction.log.entry"]
        cls.Event = cls.env["calendar.event"].with_context(
            no_mail_to_attendees=True, mail_notrack=True
        )
        # meetings of the database itself are not the tests'
        cls.env.cr.execute(
            "UPDATE calendar_event SET interaction_processed = TRUE "
            "WHERE interaction_processed IS NOT TRUE"
        )
        cls.Event.invalidate_model()

    def meeting(self, hours_ago=3.0, length=1.5, partners=None, **values):
        start = fields.Datetime.now().replace(microsecond=0) - timedelta(
            hours=hours_ago
        )
        partners = (
            partners
            if partners is not None
            else (self.person | self.person2 | self.other | self.manager.partner_id)
        )
        return self.Event.create(
            {
                "name": "Quarterly review",
                "start": start,
                "stop": start + timedelta(hours=length),
                "user_id": self.salesman.id,
                "partner_ids": [(6, 0, partners.ids)],
                **values,
            }
        )

    def run_job(self):
        return self.env["calendar.event"]._interaction_cron_record_meetings()

    def entries(self):
        return self.Entry.search(
            [("channel", "=", "meeting"), ("id", ">", self.last_entry_id)],
            order="partner_id",
        )

    def test_external_attendees_record_entries(self):
        event = self.meeting()
        declined = event.attendee_ids.filtered(lambda a: a.partner_id == self.person2)
        declined.state = "declined"
        self.assertEqual(self.run_job(), 1)
        entries = self.entries()
        # the manager is a colleague, Peter declined, the organizer is internal
        self.assertEqual(entries.partner_id, self.person | self.other)
        for entry in entries:
            self.assertRecordValues(
                entry,
                [
                    {
                        "template_id": self.template.id,
                        "group_id": self.group.id,
                        "channel": "meeting",
                        "correspondence_type": False,
                        "duration": 90,
                        "cost": 2.5,
                        "date": event.start,
                        "user_id": self.salesman.id,
                        "description": "Quarterly review",
                        "res_model": "calendar.event",
                        "res_id": event.id,
                        "document_name": "Quarterly review",
                        "company_id": self.salesman.company_id.id,
                    }
                ],
            )
        self.assertTrue(event.interaction_processed)

    def test_second_run_records_nothing_more(self):
        event = self.meeting()
        self.run_job()
        self.assertEqual(len(self.entries()), 3)
        self.assertEqual(self.run_job(), 0)
        self.assertEqual(len(self.entries()), 3)
        self.assertTrue(event.interaction_processed)

    def test_future_and_ongoing_meetings_wait(self):
        future = self.meeting(hours_ago=-24)
        ongoing = self.meeting(hours_ago=1, length=2)
        self.assertEqual(self.run_job(), 0)
        self.assertFalse(self.entries())
        self.assertFalse(any((future | ongoing).mapped("interaction_processed")))

    def test_canceled_meeting_records_nothing(self):
        event = self.meeting()
        event.action_archive()
        self.assertEqual(self.run_job(), 0)
        self.assertFalse(self.entries())
        # deleted: nothing to find at all
        self.meeting().unlink()
        self.assertEqual(self.run_job(), 0)
        self.assertFalse(self.entries())

    def test_internal_only_meeting_records_nothing(self):
        event = self.meeting(partners=self.manager.partner_id)
        self.assertEqual(self.run_job(), 1)
        self.assertFalse(self.entries())
        self.assertTrue(event.interaction_processed)

    def test_template_off_marks_processed(self):
        self.env.company._set_interaction_templates({"meeting": False})
        event = self.meeting()
        self.assertEqual(self.run_job(), 1)
        self.assertTrue(event.interaction_processed)
        # set up later: the meeting that ended meanwhile is not recorded
        self.env.company._set_interaction_templates({"meeting": self.template})
        self.assertEqual(self.run_job(), 0)
        self.assertFalse(self.entries())

    def test_batches(self):
        events = self.meeting() | self.meeting(hours_ago=5) | self.meeting(hours_ago=7)
        done = self.env["calendar.event"]._interaction_cron_record_meetings(
            batch_size=2
        )
        self.assertEqual(done, 3)
        self.assertTrue(all(events.mapped("interaction_processed")))
        self.assertEqual(len(self.entries()), 9)

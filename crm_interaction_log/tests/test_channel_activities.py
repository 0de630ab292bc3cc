# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import InteractionCase

RECORD_LOGGER = "odoo.addons.crm_interaction_log.models.crm_interaction_document_mixin"


@tagged("post_install", "-at_install")
class TestChannelActivities(InteractionCase):
    """Activities marked done record an entry with their type's template."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call = cls.env.ref("mail.mail_activity_data_call")
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")
        cls.meeting_type = cls.env.ref("mail.mail_activity_data_meeting")
        cls.call.with_company(cls.env.company).interaction_template_id = cls.template
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Activity Opportunity",
                "type": "opportunity",
                "partner_id": cls.person.id,
                "user_id": cls.salesman.id,
            }
        )
        cls.Entry = cls.env["crm.interaction.log.entry"]

    def entries(self):
        return self.Entry.search(
            [("channel", "=", "activity"), ("id", ">", self.last_entry_id)], order="id"
        )

    def schedule(self, record, activity_type=None, **values):
        """An activity of the salesman on ``record``, as he plans it."""
        return (
            record.with_user(self.salesman)
            .activity_schedule(
                activity_type_id=(activity_type or self.call).id,
                user_id=self.salesman.id,
                **values,
            )
            .with_user(self.salesman)
        )

    # --- marking done ----------------------------------------------------------
    def test_feedback_records_entry(self):
        activity = self.schedule(self.lead, summary="Call about the offer")
        activity.action_feedback(feedback="Interested, call back in May")
        self.assertFalse(activity.exists())
        entry = self.entries()
        self.assertEqual(len(entry), 1)
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.person.id,
                    "commercial_partner_id": self.company.id,
                    "template_id": self.template.id,
                    "group_id": self.group.id,
                    "cost": 2.5,
                    "duration": 15,
                    "user_id": self.salesman.id,
                    "logged_by_id": self.salesman.id,
                    "channel": "activity",
                    "description": "Call about the offer",
                    "res_model": "crm.lead",
                    "res_id": self.lead.id,
                    "document_name": self.lead.display_name,
                    "lead_id": self.lead.id,
                    "company_id": self.env.company.id,
                }
            ],
        )
        self.assertEqual(
            entry.comment_ids.mapped("comment"), ["Interested, call back in May"]
        )
        self.assertEqual(entry.comment_ids.user_id, self.salesman)

    def test_done_button_records_entry_named_after_type(self):
        activity = self.schedule(self.lead)
        activity.action_done()
        entry = self.entries()
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.description, self.call.name)
        self.assertFalse(entry.comment_ids)
        self.assertEqual(entry.user_id, self.salesman)

    def test_contact_activity_has_no_document(self):
        self.schedule(self.person).action_done()
        entry = self.entries()
        self.assertEqual(entry.partner_id, self.person)
        self.assertFalse(entry.res_model)
        self.assertFalse(entry.document_name)

    def test_type_without_template_records_nothing(self):
        self.schedule(self.lead, activity_type=self.todo).action_feedback(
            feedback="Done"
        )
        self.assertFalse(self.entries())

    def test_meeting_activity_left_to_the_meeting(self):
        """An activity of a calendar meeting records nothing of its own when
        meetings are recorded (its attendees are, when it takes place); it
        records as any activity when they are not."""
        self.meeting_type.with_company(
            self.env.company
        ).interaction_template_id = self.template
        event = self.env["calendar.event"].create(
            {
                "name": "Offer meeting",
                "start": "2026-03-02 10:00:00",
                "stop": "2026-03-02 11:00:00",
            }
        )
        planned = self.schedule(
            self.lead, activity_type=self.meeting_type, calendar_event_id=event.id
        )
        self.env.company._set_interaction_templates({"meeting": self.template})
        planned.action_feedback(feedback="Held")
        self.assertFalse(self.entries())
        self.env.company._set_interaction_templates({"meeting": False})
        self.schedule(
            self.lead, activity_type=self.meeting_type, calendar_event_id=event.id
        ).action_feedback(feedback="Held")
        self.assertEqual(len(self.entries()), 1)

    def test_template_is_per_company(self):
        other_company = self.env["res.company"].create({"name": "Activity Co 2"})
        self.assertFalse(self.call.with_company(other_company).interaction_template_id)
        self.salesman.company_ids |= other_company
        self.lead.company_id = other_company
        both = self.lead.with_context(
            allowed_company_ids=[self.env.company.id, other_company.id]
        )
        self.schedule(both).action_done()
        self.assertFalse(self.entries())

    def test_no_contact_records_nothing(self):
        self.lead.partner_id = False
        activity = self.schedule(self.lead)
        activity.action_feedback(feedback="Nobody there")
        self.assertFalse(activity.exists())
        self.assertFalse(self.entries())

    def test_failed_recording_does_not_stop_done(self):
        elsewhere = self.env["res.company"].create({"name": "Elsewhere Activities"})
        foreign = self.env["crm.interaction.template"].create(
            {
                "code": "ELSEA",
                "name": "Elsewhere",
                "group_id": self.env["crm.interaction.group"]
                .create(
                    {"code": "ELSEA", "name": "Elsewhere", "company_id": elsewhere.id}
                )
                .id,
                "company_id": elsewhere.id,
            }
        )
        # set up behind the ORM's back: recording with it fails
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE mail_activity_type SET interaction_template_id = %s"
                " WHERE id = %s",
                json.dumps({str(self.env.company.id): foreign.id}),
                self.call.id,
            )
        )
        self.call.invalidate_recordset()
        activity = self.schedule(self.lead)
        with mute_logger(RECORD_LOGGER):
            activity.action_feedback(feedback="Still done")
        self.assertFalse(activity.exists())
        self.assertFalse(self.entries())
        message = self.lead.message_ids[0]
        self.assertIn("Still done", message.body)

    def test_many_activities_at_once(self):
        self.meeting_type.with_company(
            self.env.company
        ).interaction_template_id = self.template_in
        lead2 = self.lead.copy({"partner_id": self.person2.id})
        activities = (
            self.schedule(self.lead, summary="First")
            | self.schedule(lead2, activity_type=self.meeting_type, summary="Second")
            | self.schedule(self.person, activity_type=self.todo)
            | self.schedule(self.other)
        )
        activities.action_feedback(feedback="All done")
        entries = self.entries()
        self.assertEqual(
            [(e.partner_id, e.template_id, e.description) for e in entries],
            [
                (self.person, self.template, "First"),
                (self.person2, self.template_in, "Second"),
                (self.other, self.template, self.call.name),
            ],
        )
        self.assertEqual(entries.comment_ids.mapped("comment"), ["All done"] * 3)

    def test_create_interaction_wizard_records_once(self):
        activity = self.schedule(self.lead, summary="Wizard call")
        action = activity.action_create_interaction()
        wizard = (
            self.env["crm.interaction.create.wizard"]
            .with_user(self.salesman)
            .with_context(**action["context"])
            .create({"template_id": self.template.id, "mark_activity_done": True})
        )
        wizard.action_finish()
        self.assertFalse(activity.exists())
        entries = self.Entry.search([("partner_id", "=", self.person.id)])
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries.channel, "manual")

    # --- setup -------------------------------------------------------------------
    def setup_as(self, user):
        setup = self.env["crm.interaction.template.setup"].with_user(user).create({})
        line = setup.activity_template_ids.filtered(
            lambda line: line.activity_type_id == self.todo
        )
        self.assertEqual(len(line), 1)
        line.template_id = self.template_in
        return setup

    def test_setup_as_manager(self):
        setup = self.env["crm.interaction.template.setup"].with_user(self.manager)
        opened = setup.create({})
        line = opened.activity_template_ids.filtered(
            lambda line: line.activity_type_id == self.call
        )
        self.assertEqual(line.template_id, self.template)
        self.setup_as(self.manager).action_save()
        self.todo.invalidate_recordset()
        self.assertEqual(
            self.todo.with_company(self.env.company).interaction_template_id,
            self.template_in,
        )
        self.assertEqual(
            self.call.with_company(self.env.company).interaction_template_id,
            self.template,
        )
        # and the salesman's To-Do now records
        self.schedule(self.lead, activity_type=self.todo).action_done()
        self.assertEqual(self.entries().template_id, self.template_in)

    def test_setup_refused_for_salesperson(self):
        salesman = self.salesman_all
        with self.assertRaises(AccessError):
            self.setup_as(salesman).action_save()
        self.todo.invalidate_recordset()
        self.assertFalse(
            self.todo.with_company(self.env.company).interaction_template_id
        )

    def test_setup_refuses_other_company_template(self):
        elsewhere = self.env["res.company"].create({"name": "Elsewhere Setup"})
        foreign = self.env["crm.interaction.template"].create(
            {
                "code": "ELSES",
                "name": "Elsewhere",
                "group_id": self.env["crm.interaction.group"]
                .create(
                    {"code": "ELSES", "name": "Elsewhere", "company_id": elsewhere.id}
                )
                .id,
                "company_id": elsewhere.id,
            }
        )
        setup = self.setup_as(self.manager)
        with self.assertRaises(AccessError):
            setup.activity_template_ids.filtered(
                lambda line: line.activity_type_id == self.todo
            ).template_id = foreign
        self.todo.invalidate_recordset()
        self.assertFalse(
            self.todo.with_company(self.env.company).interaction_template_id
        )

    def test_type_refuses_template_with_attachments(self):
        self.env["crm.interaction.template.language"].create(
            {
                "template_id": self.template_in.id,
                "lang": "en_US",
                "attachment_id": self.env["ir.attachment"].create({"name": "x.txt"}).id,
            }
        )
        with self.assertRaises(ValidationError):
            self.todo.with_company(
                self.env.company
            ).interaction_template_id = self.template_in

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A logged interaction stays as it was logged: afterwards, users change it
through its actions only (evaluate, switch canceled, comments, create task or
opportunity); a logged segment can be canceled and restored. Tried as the
salesperson who sees his own documents only, with the calls his client (the
web client or XML-RPC) makes."""

import importlib.util
import os

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import InteractionCase

# what a user would change on a logged entry, and the column it is stored in
LOCKED_VALUES = {
    "partner_id": "person2",
    "template_id": "template_in",
    "date": "2026-01-01 10:00:00",
    "cost": 99.0,
    "duration": 99.0,
    "information_flow": "inbound",
    "initiated_by": "them",
    "attachment_id": "attachment",
    "description": "Rewritten",
    "subject": "Rewritten",
    "attempt_failed": True,
    "correspondence_type": "email",
    "contact_via": "+46 8 999",
    "lang": "en_US",
    "user_id": "salesman_all",
    "group_id": "group",
}


@tagged("post_install", "-at_install")
class TestLoggedEntry(InteractionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Entry = cls.env["crm.interaction.log.entry"].with_user(cls.salesman)
        cls.other_group = cls.env["crm.interaction.group"].create(
            {"code": "TOTHER", "name": "Other group"}
        )
        cls.attachment = cls.env["ir.attachment"].create(
            {
                "name": "brochure.txt",
                "raw": b"brochure",
                "res_model": "res.partner",
                "res_id": cls.person.id,
            }
        )

    def locked_value(self, name):
        value = LOCKED_VALUES[name]
        return {
            "person2": self.person2.id,
            "template_in": self.template_in.id,
            "attachment": self.attachment.id,
            "salesman_all": self.salesman_all.id,
            "group": self.other_group.id,
        }.get(value, value)

    def row(self, entries, *columns):
        self.env.flush_all()
        self.env.cr.execute(
            f"SELECT {', '.join(columns)} FROM crm_interaction_log_entry "
            "WHERE id IN %s ORDER BY id",
            [tuple(entries.ids)],
        )
        return self.env.cr.fetchall()

    def marks(self, entries, column="canceled"):
        """The entries' canceled (or ``column``) marks as stored, by id."""
        return [row[0] for row in self.row(entries, f"{column} IS TRUE")]

    def switch_canceled(self, entries, user=None):
        """Switch Canceled Mark as the client calls it: the method on the
        selected ids, in the order selected; returns the confirmation."""
        Entry = self.env["crm.interaction.log.entry"].with_user(user or self.salesman)
        action = Entry.browse(entries.ids).action_toggle_canceled()
        self.assertEqual(action["res_model"], "crm.interaction.switch.canceled.wizard")
        self.assertEqual(action["target"], "new")
        return (
            self.env[action["res_model"]]
            .with_user(user or self.salesman)
            .browse(action["res_id"])
        )

    def logged_segment(self, user, partners):
        segment = (
            self.env["crm.segment"]
            .with_user(user)
            .create({"description": "Autumn calls", "template_id": self.template.id})
        )
        segment._add_partners(partners)
        self.env["crm.segment.log.wizard"].with_user(user).create(
            {"segment_id": segment.id}
        ).action_log()
        return segment.logged_segment_id

    # --- a logged entry stays as it was logged --------------------------------
    def test_logged_entry_cannot_be_changed(self):
        entry = self.log(self.person)
        columns = list(LOCKED_VALUES)
        before = self.row(entry, *columns)
        for name in LOCKED_VALUES:
            with self.subTest(field=name):
                with self.assertRaises(UserError) as caught:
                    entry.with_user(self.salesman).write(
                        {name: self.locked_value(name)}
                    )
                message = str(caught.exception)
                self.assertIn(entry.name, message)
                self.assertIn(entry._fields[name].string, message)
                self.assertIn("Cancel it and create a new interaction", message)
        # nothing written, not even what may change when it comes with the rest
        with self.assertRaises(UserError):
            entry.with_user(self.salesman).write({"evaluation": "positive", "cost": 1})
        self.assertEqual(self.row(entry, *columns), before)
        self.assertEqual(self.row(entry, "evaluation"), [(None,)])
        # the all-documents salesperson and the manager neither
        for user in (self.salesman_all, self.manager):
            with self.assertRaises(UserError):
                entry.with_user(user).write({"cost": 1})
        self.assertEqual(self.row(entry, *columns), before)

    def test_logged_entry_shows_its_values_readonly(self):
        entry = self.log(self.person)
        form = Form(entry.with_user(self.salesman))
        for name in ("partner_id", "template_id", "date", "cost", "duration"):
            with (
                self.subTest(field=name),
                self.assertRaisesRegex(AssertionError, "readonly"),
            ):
                setattr(form, name, self.locked_value(name))
        form.evaluation = "negative"
        form.save()
        self.assertEqual(self.row(entry, "evaluation", "cost"), [("negative", 2.5)])

    def test_what_users_change_goes_through_actions(self):
        entry = self.log(self.person, description="Asked for a quote")
        mine = entry.with_user(self.salesman)
        mine.write({"evaluation": "positive"})
        mine.write({"comment_ids": [Command.create({"comment": "Call back Monday"})]})
        mine.action_create_task()
        mine.action_create_opportunity()
        self.assertEqual(self.row(entry, "evaluation"), [("positive",)])
        self.assertEqual(entry.comment_ids.mapped("comment"), ["Call back Monday"])
        self.assertEqual(entry.activity_id.summary, "Asked for a quote")
        lead = entry.lead_id
        self.assertTrue(lead)
        # the opportunity link is the user's to change
        other_lead = self.env["crm.lead"].create(
            {"name": "Other", "user_id": self.salesman.id}
        )
        mine.write({"lead_id": other_lead.id})
        self.assertEqual(self.row(entry, "lead_id"), [(other_lead.id,)])
        mine.write({"lead_id": False})
        self.assertEqual(self.row(entry, "lead_id"), [(None,)])

    def test_postponed_entry_stays_editable_until_finished(self):
        entry = self.log(self.person, postponed=True)
        entry.with_user(self.salesman).write(
            {
                "partner_id": self.person2.id,
                "cost": 7.0,
                "date": "2026-03-01 09:00:00",
                "information_flow": "inbound",
            }
        )
        self.assertEqual(
            self.row(entry, "partner_id", "cost", "information_flow"),
            [(self.person2.id, 7.0, "inbound")],
        )
        form = Form(entry.with_user(self.salesman))
        form.duration = 45
        form.save()
        self.assertEqual(self.row(entry, "duration"), [(45.0,)])
        # finished through the Create Interaction wizard, then it is logged
        action = entry.with_user(self.salesman).action_resume()
        wizard = self.env[action["res_model"]].with_user(self.salesman)
        wizard.browse(action["res_id"]).action_finish()
        self.assertEqual(self.row(entry, "postponed", "cost"), [(False, 7.0)])
        with self.assertRaises(UserError):
            entry.with_user(self.salesman).write({"cost": 1})
        self.assertEqual(self.row(entry, "cost"), [(7.0,)])

    # --- switch canceled on several entries ------------------------------------
    def test_switch_canceled_many_follows_the_first_after_confirmation(self):
        first, canceled, third = (self.log(self.person) for _i in range(3))
        canceled.with_user(self.salesman).action_toggle_canceled()
        # the first is not canceled: all are canceled, two of them change
        wizard = self.switch_canceled(first | canceled | third)
        self.assertEqual(
            wizard.read(["summary"])[0]["summary"],
            "2 interaction log entries will be canceled.",
        )
        entries = first | canceled | third
        # nothing changes before the confirmation
        self.assertEqual(self.marks(entries), [False, True, False])
        wizard.action_confirm()
        self.assertEqual(self.marks(entries), [True, True, True])
        # the first selected is canceled: all are restored
        first.with_user(self.salesman).action_toggle_canceled()
        wizard = self.switch_canceled(third | first | canceled)
        self.assertEqual(wizard.summary, "2 interaction log entries will be restored.")
        wizard.action_confirm()
        self.assertEqual(self.marks(entries), [False, False, False])
        wizard = self.switch_canceled(first | canceled)
        self.assertEqual(wizard.summary, "2 interaction log entries will be canceled.")
        canceled.with_user(self.salesman).action_toggle_canceled()
        wizard.invalidate_recordset()
        self.assertEqual(wizard.summary, "1 interaction log entry will be canceled.")

    def test_switch_canceled_many_refused_as_a_whole(self):
        mine = self.log(self.person)
        theirs = self.log(self.other, user=self.manager)
        # another salesperson's entry, which he does not see
        with self.assertRaises(AccessError):
            self.Entry.browse((mine | theirs).ids).action_toggle_canceled()
        # nor through a confirmation made up by hand
        with self.assertRaises(AccessError):
            self.env["crm.interaction.switch.canceled.wizard"].with_user(
                self.salesman
            ).create(
                {"entry_ids": [Command.set((mine | theirs).ids)], "canceled": True}
            )
        self.assertEqual(self.marks(mine | theirs), [False, False])
        # a postponed one
        postponed = self.log(self.person, postponed=True)
        with self.assertRaises(UserError):
            self.switch_canceled(mine | postponed)
        self.assertEqual(self.marks(mine | postponed), [False, False])

    def test_switch_canceled_many_refuses_to_restore_a_canceled_segments_entry(self):
        logged = self.logged_segment(self.salesman, self.person)
        of_segment = self.Entry.search([("logged_segment_id", "=", logged.id)])
        alone = self.log(self.person)
        alone.with_user(self.salesman).action_toggle_canceled()
        wizard = self.switch_canceled(alone | of_segment)
        logged.with_user(self.salesman).action_cancel()
        with self.assertRaises(UserError):
            wizard.action_confirm()
        with self.assertRaises(UserError):
            self.switch_canceled(alone | of_segment)
        self.assertEqual(self.marks(alone | of_segment), [True, True])

    # --- logged segments --------------------------------------------------------
    def test_logged_segment_cancel_and_restore_cascade(self):
        logged = self.logged_segment(self.salesman, self.person | self.person2)
        alone = self.logged_segment(self.salesman, self.company)
        entries = self.Entry.search([("logged_segment_id", "=", logged.id)])
        self.assertEqual(len(entries), 2)
        canceled_before, other = entries
        canceled_before.action_toggle_canceled()
        # Switch Canceled Mark of the list, on two logged segments
        both = self.env["crm.logged.segment"].with_user(self.salesman)
        both = both.browse((logged | alone).ids)
        both.action_toggle_canceled()
        self.assertEqual(both.mapped("canceled"), [True, True])
        # the one canceled before is not canceled with the segment
        self.assertEqual(self.marks(canceled_before | other), [True, True])
        self.assertEqual(self.marks(canceled_before, "canceled_with_segment"), [False])
        self.assertEqual(self.marks(other, "canceled_with_segment"), [True])
        with self.assertRaises(UserError):
            other.action_toggle_canceled()
        # which entries come back is the module's to say
        with self.assertRaises(AccessError):
            canceled_before.write({"canceled_with_segment": True})
        self.assertEqual(self.marks(canceled_before, "canceled_with_segment"), [False])
        # restored: the entries canceled with it come back, the other stays
        logged.with_user(self.salesman).action_toggle_canceled()
        self.assertFalse(logged.canceled)
        self.assertTrue(alone.canceled)
        self.assertEqual(self.marks(canceled_before), [True])
        self.assertEqual(self.marks(other), [False])
        self.assertEqual(self.marks(entries, "canceled_with_segment"), [False, False])
        of_alone = self.Entry.search([("logged_segment_id", "=", alone.id)])
        self.assertEqual(self.marks(of_alone), [True])
        # and each entry switches on its own again
        canceled_before.action_toggle_canceled()
        self.assertEqual(self.marks(entries), [False, False])
        # the form's buttons, both ways
        logged.with_user(self.salesman).action_cancel()
        self.assertEqual(self.marks(entries), [True, True])
        logged.with_user(self.salesman).action_restore()
        self.assertEqual(self.marks(entries), [False, False])
        self.assertFalse(logged.canceled)

    def test_another_users_logged_segment_is_refused(self):
        logged = self.logged_segment(self.salesman_all, self.person | self.other)
        entries = self.env["crm.interaction.log.entry"].search(
            [("logged_segment_id", "=", logged.id)]
        )
        mine = logged.with_user(self.salesman)
        for action in ("action_toggle_canceled", "action_cancel"):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(mine, action)()
        self.assertFalse(logged.canceled)
        self.assertEqual(self.marks(entries), [False, False])
        logged.with_user(self.salesman_all).action_cancel()
        for action in ("action_toggle_canceled", "action_restore"):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(mine, action)()
        self.assertTrue(logged.canceled)
        self.assertEqual(self.marks(entries), [True, True])
        # nor written directly
        with self.assertRaises(AccessError):
            mine.write({"canceled": False})
        self.assertEqual(self.marks(entries, "canceled_with_segment"), [True, True])

    def test_upgrade_marks_entries_of_segments_canceled_before(self):
        """A segment canceled by an earlier version (no "canceled with the
        segment" marks) is restored with its entries after the upgrade."""
        path = os.path.join(
            os.path.dirname(os.path.dirname(__file__)),
            "migrations",
            "18.0.1.1.0",
            "post-migration.py",
        )
        spec = importlib.util.spec_from_file_location("post_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        logged = self.logged_segment(self.salesman, self.person | self.person2)
        kept = self.logged_segment(self.salesman, self.company)
        entries = self.Entry.search([("logged_segment_id", "=", logged.id)])
        logged.with_user(self.salesman).action_cancel()
        # as the earlier version left them
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_interaction_log_entry SET canceled_with_segment = NULL"
        )
        self.env.invalidate_all()
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(self.marks(entries, "canceled_with_segment"), [True, True])
        of_kept = self.Entry.search([("logged_segment_id", "=", kept.id)])
        self.assertEqual(self.marks(of_kept, "canceled_with_segment"), [False])
        logged.with_user(self.salesman).action_restore()
        self.assertEqual(self.marks(entries), [False, False])

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools.misc import format_date

from ..models.switches import AUDIT_FIELDS, switched
from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestSegmentCriteria(InteractionCase):
    """A marketer (an interaction user, no salesperson) builds segments step
    by step, goes back, saves the criteria and builds other segments with
    them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketer = cls.plain_user
        today = fields.Date.context_today(cls.env["crm.segment"])
        cls.quarter_start = datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        cls.last_end = cls.quarter_start - datetime.timedelta(days=1)
        cls.last_start = datetime.date(
            cls.last_end.year, (cls.last_end.month - 1) // 3 * 3 + 1, 1
        )
        middle = cls.last_start + datetime.timedelta(days=40)
        cls.tag = cls.env["res.partner.category"].create({"name": "Criteria VIP"})
        names = (
            "first_day",
            "last_day",
            "before",
            "after",
            "other_template",
            "canceled",
            "postponed",
            "silent",
            "vip",
        )
        partners = cls.env["res.partner"].create(
            [{"name": f"Criteria {name}"} for name in names]
        )
        cls.p = dict(zip(names, partners, strict=True))
        cls.p["vip"].category_id = cls.tag
        cls.test_contacts = partners
        at = datetime.datetime.combine
        Entry = cls.env["crm.interaction.log.entry"]

        def entry(name, when, template=cls.template, user=cls.manager, **flags):
            values = {
                "partner_id": cls.p[name].id,
                "template_id": template.id,
                "description": f"Criteria {name}",
                "date": when,
                "user_id": user.id,
                **flags,
            }
            with switched(AUDIT_FIELDS):
                Entry.create(values)

        # the period's first and last second count, the seconds around it not
        entry("first_day", at(cls.last_start, datetime.time.min))
        entry("last_day", at(cls.last_end, datetime.time.max), user=cls.salesman)
        entry("before", at(cls.last_start, datetime.time.min) - datetime.timedelta(1))
        entry("after", at(cls.quarter_start, datetime.time.min))
        entry("other_template", at(middle, datetime.time.min), cls.template_in)
        entry("canceled", at(middle, datetime.time.min), canceled=True)
        entry("postponed", at(middle, datetime.time.min), postponed=True)

    # --- helpers ----------------------------------------------------------------
    def segment(self, user=None, description="Criteria segment"):
        return (
            self.env["crm.segment"]
            .with_user(user or self.marketer)
            .create({"description": description, "template_id": self.template.id})
        )

    def apply(self, segment, mode="add", user=None, **values):
        """Add / Remove / Refine Contacts, as its button and wizard do."""
        wizard = self.wizard(
            segment, "action_open_contacts_wizard", values, user, segment_mode=mode
        )
        return wizard.action_apply()

    def wizard(self, segment, button, values, user=None, **context):
        """The wizard the segment's ``button`` opens, filled in with
        ``values`` by ``user``."""
        user = user or self.marketer
        action = getattr(segment.with_user(user).with_context(**context), button)()
        return (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create(values)
        )

    def last_quarter(self, condition="had"):
        return {
            "interaction_condition": condition,
            "interaction_template_ids": [Command.set(self.template.ids)],
            "interaction_date_from": self.last_start,
            "interaction_date_to": self.last_end,
        }

    def only_test_contacts(self):
        return {"domain": f"[('id', 'in', {self.test_contacts.ids})]"}

    def contacts(self, segment):
        return segment.line_ids.partner_id

    def lines(self, segment):
        """The segment's lines as they are: id and values."""
        return sorted(
            segment.line_ids.read(
                ["partner_id", "unit_cost", "subject", "correspondence_type"],
                load=None,
            ),
            key=lambda line: line["id"],
        )

    def save(self, segment, code, name="Saved criteria"):
        wizard = self.wizard(
            segment, "action_save_criteria", {"code": code, "name": name}
        )
        action = wizard.action_save()
        return self.env["crm.segment.saved.criteria"].browse(action["res_id"])

    def reuse(self, segment, saved, user=None):
        return self.wizard(
            segment, "action_reuse_criteria", {"saved_criteria_id": saved.id}, user
        ).action_reuse()

    # --- selecting by interactions ----------------------------------------------
    def test_last_quarter_go_back_save_reuse_and_log(self):
        p = self.p
        segment = self.segment()
        self.apply(segment, **self.last_quarter())
        self.assertEqual(self.contacts(segment), p["first_day"] | p["last_day"])
        step = segment.step_ids
        self.assertEqual((step.mode, step.added_count), ("add", 2))
        self.assertEqual(
            step.name,
            f"Add Contacts: had an interaction of templates "
            f"{self.template.display_name} from "
            f"{format_date(self.env, self.last_start)} to "
            f"{format_date(self.env, self.last_end)}",
        )
        self.apply(segment, category_ids=[Command.set(self.tag.ids)])
        self.assertEqual(segment.step_ids[-1].name, "Add Contacts: Tags Criteria VIP")
        self.assertEqual(
            self.contacts(segment), p["first_day"] | p["last_day"] | p["vip"]
        )

        segment.with_user(self.marketer).action_go_back()
        self.assertEqual(self.contacts(segment), p["first_day"] | p["last_day"])
        self.assertEqual(segment.step_ids, step)

        saved = self.save(segment, "LASTQ", "Called last quarter")
        self.assertEqual(saved.company_id, self.env.company)
        self.assertEqual(saved.line_ids.mapped("name"), [step.name])

        other = self.segment(description="Called last quarter again")
        self.reuse(other, saved)
        self.assertEqual(self.contacts(other), self.contacts(segment))
        self.assertEqual(other.step_ids.mapped("name"), [step.name])

        action = (
            self.env["crm.segment.log.wizard"]
            .with_user(self.marketer)
            .create({"segment_id": other.id})
            .action_log()
        )
        logged = self.env["crm.logged.segment"].browse(action["res_id"])
        self.assertEqual(other.state, "logged")
        self.assertEqual(logged.entry_count, 2)

    def test_had_no_interaction(self):
        segment = self.segment()
        self.apply(segment, **self.last_quarter("had_not"), **self.only_test_contacts())
        self.assertEqual(
            self.contacts(segment),
            self.test_contacts - self.p["first_day"] - self.p["last_day"],
        )
        self.assertIn("had no interaction", segment.step_ids.name)

    def test_a_salesperson_selects_by_his_own_interactions(self):
        """The salesman who sees his own documents only sees the entry he is
        the salesperson of, not the manager's."""
        own = self.segment(user=self.salesman)
        self.apply(own, user=self.salesman, **self.last_quarter())
        self.assertEqual(self.contacts(own), self.p["last_day"])
        everyone = self.segment(user=self.salesman_all)
        self.apply(everyone, user=self.salesman_all, **self.last_quarter())
        self.assertEqual(
            self.contacts(everyone), self.p["first_day"] | self.p["last_day"]
        )

    def test_period_starting_after_its_end_is_refused(self):
        segment = self.segment()
        values = dict(
            self.last_quarter(),
            interaction_date_from=self.last_end,
            interaction_date_to=self.last_start,
        )
        with self.assertRaises(ValidationError):
            self.apply(segment, **values)
        self.assertFalse(segment.line_ids)
        self.assertFalse(segment.step_ids)

    # --- Go Back -----------------------------------------------------------------
    def test_go_back_after_remove_gives_the_lines_back_as_they_were(self):
        segment = self.segment()
        self.apply(segment, **self.only_test_contacts())
        vip_line = segment.line_ids.filtered(
            lambda line: line.partner_id == self.p["vip"]
        )
        vip_line.with_user(self.marketer).write({"unit_cost": 7.25, "subject": "Mine"})
        before = self.lines(segment)
        self.apply(segment, "remove", category_ids=[Command.set(self.tag.ids)])
        self.assertNotIn(self.p["vip"], self.contacts(segment))
        self.assertEqual(segment.step_ids[-1].removed_count, 1)

        segment.with_user(self.marketer).action_go_back()
        self.assertEqual(self.lines(segment), before)
        self.assertEqual((vip_line.unit_cost, vip_line.subject), (7.25, "Mine"))

    def test_go_back_after_refine_then_back_to_the_start(self):
        segment = self.segment()
        manual = self.env["res.partner"].create({"name": "Criteria by hand"})
        self.env["crm.segment.line"].with_user(self.marketer).create(
            {"segment_id": segment.id, "partner_id": manual.id}
        )
        self.apply(segment, **self.only_test_contacts())
        after_add = self.lines(segment)
        self.apply(segment, "refine", **self.last_quarter())
        self.assertEqual(
            self.contacts(segment), self.p["first_day"] | self.p["last_day"]
        )
        self.assertEqual(
            segment.step_ids[-1].removed_count, len(self.test_contacts) - 1
        )

        Segment = segment.with_user(self.marketer)
        Segment.action_go_back()
        self.assertEqual(self.lines(segment), after_add)
        Segment.action_go_back()
        # the line added by hand was no step's
        self.assertEqual(self.contacts(segment), manual)
        self.assertFalse(segment.step_ids)
        with self.assertRaisesRegex(UserError, "no step to go back from"):
            Segment.action_go_back()
        self.assertEqual(self.contacts(segment), manual)

    def test_add_to_segment_is_a_step(self):
        segment = self.segment()
        self.apply(segment, **self.last_quarter())
        (
            self.env["crm.segment.add.wizard"]
            .with_user(self.marketer)
            .with_context(active_model="res.partner", active_ids=self.p["vip"].ids)
            .create({"segment_id": segment.id})
            .action_add()
        )
        self.assertEqual(
            segment.step_ids[-1].name, "Add to Segment: Contacts Criteria vip"
        )
        segment.with_user(self.marketer).action_go_back()
        self.assertEqual(
            self.contacts(segment), self.p["first_day"] | self.p["last_day"]
        )

    # --- saved criteria -----------------------------------------------------------
    def test_reuse_applies_each_step_on_its_own(self):
        built = self.segment()
        self.apply(built, **self.only_test_contacts())
        self.apply(built, "refine", **self.last_quarter())
        self.apply(built, "remove", domain=f"[('id', '=', {self.p['first_day'].id})]")
        saved = self.save(built, "THREE")

        segment = self.segment()
        self.reuse(segment, saved)
        self.assertEqual(self.contacts(segment), self.p["last_day"])
        self.assertEqual(segment.step_ids.mapped("name"), built.step_ids.mapped("name"))
        segment.with_user(self.marketer).action_go_back()
        self.assertEqual(
            self.contacts(segment), self.p["first_day"] | self.p["last_day"]
        )
        self.assertEqual(len(segment.step_ids), 2)

    def test_records_deleted_since_are_dropped(self):
        other_tag = self.env["res.partner.category"].create({"name": "Criteria Gold"})
        built = self.segment()
        self.apply(built, category_ids=[Command.set((self.tag | other_tag).ids)])
        saved = self.save(built, "TAGS")
        other_tag.unlink()
        self.assertEqual(saved.line_ids.name, "Add Contacts: Tags Criteria VIP")
        segment = self.segment()
        self.reuse(segment, saved)
        self.assertEqual(self.contacts(segment), self.p["vip"])
        # with no tag left, the criteria would add every contact
        self.tag.unlink()
        emptied = self.segment()
        with self.assertRaisesRegex(UserError, "deleted since"):
            self.reuse(emptied, saved)
        self.assertFalse(emptied.line_ids)
        self.assertFalse(emptied.step_ids)

    def test_criteria_written_by_hand_are_refused_clearly(self):
        """Saved criteria are the wizard's values: values written over RPC
        that are none of its values are said as they are and refused by the
        wizard's checks."""
        saved = (
            self.env["crm.segment.saved.criteria"]
            .with_user(self.marketer)
            .create(
                {
                    "code": "HAND",
                    "name": "By hand",
                    "line_ids": [
                        Command.create(
                            {
                                "mode": "add",
                                "criteria": {
                                    "category_ids": "abc",
                                    "interaction_condition": ["x"],
                                },
                            }
                        )
                    ],
                }
            )
        )
        self.assertTrue(saved.line_ids.name.startswith("Add Contacts: "))
        segment = self.segment()
        with self.assertRaises(ValidationError):
            self.reuse(segment, saved)
        self.assertFalse(segment.line_ids)
        self.assertFalse(segment.step_ids)

    def test_logged_segment_refuses_go_back_and_reuse(self):
        segment = self.segment()
        self.apply(segment, **self.last_quarter())
        saved = self.save(segment, "LOGGED")
        self.env["crm.segment.log.wizard"].with_user(self.marketer).create(
            {"segment_id": segment.id}
        ).action_log()
        lines, steps = self.lines(segment), segment.step_ids
        with self.assertRaisesRegex(UserError, "already logged"):
            segment.with_user(self.marketer).action_go_back()
        with self.assertRaisesRegex(UserError, "already logged"):
            self.reuse(segment, saved)
        # the wizard made without the button
        reuse = (
            self.env["crm.segment.criteria.reuse.wizard"]
            .with_user(self.marketer)
            .create({"segment_id": segment.id, "saved_criteria_id": saved.id})
        )
        with self.assertRaisesRegex(UserError, "already logged"):
            reuse.action_reuse()
        with self.assertRaisesRegex(UserError, "already logged"):
            steps.with_user(self.marketer).unlink()
        self.assertEqual(self.lines(segment), lines)
        self.assertEqual(segment.step_ids, steps)
        self.assertEqual(steps.added_count, 2)

    def test_employee_without_interaction_rights_is_refused(self):
        segment = self.segment()
        self.apply(segment, **self.last_quarter())
        saved = self.save(segment, "EMPL")
        lines = self.lines(segment)
        with self.assertRaises(AccessError):
            segment.with_user(self.employee).action_go_back()
        with self.assertRaises(AccessError):
            self.reuse(segment, saved, user=self.employee)
        with self.assertRaises(AccessError):
            self.apply(segment, user=self.employee, **self.last_quarter())
        with self.assertRaises(AccessError):
            self.env["crm.segment.saved.criteria"].with_user(self.employee).search([])
        self.assertEqual(self.lines(segment), lines)
        self.assertEqual(len(segment.step_ids), 1)

    def test_another_companys_saved_criteria_are_not_seen(self):
        elsewhere = self.env["res.company"].create({"name": "Criteria Elsewhere"})
        theirs = self.env["crm.segment.saved.criteria"].create(
            {
                "code": "THEIRS",
                "name": "Their criteria",
                "company_id": elsewhere.id,
                "line_ids": [
                    Command.create(
                        {"mode": "add", "criteria": {"category_ids": self.tag.ids}}
                    )
                ],
            }
        )
        Saved = self.env["crm.segment.saved.criteria"].with_user(self.marketer)
        self.assertNotIn(theirs, Saved.search([]))
        self.assertFalse(Saved.search([("code", "=", "THEIRS")]))
        segment = self.segment()
        with self.assertRaises(AccessError):
            self.reuse(segment, theirs)
        self.assertFalse(segment.line_ids)

    # --- logged segments' search ------------------------------------------------------
    def test_logged_segments_with_email_errors(self):
        segment = self.segment()
        self.apply(segment, **self.last_quarter())
        action = (
            self.env["crm.segment.log.wizard"]
            .with_user(self.marketer)
            .create({"segment_id": segment.id})
            .action_log()
        )
        logged = self.env["crm.logged.segment"].browse(action["res_id"])
        Logged = self.env["crm.logged.segment"].with_user(self.marketer)
        errors = [("entry_ids.delivery_status", "in", ("error", "bounced"))]
        self.assertNotIn(logged, Logged.search(errors))
        entry = self.env["crm.interaction.log.entry"].search(
            [("logged_segment_id", "=", logged.id)], limit=1
        )
        with switched(AUDIT_FIELDS):
            entry.write({"delivery_status": "error"})
        self.assertIn(logged, Logged.search(errors))

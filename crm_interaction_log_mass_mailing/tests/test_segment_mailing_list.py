# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSegmentMailingList(TransactionCase):
    """Add / Remove / Refine Contacts by mailing list: the contacts whose
    e-mail address is subscribed to the list and not opted out of it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketer = new_test_user(
            cls.env,
            login="lisa.segment.lists",
            groups="crm_interaction_log.group_crm_interaction_user,"
            "mass_mailing.group_mass_mailing_user",
            name="Lisa Lists",
        )
        cls.interaction_user = new_test_user(
            cls.env,
            login="ian.segment.lists",
            groups="crm_interaction_log.group_crm_interaction_user",
            name="Ian Interactions",
        )
        cls.newsletter, cls.other_list = cls.env["mailing.list"].create(
            [{"name": "Segment Newsletter"}, {"name": "Segment Other List"}]
        )
        Contact = cls.env["mailing.contact"]
        Contact.create(
            [
                {
                    "name": "Subscribed",
                    "email": "Subscribed <Subscribed.Segment@Example.com>",
                    "subscription_ids": [
                        Command.create({"list_id": cls.newsletter.id}),
                    ],
                },
                {
                    "name": "Opted out",
                    "email": "opted.out.segment@example.com",
                    "subscription_ids": [
                        Command.create({"list_id": cls.newsletter.id, "opt_out": True})
                    ],
                },
                {
                    "name": "Elsewhere",
                    "email": "elsewhere.segment@example.com",
                    "subscription_ids": [
                        Command.create({"list_id": cls.other_list.id}),
                    ],
                },
            ]
        )
        cls.subscribed, cls.opted_out, cls.elsewhere, cls.no_email = cls.env[
            "res.partner"
        ].create(
            [
                {"name": "List subscribed", "email": "subscribed.segment@example.com"},
                {"name": "List opted out", "email": "opted.out.segment@example.com"},
                {"name": "List elsewhere", "email": "elsewhere.segment@example.com"},
                {"name": "List without e-mail"},
            ]
        )
        cls.template = cls.env["crm.interaction.template"].create(
            {
                "code": "TLIST",
                "name": "Test list mailing",
                "group_id": cls.env["crm.interaction.group"]
                .create({"code": "TLISTS", "name": "Test Lists"})
                .id,
            }
        )

    def segment(self):
        return (
            self.env["crm.segment"]
            .with_user(self.marketer)
            .create(
                {"description": "Newsletter readers", "template_id": self.template.id}
            )
        )

    def apply(self, segment, mode="add", user=None, **values):
        wizard = (
            self.env["crm.segment.contacts.wizard"]
            .with_user(user or self.marketer)
            .create(dict(values, segment_id=segment.id, mode=mode))
        )
        return wizard.action_apply()

    def test_add_by_mailing_list_then_go_back(self):
        segment = self.segment()
        self.apply(segment, mailing_list_ids=[Command.set(self.newsletter.ids)])
        self.assertEqual(segment.line_ids.partner_id, self.subscribed)
        step = segment.step_ids
        self.assertEqual(step.criteria, {"mailing_list_ids": self.newsletter.ids})
        self.assertEqual(
            step.name, f"Add Contacts: Mailing Lists {self.newsletter.display_name}"
        )

        segment.with_user(self.marketer).action_go_back()
        self.assertFalse(segment.line_ids)
        self.assertFalse(segment.step_ids)

    def test_refine_by_mailing_list_is_reused_and_undone(self):
        contacts = self.subscribed | self.opted_out | self.elsewhere | self.no_email
        built = self.segment()
        self.apply(built, domain=f"[('id', 'in', {contacts.ids})]")
        self.apply(
            built,
            "refine",
            mailing_list_ids=[Command.set((self.newsletter | self.other_list).ids)],
        )
        self.assertEqual(built.line_ids.partner_id, self.subscribed | self.elsewhere)
        saved = (
            self.env["crm.segment.criteria.save.wizard"]
            .with_user(self.marketer)
            .create({"segment_id": built.id, "code": "LISTS", "name": "Lists"})
        )
        saved = self.env["crm.segment.saved.criteria"].browse(
            saved.action_save()["res_id"]
        )

        segment = self.segment()
        self.env["crm.segment.criteria.reuse.wizard"].with_user(self.marketer).create(
            {"segment_id": segment.id, "saved_criteria_id": saved.id}
        ).action_reuse()
        self.assertEqual(segment.line_ids.partner_id, self.subscribed | self.elsewhere)
        segment.with_user(self.marketer).action_go_back()
        self.assertEqual(segment.line_ids.partner_id, contacts)

    def test_an_interaction_user_without_mailing_rights_is_refused(self):
        segment = self.segment()
        with self.assertRaises(AccessError):
            self.apply(
                segment,
                user=self.interaction_user,
                mailing_list_ids=[Command.set(self.newsletter.ids)],
            )
        self.assertFalse(segment.line_ids)
        self.assertFalse(segment.step_ids)

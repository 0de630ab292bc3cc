# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from . import test_statistics_summary
from .common import InteractionCase

ENTRY = "crm.interaction.log.entry"


@tagged("post_install", "-at_install")
class TestPrivacy(InteractionCase):
    """A person can be forgotten: Privacy Lookup finds its entries, an
    administrator deletes or anonymizes them, then deletes the contact. An
    interaction manager still deletes neither a logged entry nor a contact
    that has one."""

    # the statistics counted from the entries, and what the summary says
    entries_say = test_statistics_summary.TestStatisticsSummary.entries_say
    summary_says = test_statistics_summary.TestStatisticsSummary.summary_says

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            login="priya.privacy",
            groups="base.group_user,base.group_system,base.group_partner_manager",
        )

    def setUp(self):
        super().setUp()
        self.called = self.log(self.person, cost=10, duration=30)
        self.mailed = self.log(self.person, cost=5, description="Paula's offer")
        self.env["crm.interaction.log.comment"].with_user(self.salesman).create(
            {"entry_id": self.mailed.id, "comment": "Paula asked for a discount"}
        )
        # an entry of another contact sent to Paula's address
        self.forwarded = self.log(self.other, contact_via="paula@example.com")

    def lookup(self, user):
        wizard = (
            self.env["privacy.lookup.wizard"]
            .with_user(user)
            .create({"name": "Paula Person", "email": "paula@example.com"})
        )
        wizard.action_lookup()
        return wizard.line_ids.filtered(lambda line: line.res_model == ENTRY)

    def line_of(self, lines, entry):
        return lines.filtered(lambda line: line.res_id == entry.id)

    def assertStatisticsAgree(self, *partners):
        self.env[ENTRY].invalidate_model()
        for partner in partners:
            self.assertEqual(
                self.summary_says(partner), self.entries_say(partner), partner.name
            )

    def test_administrator_forgets_a_person(self):
        anonymous = self.env.ref("crm_interaction_log.partner_anonymized")
        # other tests may have anonymized entries before
        anonymous_before = self.summary_says(anonymous)
        lines = self.lookup(self.admin)
        self.assertEqual(
            set(lines.mapped("res_id")),
            {self.called.id, self.mailed.id, self.forwarded.id},
            "found by contact, and by the address alone",
        )
        # anonymized: who it was goes, what was done stays
        self.line_of(lines, self.mailed).action_anonymize_interaction()
        self.assertRecordValues(
            self.mailed,
            [
                {
                    "partner_id": anonymous.id,
                    "commercial_partner_id": anonymous.id,
                    "contact_via": False,
                    "description": "Anonymized",
                    "subject": False,
                    "comment_ids": [],
                    "cost": 5.0,
                    "template_id": self.template.id,
                    "user_id": self.salesman.id,
                }
            ],
        )
        # deleted, logged or not
        self.line_of(lines, self.called).action_unlink()
        self.line_of(lines, self.forwarded).action_unlink()
        self.assertFalse((self.called | self.forwarded).exists())
        self.assertTrue(self.mailed.exists())
        self.assertStatisticsAgree(self.person, self.company, self.other, anonymous)
        self.assertEqual(self.summary_says(self.person)[0], 0)
        count, cost = self.summary_says(anonymous)[:2]
        self.assertEqual(
            (count, cost), (anonymous_before[0] + 1, anonymous_before[1] + 5.0)
        )
        # nothing refers to the person any more: the contact can go
        self.person.with_user(self.admin).unlink()
        self.assertFalse(self.person.exists())
        # the lookup of the person finds nothing left
        self.assertFalse(self.lookup(self.admin))

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_interaction_users_cannot_forget(self):
        for user in (self.manager, self.salesman, self.plain_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.lookup(user)
                # refused, or not even his to delete (AccessError is one)
                with self.assertRaises(UserError):
                    self.called.with_user(user).unlink()
                with self.assertRaises(UserError):
                    self.person.with_user(user).unlink()
        # nor through the administrator's lookup lines
        lines = self.lookup(self.admin)
        with self.assertRaises(AccessError):
            self.line_of(lines, self.called).with_user(
                self.manager
            ).action_anonymize_interaction()
        with self.assertRaises(AccessError):
            self.line_of(lines, self.called).with_user(self.manager).action_unlink()
        self.assertTrue((self.called | self.mailed).exists())
        self.assertTrue(self.person.exists())
        self.assertEqual(self.called.partner_id, self.person)
        self.assertEqual(len(self.mailed.comment_ids), 1)

    def test_only_entries_are_anonymized(self):
        lines = self.lookup(self.admin)
        wizard = lines.wizard_id
        partner_line = wizard.line_ids.filtered(
            lambda line: line.res_model == "res.partner"
        )[:1]
        with self.assertRaises(UserError):
            partner_line.action_anonymize_interaction()
        self.assertEqual(self.person.name, "Paula Person")

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged

from ..models.switches import AUDIT_FIELDS, switched
from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestStatisticsSummary(InteractionCase):
    """The per-contact summary kept by PostgreSQL triggers always says what
    the entries say, whatever writes them."""

    def entries_say(self, partner):
        """The statistics counted from the entries themselves."""
        field = "commercial_partner_id" if partner.is_company else "partner_id"
        entries = self.env["crm.interaction.log.entry"].search(
            [
                (field, "=", partner.id),
                ("canceled", "=", False),
                ("postponed", "=", False),
            ]
        )
        attempts = entries.filtered(lambda e: e.initiated_by == "us").mapped("date")
        done = entries.filtered(lambda e: not e.attempt_failed).mapped("date")
        return (
            len(entries),
            round(sum(entries.mapped("cost")), 2),
            sum(entries.mapped("duration")),
            max(attempts, default=False),
            max(done, default=False),
        )

    def summary_says(self, partner):
        column = "commercial_partner_id" if partner.is_company else "partner_id"
        # the triggers see the rows in the database
        self.env.flush_all()
        stats = self.env["crm.interaction.statistics"]._statistics_by(
            column, [partner.id]
        )
        count, cost, duration, last_attempt, last = stats.get(
            partner.id, (0, 0, 0, None, None)
        )
        return (
            count,
            round(float(cost), 2),
            float(duration),
            last_attempt or False,
            last or False,
        )

    def assertAgree(self, *partners):
        self.env["crm.interaction.log.entry"].invalidate_model()
        for partner in partners or (
            self.person,
            self.person2,
            self.company,
            self.other,
        ):
            self.assertEqual(
                self.summary_says(partner), self.entries_say(partner), partner.name
            )

    def test_create_write_cancel_delete(self):
        e1 = self.log(self.person, cost=10, duration=30, date="2026-01-10 10:00:00")
        e2 = self.log(
            self.person, template=self.template_in, cost=1, date="2026-02-01 09:00:00"
        )
        self.log(self.person2, cost=4, attempt_failed=True, date="2026-03-01 09:00:00")
        self.assertAgree()
        self.assertEqual(self.summary_says(self.company)[0], 3)
        # only the module's own code changes a logged entry's cost, date or
        # contact; the summary follows whatever writes them
        with switched(AUDIT_FIELDS):
            e1.with_user(self.salesman).write(
                {"cost": 12.5, "date": "2026-04-01 10:00:00"}
            )
        self.assertAgree()
        e2.with_user(self.salesman).action_toggle_canceled()
        self.assertAgree()
        self.assertEqual(self.summary_says(self.person)[:3], (1, 12.5, 30.0))
        e2.with_user(self.salesman).action_toggle_canceled()
        self.assertAgree()
        e2.with_user(self.salesman).action_toggle_canceled()
        e2.with_user(self.manager).unlink()
        self.assertAgree()
        with switched(AUDIT_FIELDS):
            e1.with_user(self.salesman).write({"partner_id": self.other.id})
        self.assertAgree()
        self.assertEqual(self.summary_says(self.person)[0], 0)
        self.assertEqual(self.summary_says(self.other)[:2], (1, 12.5))

    def test_postponed_and_resumed(self):
        entry = self.log(self.person, cost=7, postponed=True)
        self.assertEqual(self.summary_says(self.person)[0], 0)
        resume = entry.action_resume()
        self.env[resume["res_model"]].browse(resume["res_id"]).action_finish()
        self.assertAgree()
        self.assertEqual(self.summary_says(self.person)[:2], (1, 7.0))

    def test_bulk_create_and_delete_canceled(self):
        Entry = self.env["crm.interaction.log.entry"].with_user(self.manager)
        entries = Entry._bulk_create(
            [
                Entry._prepare_values(
                    {
                        "partner_id": partner.id,
                        "template_id": self.template.id,
                        "description": "Bulk",
                        "date": "2026-01-01 10:00:00",
                    },
                    number=False,
                )
                for partner in (self.person, self.person, self.person2, self.other)
            ]
        )
        self.assertEqual(len(entries), 4)
        self.assertAgree()
        self.assertEqual(self.summary_says(self.person)[:3], (2, 5.0, 30.0))
        action = entries[:3].action_toggle_canceled()
        self.env[action["res_model"]].with_user(self.manager).browse(
            action["res_id"]
        ).action_confirm()
        self.assertAgree()
        # this test's canceled entries (the database may hold other tests')
        partners = self.person | self.person2 | self.other
        self.assertEqual(
            Entry._delete_canceled([("partner_id", "in", partners.ids)]), 3
        )
        self.assertAgree()
        self.assertEqual(self.summary_says(self.company)[0], 0)
        self.assertEqual(self.summary_says(self.other)[0], 1)

    def test_compact_and_rebuild_keep_the_figures(self):
        for day in range(1, 6):
            self.log(self.person, cost=day, date=f"2026-01-0{day} 10:00:00")
        self.env.flush_all()
        Stat = self.env["crm.interaction.statistics"]
        rows = Stat.search_count([("partner_id", "=", self.person.id)])
        self.assertEqual(rows, 5, "one row per inserting statement")
        Stat._compact()
        self.assertEqual(Stat.search_count([("partner_id", "=", self.person.id)]), 1)
        self.assertAgree()
        self.assertEqual(self.summary_says(self.person)[:2], (5, 15.0))
        Stat._rebuild()
        self.assertAgree()

    def test_contact_statistics_are_read_from_the_summary(self):
        self.log(self.person, cost=3)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_interaction_statistics SET entry_count = 41 "
            "WHERE partner_id = %s",
            (self.person.id,),
        )
        self.assertEqual(self.statistics_as(self.person, self.salesman_all)[0], 41)
        # statistics between two dates count the entries themselves
        stats = self.statistics_as(
            self.person, self.salesman_all, interaction_date_from="2000-01-01 00:00:00"
        )
        self.assertEqual(stats[0], 1)

    def test_rules_beyond_contact_and_company_count_the_entries(self):
        """A record rule on the salesperson cannot be applied to the summary:
        the statistics then count what the user may read (here a rule of the
        test's own; salespeople with "own documents only" are another case)."""
        self.log(self.person, cost=3, user_id=self.salesman.id)
        self.log(self.person, cost=5, user_id=self.manager.id)
        own_only = self.env["res.groups"].create({"name": "Test: own entries only"})
        self.env["ir.rule"].create(
            {
                "name": "Test: own entries",
                "groups": [Command.set(own_only.ids)],
                "model_id": self.env.ref(
                    "crm_interaction_log.model_crm_interaction_log_entry"
                ).id,
                "domain_force": "[('user_id', '=', user.id)]",
            }
        )
        self.plain_user.write({"groups_id": [Command.link(own_only.id)]})
        self.log(self.person, cost=1, user_id=self.plain_user.id)
        Stat = self.env["crm.interaction.statistics"]
        self.assertIsNone(
            Stat.with_user(self.plain_user)._statistics_by(
                "partner_id", self.person.ids
            )
        )
        self.assertIsNotNone(
            Stat.with_user(self.salesman_all)._statistics_by(
                "partner_id", self.person.ids
            )
        )
        self.assertEqual(self.statistics_as(self.person, self.plain_user)[:2], (1, 1.0))
        self.assertEqual(
            self.statistics_as(self.person, self.salesman_all)[:2], (3, 9.0)
        )

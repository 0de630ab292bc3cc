# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..models.switches import AUDIT_FIELDS, switched
from .common import InteractionCase

# what the web client's period filter of the year 2031 sends, in UTC, for a
# user in Oslo (UTC+1 in winter): from local midnight to a second before the
# next year
YEAR_2031_OSLO = [
    ("date", ">=", "2030-12-31 23:00:00"),
    ("date", "<=", "2031-12-31 22:59:59"),
]
YEAR_2031_UTC = [
    ("date", ">=", "2031-01-01 00:00:00"),
    ("date", "<=", "2031-12-31 23:59:59"),
]
COUNTED = [("postponed", "=", False), ("canceled", "=", False)]
# the entries' aggregates, and the analysis' that answer the same question
AGGREGATES = {
    "__count": "entry_count:sum",
    "cost:sum": "cost:sum",
    "duration:sum": "duration:sum",
}


@tagged("post_install", "-at_install")
class TestInteractionAnalysis(InteractionCase):
    """Interaction Analysis (``crm.interaction.analysis``), a reporting model
    kept by PostgreSQL triggers, says what the entries say: in every time
    zone, whatever writes the entries, within its own record rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Period Company B"})
        cls.manager.write({"company_ids": [Command.link(cls.company_b.id)]})
        cls.manager_a = new_test_user(
            cls.env,
            login="mona.interactions",
            groups="crm_interaction_log.group_crm_interaction_manager",
            name="Mona of A",
        )
        group_b = cls.env["crm.interaction.group"].create(
            {"code": "TPERB", "name": "Group of B", "company_id": cls.company_b.id}
        )
        cls.template_b = cls.env["crm.interaction.template"].create(
            {
                "code": "TPERB",
                "name": "Call of B",
                "group_id": group_b.id,
                "company_id": cls.company_b.id,
                "unit_cost": 7,
            }
        )

    def setUp(self):
        super().setUp()
        self.ours = [("template_id", "in", (self.template | self.template_b).ids)]
        # around the turns of the months, in quarters of an hour that fall in
        # different months in Oslo (UTC+1), Kathmandu (UTC+5:45) and
        # St. John's (UTC-3:30)
        self.entries = self.env["crm.interaction.log.entry"]
        for date, cost, duration in (
            ("2031-01-15 12:00:00", 1.25, 10),
            ("2031-01-31 18:10:00", 2, 5.5),  # Kathmandu 23:55, January
            ("2031-01-31 18:20:00", 3, 7),  # Kathmandu 00:05, February
            ("2031-01-31 23:30:00", 4, 1),  # Oslo 00:30, February
            ("2031-02-01 03:15:00", 5, 2),  # St. John's 23:45, January
            ("2031-02-01 03:45:00", 6, 3),  # St. John's 00:15, February
            ("2031-03-31 22:59:59", 7, 4),  # Oslo (summer) 00:59, April
            ("2031-12-31 23:30:00", 8, 5),  # Oslo 2032
        ):
            self.entries |= self.log(
                self.person,
                user=self.manager,
                date=date,
                cost=cost,
                duration=duration,
            )
        self.canceled = self.log(
            self.person2, user=self.manager, date="2031-02-10 10:00:00", cost=20
        )
        self.canceled.action_toggle_canceled()
        self.postponed = self.log(
            self.person,
            user=self.manager,
            date="2031-02-11 10:00:00",
            cost=30,
            postponed=True,
        )
        with switched(AUDIT_FIELDS):
            self.entry_b = (
                self.env["crm.interaction.log.entry"]
                .with_company(self.company_b)
                .create(
                    {
                        "partner_id": self.other.id,
                        "template_id": self.template_b.id,
                        "description": "Call of B",
                        "date": "2031-01-20 10:00:00",
                        "company_id": self.company_b.id,
                    }
                )
            )

    def as_user(self, model, user, tz=None):
        """``model`` as ``user`` reads it, in ``tz``, in all their companies."""
        return (
            self.env[model]
            .with_user(user)
            .with_context(tz=tz, allowed_company_ids=user.company_ids.ids)
        )

    def both(self, user, domain, groupby, aggregates, tz=None, entry_domain=()):
        """The groups as ``user`` reads them from the analysis, and as the
        entries (with ``entry_domain`` too) say, of this test's templates
        (the database may hold other tests' entries)."""
        self.env.flush_all()
        domain = self.ours + list(domain)
        analysis = self.as_user("crm.interaction.analysis", user, tz)._read_group(
            domain, groupby, [AGGREGATES[spec] for spec in aggregates]
        )
        entries = self.as_user("crm.interaction.log.entry", user, tz)._read_group(
            list(domain) + list(entry_domain), groupby, aggregates
        )
        return analysis, entries

    def assertAnalysisAgrees(
        self, user, domain, groupby, aggregates, tz=None, entry_domain=()
    ):
        analysis, entries = self.both(
            user, domain, groupby, aggregates, tz=tz, entry_domain=entry_domain
        )
        self.assertEqual(
            self.comparable(analysis), self.comparable(entries), (tz, groupby, domain)
        )
        return analysis

    def comparable(self, rows):
        """Rows with numbers rounded, and records by id (the analysis' are
        records of its own environment)."""
        return [
            tuple(
                round(v, 6)
                if isinstance(v, float)
                else (v._name, v.ids)
                if hasattr(v, "_name")
                else v
                for v in row
            )
            for row in rows
        ]

    def test_pivot_by_month_in_every_time_zone(self):
        aggregates = ["__count", "cost:sum", "duration:sum"]
        # (year, month, count, cost) of the entries neither canceled nor postponed
        expected = {
            "Europe/Oslo": [
                (2031, 1, 3, 1.25 + 2 + 3),
                (2031, 2, 3, 4 + 5 + 6),
                (2031, 4, 1, 7),
            ],
            "Asia/Kathmandu": [
                (2031, 1, 2, 1.25 + 2),
                (2031, 2, 4, 3 + 4 + 5 + 6),
                (2031, 4, 1, 7),
                (2032, 1, 1, 8),
            ],
            "America/St_Johns": [
                (2031, 1, 5, 1.25 + 2 + 3 + 4 + 5),
                (2031, 2, 1, 6),
                (2031, 3, 1, 7),
                (2031, 12, 1, 8),
            ],
        }
        for tz, months in expected.items():
            domain = COUNTED + (
                YEAR_2031_OSLO if tz == "Europe/Oslo" else YEAR_2031_UTC
            )
            rows = self.assertAnalysisAgrees(
                self.manager_a, domain, ["date:month"], aggregates, tz=tz
            )
            self.assertEqual(
                [(m.year, m.month, count, cost) for m, count, cost, _d in rows],
                months,
                tz,
            )
        for granularity in ("year", "quarter", "week", "day", "hour", "day_of_week"):
            for tz in ("Asia/Kathmandu", "America/St_Johns", None):
                self.assertAnalysisAgrees(
                    self.manager, [], [f"date:{granularity}"], aggregates, tz=tz
                )
        # with the other groups the analysis keeps, and the grand total
        self.assertAnalysisAgrees(
            self.manager,
            [("date", ">=", "2031-01-01"), ("date", "<", "2031-03-01")],
            [
                "date:month",
                "canceled",
                "postponed",
                "company_id",
                "template_id",
                "group_id",
                "user_id",
                "channel",
            ],
            aggregates,
            tz="Europe/Oslo",
        )
        [(count, cost)] = self.assertAnalysisAgrees(
            self.manager_a, YEAR_2031_UTC, [], ["__count", "cost:sum"]
        )
        self.assertEqual((count, cost), (10, 36.25 + 20 + 30))

    def test_any_date_in_any_time_zone(self):
        """Entries from the time of local mean time, and from a quarter of an
        hour in which St. John's clocks went back at 00:01 local time (1
        November 2009, 02:31 UTC), fall in the months the entries say."""
        aggregates = ["__count", "cost:sum"]
        self.log(self.person, user=self.manager, date="1975-06-01 10:10:10", cost=1)
        self.log(self.person, user=self.manager, date="1901-12-31 23:50:00", cost=2)
        self.log(self.person, user=self.manager, date="2009-11-01 02:35:00", cost=4)
        self.log(self.person, user=self.manager, date="2009-11-01 02:30:30", cost=8)
        domain = [("date", "<", "2010-01-01")]
        for tz in ("America/St_Johns", "Europe/Amsterdam", "Africa/Monrovia", None):
            for granularity in ("month", "day", "hour", "year"):
                self.assertAnalysisAgrees(
                    self.manager, domain, [f"date:{granularity}"], aggregates, tz=tz
                )
        rows = self.assertAnalysisAgrees(
            self.manager,
            [("date", ">=", "2009-10-01"), ("date", "<", "2010-01-01")],
            ["date:month"],
            aggregates,
            tz="America/St_Johns",
        )
        # in the same quarter of an hour, 02:30:30 UTC is 00:00:30 on 1
        # November in St. John's (daylight saving time until 00:01 local),
        # 02:35 UTC is 23:05 on 31 October (standard time again)
        self.assertEqual(
            [(m.month, count, cost) for m, count, cost in rows],
            [(10, 1, 4), (11, 1, 8)],
        )

    def test_empty_total_is_zero(self):
        Analysis = self.as_user("crm.interaction.analysis", self.manager)
        self.assertEqual(
            Analysis._read_group(
                self.ours + [("date", "<", "1800-01-01")],
                [],
                ["entry_count:sum", "cost:sum", "duration:sum"],
            ),
            [(0, 0, 0)],
        )
        [group] = Analysis.read_group(
            self.ours + [("date", "<", "1800-01-01")], ["entry_count", "cost"], []
        )
        self.assertEqual((group["entry_count"], group["cost"]), (0, 0))

    def test_analysis_follows_every_write(self):
        aggregates = ["__count", "cost:sum", "duration:sum"]
        question = (
            YEAR_2031_UTC,
            ["date:month", "canceled", "template_id"],
            aggregates,
        )
        Entry = self.env["crm.interaction.log.entry"]
        Analysis = self.env["crm.interaction.analysis"]
        # moved to another month, repriced
        with switched(AUDIT_FIELDS):
            self.entries[0].write({"date": "2031-05-05 05:05:05", "cost": 9})
        self.assertAnalysisAgrees(self.manager, *question)
        # canceled and restored
        self.entries[1:3].with_user(self.manager).action_toggle_canceled()
        self.assertAnalysisAgrees(self.manager, *question)
        self.entries[2].with_user(self.manager).action_toggle_canceled()
        # moved to another month: no group of no entry is left behind
        with switched(AUDIT_FIELDS):
            self.entry_b.write({"date": "2031-06-06 06:00:00"})
        self.env.flush_all()
        self.assertFalse(Analysis.search_count(self.ours + [("entry_count", "=", 0)]))
        # bulk creation, and the canceled ones deleted
        Entry.with_user(self.manager)._bulk_create(
            [
                {
                    "partner_id": self.person2.id,
                    "template_id": self.template.id,
                    "description": "Bulk",
                    "date": f"2031-06-0{day} 10:00:00",
                }
                for day in range(1, 6)
            ]
        )
        self.assertAnalysisAgrees(self.manager, *question)
        wizard = (
            self.env["crm.interaction.delete.canceled.wizard"]
            .with_user(self.manager)
            .create({})
        )
        wizard.action_delete()
        self.assertFalse(self.canceled.exists())
        self.assertAnalysisAgrees(self.manager, *question)
        self.env.flush_all()
        self.assertFalse(Analysis.search_count(self.ours + [("entry_count", "=", 0)]))
        # a segment logged in one statement
        segment = (
            self.env["crm.segment"]
            .with_user(self.manager)
            .create({"description": "Period segment", "template_id": self.template.id})
        )
        self.env["crm.segment.line"].with_user(self.manager).create(
            [
                {"segment_id": segment.id, "partner_id": p.id}
                for p in (self.person, self.person2, self.other)
            ]
        )
        segment._log()
        self.assertAnalysisAgrees(self.manager, [], ["date:year"], aggregates)
        # two interactions of a quarter of an hour logged one after the
        # other: a row each, until the daily job merges them
        for minute in (1, 2):
            self.log(self.person, user=self.manager, date=f"2031-08-08 08:0{minute}:00")
        self.env.flush_all()
        self.assertEqual(
            Analysis.search_count([("date", "=", "2031-08-08 08:00:00")]), 2
        )
        # merged, the rows still say the same; nothing is left that adds up
        # to nothing
        rows_before = Analysis.search_count([])
        Analysis._compact()
        self.assertLess(Analysis.search_count([]), rows_before)
        self.assertFalse(Analysis.search_count(self.ours + [("entry_count", "=", 0)]))
        self.assertAnalysisAgrees(self.manager, *question)
        self.assertAnalysisAgrees(self.manager, [], ["date:year"], aggregates)
        # built again from the entries, the same
        Analysis._rebuild()
        self.assertAnalysisAgrees(self.manager, *question)

    def test_record_rules_and_rights(self):
        aggregates = ["__count", "cost:sum"]
        # the companies the user is in and has selected
        [(count_a, _cost)] = self.assertAnalysisAgrees(
            self.manager_a, YEAR_2031_UTC, [], aggregates
        )
        [(count_ab, _cost)] = self.assertAnalysisAgrees(
            self.manager, YEAR_2031_UTC, [], aggregates
        )
        self.assertEqual(count_ab, count_a + 1)
        by_company = self.assertAnalysisAgrees(
            self.manager, YEAR_2031_UTC, ["company_id"], aggregates
        )
        self.assertEqual(
            {company: count for company, count, _cost in by_company},
            {self.company_a: count_a, self.company_b: 1},
        )
        # the groups' records belong to the user's environment
        self.assertEqual(by_company[0][0].env.uid, self.manager.id)
        self.assertFalse(by_company[0][0].env.su)
        # a salesperson who sees his own documents only: the interactions he
        # is the salesperson of, not the manager's of his contacts
        self.log(self.person, date="2031-07-07 07:07:07", cost=3)
        analysis, entries = self.both(
            self.salesman,
            YEAR_2031_UTC,
            ["date:month"],
            aggregates,
            entry_domain=[("user_id", "=", self.salesman.id)],
        )
        self.assertEqual([(m.month, c, s) for m, c, s in analysis], [(7, 1, 3)])
        self.assertEqual(self.comparable(analysis), self.comparable(entries))
        # the same over XML-RPC's way in: search_read of the rows
        rows = self.as_user("crm.interaction.analysis", self.salesman).search_read(
            [], ["user_id", "entry_count"]
        )
        self.assertEqual({row["user_id"][0] for row in rows}, {self.salesman.id})
        # an employee without access to the log, or a portal user, learns
        # nothing
        portal = new_test_user(
            self.env, login="polly.interactions", groups="base.group_portal"
        )
        for user in (self.employee, portal):
            for model in ("crm.interaction.analysis", "crm.interaction.log.entry"):
                with self.assertRaises(AccessError):
                    self.as_user(model, user)._read_group(
                        YEAR_2031_UTC, ["date:month"], ["cost:sum"]
                    )
                with self.assertRaises(AccessError):
                    self.as_user(model, user).search_read([], ["cost"])
        # and nobody writes the analysis but the triggers
        Analysis = self.as_user("crm.interaction.analysis", self.manager)
        row = Analysis.search([], limit=1)
        for attempt in (
            lambda: Analysis.create({"entry_count": 1}),
            lambda: row.write({"entry_count": 1000}),
            lambda: row.unlink(),
        ):
            with self.assertRaises(AccessError):
                attempt()

    def test_analysis_views_and_menu(self):
        Analysis = self.as_user("crm.interaction.analysis", self.salesman)
        for view_type in ("graph", "pivot", "list", "search"):
            self.assertTrue(Analysis.get_view(view_type=view_type)["arch"])
        action = self.env.ref("crm_interaction_log.crm_interaction_analysis_action")
        self.assertEqual(action.res_model, "crm.interaction.analysis")
        self.assertTrue(action.view_mode.startswith("graph,pivot"))
        menu = self.env.ref("crm_interaction_log.crm_interaction_analysis_menu")
        self.assertEqual(menu.action, action)

    def test_summary_tables_have_no_foreign_keys(self):
        """Derived from the entries, whose own keys keep them right: logging
        a segment does not look up each contact again for them."""
        self.env.cr.execute("""
            SELECT conrelid::regclass::text FROM pg_constraint
             WHERE contype = 'f' AND conrelid IN (
                'crm_interaction_statistics'::regclass,
                'crm_interaction_analysis'::regclass)""")
        self.assertFalse(self.env.cr.fetchall())

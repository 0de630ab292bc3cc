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


@tagged("post_install", "-at_install")
class TestStatisticsByPeriod(InteractionCase):
    """Grouping the entries by period (the pivot and graph of the analysis)
    reads the summary by period kept by PostgreSQL triggers, and always says
    what the entries say: in every time zone, whatever writes the entries,
    and within the user's record rules."""

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

    def entries_as(self, user, tz=None):
        """The entries as ``user`` reads them, in ``tz``, in all their companies."""
        return (
            self.env["crm.interaction.log.entry"]
            .with_user(user)
            .with_context(tz=tz, allowed_company_ids=user.company_ids.ids)
        )

    def both(self, user, domain, groupby, aggregates, tz=None, **options):
        """The groups as ``user`` reads them from the summary by period, and
        as the entries say; the first is None when the summary does not
        answer."""
        Entry = self.entries_as(user, tz)
        self.env.flush_all()
        summary = self.env["crm.interaction.period.statistics"]._read_entries_group(
            Entry,
            domain,
            groupby,
            aggregates,
            options.get("having", ()),
            0,
            None,
            options.get("order"),
        )
        entries = Entry.with_context(crm_interaction_read_entries=True)._read_group(
            domain, groupby, aggregates, order=options.get("order")
        )
        return summary, entries

    def assertSummaryAgrees(self, user, domain, groupby, aggregates, tz=None):
        summary, entries = self.both(user, domain, groupby, aggregates, tz=tz)
        self.assertIsNotNone(summary, (domain, groupby, aggregates))
        self.assertEqual(
            self.rounded(summary), self.rounded(entries), (tz, groupby, domain)
        )
        # and that is what read_group, the pivot's call, answers
        Entry = self.entries_as(user, tz)
        self.assertEqual(
            self.rounded(Entry._read_group(domain, groupby, aggregates)),
            self.rounded(entries),
        )
        return entries

    def rounded(self, rows):
        return [
            tuple(round(v, 6) if isinstance(v, float) else v for v in row)
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
            domain = [("postponed", "=", False), ("canceled", "=", False)]
            domain += YEAR_2031_OSLO if tz == "Europe/Oslo" else YEAR_2031_UTC
            rows = self.assertSummaryAgrees(
                self.manager_a, domain, ["date:month"], aggregates, tz=tz
            )
            self.assertEqual(
                [(m.year, m.month, count, cost) for m, count, cost, _d in rows],
                months,
                tz,
            )
        for granularity in ("year", "quarter", "week", "day", "hour", "day_of_week"):
            for tz in ("Asia/Kathmandu", "America/St_Johns", None):
                self.assertSummaryAgrees(
                    self.manager, [], [f"date:{granularity}"], aggregates, tz=tz
                )
        # with the other groups the summary keeps, and the grand total
        self.assertSummaryAgrees(
            self.manager,
            [("date", ">=", "2031-01-01"), ("date", "<", "2031-03-01")],
            ["date:month", "canceled", "postponed", "company_id"],
            aggregates,
            tz="Europe/Oslo",
        )
        [(count, cost)] = self.assertSummaryAgrees(
            self.manager_a, YEAR_2031_UTC, [], ["__count", "cost:sum"]
        )
        self.assertEqual((count, cost), (10, 36.25 + 20 + 30))

    def test_summary_follows_every_write(self):
        aggregates = ["__count", "cost:sum", "duration:sum"]
        question = (YEAR_2031_UTC, ["date:month", "canceled"], aggregates)
        Entry = self.env["crm.interaction.log.entry"]
        # moved to another month, repriced
        with switched(AUDIT_FIELDS):
            self.entries[0].write({"date": "2031-05-05 05:05:05", "cost": 9})
        self.assertSummaryAgrees(self.manager, *question)
        # canceled and restored
        self.entries[1:3].with_user(self.manager).action_toggle_canceled()
        self.assertSummaryAgrees(self.manager, *question)
        self.entries[2].with_user(self.manager).action_toggle_canceled()
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
        self.assertSummaryAgrees(self.manager, *question)
        wizard = (
            self.env["crm.interaction.delete.canceled.wizard"]
            .with_user(self.manager)
            .create({})
        )
        wizard.action_delete()
        self.assertFalse(self.canceled.exists())
        self.assertSummaryAgrees(self.manager, *question)
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
        self.assertSummaryAgrees(self.manager, [], ["date:year"], aggregates)
        # merged, the rows still say the same; nothing is left that adds up
        # to nothing
        Period = self.env["crm.interaction.period.statistics"]
        rows_before = Period.search_count([])
        Period._compact()
        self.assertLess(Period.search_count([]), rows_before)
        self.assertFalse(Period.search_count([("entry_count", "=", 0)]))
        self.assertSummaryAgrees(self.manager, *question)
        self.assertSummaryAgrees(self.manager, [], ["date:year"], aggregates)
        # built again from the entries, the same
        Period._rebuild()
        self.assertSummaryAgrees(self.manager, *question)

    def test_record_rules_and_rights(self):
        aggregates = ["__count", "cost:sum"]
        # the companies the user is in and has selected
        [(count_a, _cost)] = self.assertSummaryAgrees(
            self.manager_a, YEAR_2031_UTC, [], aggregates
        )
        [(count_ab, _cost)] = self.assertSummaryAgrees(
            self.manager, YEAR_2031_UTC, [], aggregates
        )
        self.assertEqual(count_ab, count_a + 1)
        by_company = self.assertSummaryAgrees(
            self.manager, YEAR_2031_UTC, ["company_id"], aggregates
        )
        self.assertEqual(
            {company: count for company, count, _cost in by_company},
            {self.company_a: count_a, self.company_b: 1},
        )
        # the groups' records belong to the user's environment
        self.assertEqual(by_company[0][0].env.uid, self.manager.id)
        self.assertFalse(by_company[0][0].env.su)
        # a salesperson sees only the entries of their contacts and their
        # own: the summary does not know those, the entries answer
        self.log(self.person, date="2031-07-07 07:07:07", cost=3)
        summary, entries = self.both(
            self.salesman, YEAR_2031_UTC, ["date:month"], aggregates
        )
        self.assertIsNone(summary)
        self.assertEqual([(m.month, c, s) for m, c, s in entries], [(7, 1, 3)])
        Entry = self.entries_as(self.salesman)
        self.assertEqual(
            Entry._read_group(YEAR_2031_UTC, ["date:month"], aggregates), entries
        )
        # a user without access to the log learns nothing either way
        with self.assertRaises(AccessError):
            self.entries_as(self.employee)._read_group(
                YEAR_2031_UTC, ["date:month"], aggregates
            )

    def test_questions_the_summary_leaves_to_the_entries(self):
        aggregates = ["__count", "cost:sum"]
        for domain, groupby, aggs in (
            # a field the summary does not keep
            ([("template_id", "=", self.template.id)], ["date:month"], aggregates),
            ([("company_id.name", "=", "Period Company B")], ["date:year"], aggregates),
            # a moment inside a quarter of an hour
            ([("date", ">=", "2031-01-31 18:17:00")], ["date:month"], aggregates),
            ([("date", ">", "2031-01-31 18:15:00")], ["date:month"], aggregates),
            # minutes cannot be told from quarters of an hour
            (YEAR_2031_UTC, ["date:minute_number"], aggregates),
            (YEAR_2031_UTC, ["template_id"], aggregates),
            (YEAR_2031_UTC, ["date:month"], ["cost:avg"]),
            # dates from the time of local mean time
            ([("date", ">=", "1970-01-01")], ["date:month"], aggregates),
        ):
            summary, entries = self.both(self.manager, domain, groupby, aggs)
            self.assertIsNone(summary, (domain, groupby, aggs))
            Entry = self.entries_as(self.manager)
            self.assertEqual(Entry._read_group(domain, groupby, aggs), entries)
        # an entry of 1975: grouping by date is left to the entries
        self.log(self.person, user=self.manager, date="1975-06-01 10:10:10")
        summary, _entries = self.both(self.manager, [], ["date:year"], aggregates)
        self.assertIsNone(summary)
        # sorted by an aggregate, or with a condition on one
        summary, _entries = self.both(
            self.manager,
            [],
            ["company_id"],
            aggregates,
            order="__count desc",
        )
        self.assertIsNone(summary)
        summary, _entries = self.both(
            self.manager, [], ["company_id"], aggregates, having=[("__count", ">", 1)]
        )
        self.assertIsNone(summary)

    def test_summary_tables_have_no_foreign_keys(self):
        """Derived from the entries, whose own keys keep them right: logging
        a segment does not look up each contact again for them."""
        self.env.cr.execute("""
            SELECT conrelid::regclass::text FROM pg_constraint
             WHERE contype = 'f' AND conrelid IN (
                'crm_interaction_statistics'::regclass,
                'crm_interaction_period_statistics'::regclass)""")
        self.assertFalse(self.env.cr.fetchall())

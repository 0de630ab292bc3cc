# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.tests import tagged

from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestPartnerStatistics(InteractionCase):
    def setUp(self):
        super().setUp()
        self.e1 = self.log(
            self.person, cost=10, duration=30, date="2026-01-10 10:00:00"
        )
        self.e2 = self.log(
            self.person,
            template=self.template_in,
            cost=1,
            duration=5,
            date="2026-02-01 09:00:00",
        )
        self.e3 = self.log(
            self.person,
            cost=3,
            duration=7,
            attempt_failed=True,
            date="2026-03-05 08:00:00",
        )
        self.canceled = self.log(
            self.person, cost=500, duration=500, date="2026-04-01 08:00:00"
        )
        self.canceled.action_toggle_canceled()
        self.postponed = self.log(
            self.person,
            cost=700,
            duration=700,
            postponed=True,
            date="2026-05-01 08:00:00",
        )
        self.e4 = self.log(self.person2, cost=4, duration=4, date="2026-01-20 08:00:00")

    def _stats(self, partner, **context):
        return self.statistics_as(partner, self.salesman, **context)

    def test_person_statistics_exclude_canceled_and_postponed(self):
        self.assertEqual(
            self._stats(self.person),
            (
                3,
                14.0,
                42.0,
                # latest initiated by us (the failed call counts)
                datetime(2026, 3, 5, 8, 0),
                # latest whose attempt did not fail
                datetime(2026, 2, 1, 9, 0),
            ),
        )

    def test_company_includes_its_persons(self):
        self.assertEqual(self._stats(self.company)[:3], (4, 18.0, 46.0))
        self.assertEqual(self._stats(self.person2)[:3], (1, 4.0, 4.0))

    def test_date_filter(self):
        stats = self._stats(
            self.person,
            interaction_date_from="2026-01-15 00:00:00",
            interaction_date_to="2026-02-28 23:59:59",
        )
        self.assertEqual(stats[:3], (1, 1.0, 5.0))
        company = self._stats(
            self.company,
            interaction_date_from="2026-01-15 00:00:00",
            interaction_date_to="2026-02-28 23:59:59",
        )
        self.assertEqual(company[:3], (2, 5.0, 9.0))

    def test_contact_without_entries(self):
        self.assertEqual(self._stats(self.other), (0, 0.0, 0.0, False, False))

    def _count_queries(self, partners):
        partners = partners.with_user(self.salesman)
        partners.invalidate_recordset()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        partners.mapped("interaction_count")
        return self.env.cr.sql_log_count - before

    def test_statistics_queries_do_not_grow_with_partners(self):
        Partner = self.env["res.partner"]
        partners = Partner
        for i in range(40):
            partners |= Partner.create({"name": f"Bulk {i}", "is_company": i % 2 == 0})
            self.log(partners[-1])
        self._count_queries(partners[:10])  # warm the caches (access rules, ...)
        self.assertEqual(
            self._count_queries(partners[:10]), self._count_queries(partners)
        )

    def test_smart_button_action(self):
        action = self.person.with_user(
            self.salesman
        ).action_view_interaction_log_entries()
        Entry = self.env["crm.interaction.log.entry"].with_user(self.salesman)
        found = Entry.search(action["domain"])
        self.assertEqual(found, self.e1 | self.e2 | self.e3 | self.canceled)
        company_action = self.company.with_user(
            self.salesman
        ).action_view_interaction_log_entries()
        self.assertIn(self.e4, Entry.search(company_action["domain"]))
        self.assertNotIn(self.postponed, Entry.search(company_action["domain"]))

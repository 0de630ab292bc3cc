# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from .common import InteractionCase


class TestReporting(InteractionCase):
    """The analysis views (graph, pivot, calendar) and the contact's printable
    Interaction Log."""

    def test_analysis_views_load_and_group(self):
        Entry = self.env["crm.interaction.log.entry"].sudo(self.salesman)
        for view_type in ("graph", "pivot", "calendar"):
            arch = Entry.fields_view_get(view_type=view_type)["arch"]
            self.assertEqual(etree.fromstring(arch).tag, view_type)
        action = self.env.ref("crm_interaction_log.crm_interaction_log_entry_action_analysis")
        self.assertTrue(action.view_mode.startswith("graph,pivot,calendar"))
        self.log(self.person, cost=2, duration=10, date="2026-01-05 10:00:00")
        self.log(self.person, cost=3, duration=20, date="2026-01-25 10:00:00")
        self.log(self.person, cost=7, duration=5, date="2026-02-05 10:00:00")
        groups = Entry.read_group(
            [("partner_id", "=", self.person.id)], ["date", "cost", "duration"],
            ["date:month"])
        self.assertEqual([(g["date_count"], g["cost"], g["duration"]) for g in groups],
                         [(2, 5.0, 30.0), (1, 7.0, 5.0)])
        by_user = Entry.read_group([("partner_id", "=", self.person.id)],
                                   ["user_id", "cost"], ["user_id"])
        self.assertEqual([(g["user_id"][0], g["cost"]) for g in by_user],
                         [(self.salesman.id, 12.0)])

    def test_contact_interaction_log_report(self):
        self.log(self.person, description="Visited the new showroom")
        self.log(self.person2, description="Phoned about the order", user=self.salesman_all,
                 user_id=self.salesman_all.id)
        canceled = self.log(self.person, description="Wrong number")
        canceled.action_toggle_canceled()
        report = self.env.ref("crm_interaction_log.action_report_interaction_log")
        html = report.sudo(self.salesman_all).render_qweb_html(self.company.ids)[0].decode()
        self.assertIn("Visited the new showroom", html)
        self.assertIn("Phoned about the order", html)
        self.assertIn("(canceled)", html)
        # a salesman with his own documents only sees his own entries in it
        html = report.sudo(self.salesman).render_qweb_html(self.company.ids)[0].decode()
        self.assertIn("Visited the new showroom", html)
        self.assertNotIn("Phoned about the order", html)

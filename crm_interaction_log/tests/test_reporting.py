# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.tests import tagged

from .common import InteractionCase

INTERACTION_LOG_REPORT = "crm_interaction_log.action_report_interaction_log"


@tagged("post_install", "-at_install")
class TestReporting(InteractionCase):
    """The analysis views (graph, pivot, calendar) and the contact's printable
    Interaction Log."""

    def test_analysis_views_load_and_group(self):
        Entry = self.env["crm.interaction.log.entry"].with_user(self.salesman)
        for view_type in ("graph", "pivot", "calendar"):
            arch = Entry.get_view(view_type=view_type)["arch"]
            self.assertEqual(etree.fromstring(arch).tag, view_type)
        action = self.env.ref("crm_interaction_log.crm_interaction_log_entry_action")
        self.assertIn("pivot", action.view_mode)
        self.assertIn("graph", action.view_mode)
        self.log(self.person, cost=2, duration=10, date="2026-01-05 10:00:00")
        self.log(self.person, cost=3, duration=20, date="2026-01-25 10:00:00")
        self.log(self.person, cost=7, duration=5, date="2026-02-05 10:00:00")
        # what the graph and pivot views ask for
        groups = Entry.read_group(
            [("partner_id", "=", self.person.id)],
            ["cost", "duration"],
            ["date:month"],
        )
        self.assertEqual(
            [(g["date_count"], g["cost"], g["duration"]) for g in groups],
            [(2, 5.0, 30.0), (1, 7.0, 5.0)],
        )
        by_user = Entry.read_group(
            [("partner_id", "=", self.person.id)], ["cost"], ["user_id"]
        )
        self.assertEqual(
            [(g["user_id"][0], g["cost"]) for g in by_user], [(self.salesman.id, 12.0)]
        )

    def test_analysis_counts_what_the_user_may_see(self):
        self.log(self.person, cost=2)
        self.log(
            self.person2, cost=5, user=self.salesman_all, user_id=self.salesman_all.id
        )
        domain = [("partner_id", "in", (self.person | self.person2).ids)]
        for user, expected in ((self.salesman, 2.0), (self.salesman_all, 7.0)):
            Entry = self.env["crm.interaction.log.entry"].with_user(user)
            [(total,)] = Entry._read_group(domain, aggregates=["cost:sum"])
            self.assertEqual(total, expected, user.name)

    def test_contact_interaction_log_report(self):
        self.log(self.person, description="Visited the new showroom")
        self.log(
            self.person2,
            description="Phoned about the order",
            user=self.salesman_all,
            user_id=self.salesman_all.id,
        )
        canceled = self.log(self.person, description="Wrong number")
        canceled.action_toggle_canceled()
        self.log(self.person, description="Call to finish", postponed=True)
        Report = self.env["ir.actions.report"]
        html, fmt = Report.with_user(self.salesman_all)._render_qweb_html(
            INTERACTION_LOG_REPORT, self.company.ids
        )
        self.assertEqual(fmt, "html")
        html = html.decode()
        self.assertIn("Visited the new showroom", html)
        self.assertIn("Phoned about the order", html)
        self.assertIn("(canceled)", html)
        self.assertNotIn("Call to finish", html)
        # a salesman with his own documents only sees his own entries in it
        html = (
            Report.with_user(self.salesman)
            ._render_qweb_html(INTERACTION_LOG_REPORT, self.company.ids)[0]
            .decode()
        )
        self.assertIn("Visited the new showroom", html)
        self.assertNotIn("Phoned about the order", html)

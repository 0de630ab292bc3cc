# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import InteractionCase

TODAY = "2026-05-15 12:00:00"


@tagged("post_install", "-at_install")
class TestTimeline(InteractionCase):
    """The contact's timeline (res.partner.interaction_timeline): its counted
    entries, newest first, a page at a time, in the user's timezone."""

    def setUp(self):
        super().setUp()
        self.salesman.tz = "Europe/Stockholm"

    def timeline(self, partner, user=None, **kwargs):
        """A page of ``partner``'s timeline as ``user`` (the salesman) sees it
        in a new request."""
        self.env.flush_all()
        self.env.invalidate_all()
        return partner.with_user(user or self.salesman).interaction_timeline(**kwargs)

    def descriptions(self, page):
        return [item["description"] for item in page["items"]]

    def all_pages(self, partner, **kwargs):
        """Every page of the timeline, following each page's ``next``."""
        pages = [self.timeline(partner, **kwargs)]
        while pages[-1]["has_more"]:
            pages.append(self.timeline(partner, before=pages[-1]["next"], **kwargs))
        return pages

    def test_newest_first_by_month(self):
        """Newest first, each item with its month in the user's timezone: 23:30
        UTC on 30 April is 1 May in Stockholm."""
        for description, date in (
            ("march", "2026-03-10 09:00:00"),
            ("may", "2026-04-30 23:30:00"),
            ("april", "2026-04-20 10:00:00"),
            ("june", "2026-06-01 08:15:00"),
        ):
            self.log(self.person, description=description, date=date)
        page = self.timeline(self.person)
        self.assertEqual(self.descriptions(page), ["june", "may", "april", "march"])
        self.assertEqual(
            [(item["month"], item["month_label"]) for item in page["items"]],
            [
                ("2026-06", "June 2026"),
                ("2026-05", "May 2026"),
                ("2026-04", "April 2026"),
                ("2026-03", "March 2026"),
            ],
        )
        may = page["items"][1]
        self.assertEqual(may["date"], "2026-05-01 01:30:00")
        self.assertEqual((may["day"], may["time"]), ("May 1", "1:30 AM"))
        self.assertFalse(page["has_more"])
        self.assertFalse(page["next"])
        # another timezone, another month
        self.salesman.tz = "UTC"
        page = self.timeline(self.person)
        self.assertEqual(page["items"][1]["month"], "2026-04")

    def test_item_values(self):
        """What an item shows: icons and labels of its channel and type, the
        template, the document, the salesperson and the evaluation."""
        entry = self.log(
            self.person,
            description="Invoice printed",
            channel="document",
            document_name="INV/2026/0007",
            evaluation="very_positive",
            user_id=self.salesman_all.id,
        )
        item = self.timeline(self.person)["items"][0]
        self.assertEqual(
            {key: item[key] for key in item if key not in ("date", "day", "time")},
            {
                "id": entry.id,
                "month": item["date"][:7],
                "month_label": item["month_label"],
                "channel": "document",
                "channel_label": "Document",
                "icon": "fa-file-text-o",
                "correspondence_type": "hard_copy",
                "type_label": "Hard Copy",
                "type_icon": "fa-print",
                "template": "TCALL - Test outgoing call",
                "description": "Invoice printed",
                "document": "INV/2026/0007",
                "salesperson": "Sam All-Documents",
                "evaluation": "very_positive",
                "evaluation_label": "Very Positive",
                "contact": "",
            },
        )

    def test_paging(self):
        """Pages of 2 follow each other without gaps or repeats, through
        entries of the same moment (ordered by id) and an entry logged between
        two pages; a later page costs as many queries as the first."""
        for n in range(7):
            # three entries share each moment but the last
            self.log(
                self.person,
                description=f"entry {n}",
                date=f"2026-04-0{1 + n // 3} 10:00:00",
            )
        first = self.timeline(self.person, limit=2)
        self.assertTrue(first["has_more"])
        self.log(self.person, description="logged meanwhile", date="2026-05-01")
        pages = [first]
        while pages[-1]["has_more"]:
            pages.append(self.timeline(self.person, limit=2, before=pages[-1]["next"]))
        ids = [item["id"] for page in pages for item in page["items"]]
        self.assertEqual(len(ids), len(set(ids)), "no entry twice")
        self.assertEqual(
            [self.descriptions(page) for page in pages],
            [
                ["entry 6", "entry 5"],
                ["entry 4", "entry 3"],
                ["entry 2", "entry 1"],
                ["entry 0"],
            ],
        )
        self.assertEqual([page["has_more"] for page in pages], [True] * 3 + [False])
        # the first page now starts with the new entry
        self.assertEqual(
            self.descriptions(self.timeline(self.person, limit=2)),
            ["logged meanwhile", "entry 6"],
        )

    def test_queries_per_page(self):
        """A page costs the same few queries whatever its size: one for the
        entries, then the names of their templates and salespeople."""
        users = [self.salesman, self.salesman_all, self.manager]
        for n in range(30):
            self.log(self.person, description=f"e{n}", user_id=users[n % 3].id)
        self.timeline(self.person, limit=2)  # the registry's and user's caches
        person = self.person.with_user(self.salesman)
        counts = []
        for limit in (2, 30):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            page = person.interaction_timeline(limit=limit)
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(len(page["items"]), limit)
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[0], 10)

    def test_filters(self):
        self.log(self.person, description="call", date="2026-05-02 10:00:00")
        self.log(
            self.person,
            template=self.template_in,
            description="incoming",
            date="2026-04-02 10:00:00",
        )
        self.log(
            self.person,
            description="sms",
            channel="sms",
            date="2026-01-02 10:00:00",
        )
        self.log(self.person, description="last year", date="2025-11-02 10:00:00")
        with freeze_time(TODAY):
            for filters, expected in (
                ({}, ["call", "incoming", "sms", "last year"]),
                ({"channel": "sms"}, ["sms"]),
                ({"channel": "manual"}, ["call", "incoming", "last year"]),
                ({"channel": "meeting"}, []),
                ({"template_id": self.template_in.id}, ["incoming"]),
                ({"template_id": self.template.id, "channel": "sms"}, ["sms"]),
                ({"period": "all"}, ["call", "incoming", "sms", "last year"]),
                ({"period": "month"}, ["call"]),
                ({"period": "quarter"}, ["call", "incoming"]),
                ({"period": "year"}, ["call", "incoming", "sms"]),
                ({"period": "year", "channel": "manual"}, ["call", "incoming"]),
                (
                    {"channel": "", "template_id": False, "period": None},
                    ["call", "incoming", "sms", "last year"],
                ),
            ):
                page = self.timeline(self.person, **filters)
                self.assertEqual(self.descriptions(page), expected, filters)

    def test_filters_with_paging(self):
        """The next page keeps to the filters."""
        for n in range(6):
            self.log(
                self.person,
                description=f"{'sms' if n % 2 else 'manual'} {n}",
                channel="sms" if n % 2 else "manual",
                date=f"2026-03-0{n + 1} 10:00:00",
            )
        pages = self.all_pages(self.person, channel="sms", limit=2)
        self.assertEqual(
            [self.descriptions(page) for page in pages],
            [["sms 5", "sms 3"], ["sms 1"]],
        )

    def test_company_includes_persons(self):
        """A company's timeline has its own entries and its persons'; a
        person's has only his own."""
        self.log(self.company, description="company", date="2026-03-03 10:00:00")
        self.log(self.person, description="paula", date="2026-03-02 10:00:00")
        self.log(self.person2, description="peter", date="2026-03-01 10:00:00")
        self.log(self.other, description="elsewhere", date="2026-03-04 10:00:00")
        page = self.timeline(self.company)
        self.assertEqual(self.descriptions(page), ["company", "paula", "peter"])
        self.assertEqual(
            [item["contact"] for item in page["items"]],
            ["", "Paula Person", "Peter Person"],
        )
        self.assertEqual(self.descriptions(self.timeline(self.person)), ["paula"])

    def test_canceled_and_postponed_left_out(self):
        self.log(self.person, description="counted")
        self.log(self.person, description="canceled", canceled=True)
        self.log(self.person, description="postponed", postponed=True)
        self.assertEqual(self.descriptions(self.timeline(self.person)), ["counted"])
        self.assertEqual(self.descriptions(self.timeline(self.company)), ["counted"])

    def test_record_rules(self):
        """A salesman who sees his own documents only sees his own entries on
        a contact of someone else; salesman_all sees all of them; a user
        without access to the log gets none."""
        self.log(self.other, description="mine", date="2026-03-02 10:00:00")
        self.log(
            self.other,
            user=self.manager,
            description="the manager's",
            date="2026-03-03 10:00:00",
        )
        self.assertEqual(self.descriptions(self.timeline(self.other)), ["mine"])
        self.assertEqual(
            self.descriptions(self.timeline(self.other, user=self.salesman_all)),
            ["the manager's", "mine"],
        )
        with self.assertRaises(AccessError):
            self.timeline(self.other, user=self.employee)

    def test_invalid_filters(self):
        """What is not a filter or a page is refused with a clear message."""
        self.log(self.person)
        for kwargs, message in (
            ({"channel": "fax"}, "is not a channel"),
            ({"channel": ["sms"]}, "is not a channel"),
            ({"template_id": "TCALL"}, "is not an interaction template"),
            ({"template_id": 10**9}, "is not an interaction template"),
            ({"template_id": True}, "is not an interaction template"),
            ({"period": "week"}, "is not a period of the timeline"),
            ({"period": "range"}, "is not a period of the timeline"),
            ({"before": "yesterday"}, "does not say where the timeline goes on"),
            ({"before": ["2026-13-01 00:00:00", 1]}, "does not say where"),
            ({"before": ["2026-01-01 00:00:00", "1"]}, "does not say where"),
            ({"before": ["2026-01-01T00:00:00+02:00", 1]}, "does not say where"),
            ({"before": [1, 2, 3]}, "does not say where"),
            ({"limit": 0}, "holds 1 to 200 interactions"),
            ({"limit": 201}, "holds 1 to 200 interactions"),
            ({"limit": "40"}, "holds 1 to 200 interactions"),
        ):
            with self.assertRaisesRegex(ValidationError, message, msg=kwargs):
                self.timeline(self.person, **kwargs)

    def test_filter_choices(self):
        """The filters offer the channels, the templates the user may read
        and the periods, in the user's language."""
        choices = (
            self.env["res.partner"]
            .with_user(self.salesman)
            .interaction_timeline_filters()
        )
        self.assertIn(("sms", "SMS"), [tuple(c) for c in choices["channels"]])
        self.assertEqual(
            [key for key, _name in choices["periods"]],
            ["all", "month", "quarter", "year"],
        )
        templates = dict(choices["templates"])
        self.assertEqual(templates[self.template.id], "TCALL - Test outgoing call")
        self.assertIn(self.template_in.id, templates)
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(
                self.employee
            ).interaction_timeline_filters()

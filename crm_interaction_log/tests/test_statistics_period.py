# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import InteractionCase

TODAY = "2026-05-15 12:00:00"
PERIOD_FIELDS = ["interaction_period", "interaction_date_from", "interaction_date_to"]
FIGURES = ["interaction_count", "interaction_cost", "interaction_duration"]


@tagged("post_install", "-at_install")
class TestStatisticsPeriod(InteractionCase):
    """The period the contact's statistics count, chosen on its Interactions
    tab; "today" is 2026-05-15 (second quarter)."""

    def setUp(self):
        super().setUp()
        self.salesman.tz = self.plain_user.tz = "UTC"
        for cost, when in (
            (1, "2025-12-31 10:00:00"),  # last year
            (2, "2026-02-10 10:00:00"),  # this year, first quarter
            (4, "2026-04-20 10:00:00"),  # this quarter, April
            (8, "2026-04-30 23:30:00"),  # April in UTC, 1 May in Stockholm
            (16, "2026-05-03 10:00:00"),  # this month
            (32, "2026-07-01 10:00:00"),  # this year, third quarter
        ):
            self.log(self.person, cost=cost, duration=cost * 10, date=when)
        canceled = self.log(self.person, cost=64, duration=640, date=TODAY)
        canceled.action_toggle_canceled()
        self.log(self.person2, cost=128, duration=1280, date="2026-05-04 10:00:00")
        self.env.flush_all()

    def _figures(self, record):
        return tuple(record[name] for name in FIGURES)

    def _write_date(self, partner):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT write_date FROM res_partner WHERE id = %s", [partner.id]
        )
        return self.env.cr.fetchone()[0]

    @freeze_time(TODAY)
    def test_period_in_form(self):
        """A user who may not edit contacts picks each period in the form: the
        figures follow at once, and saving changes nothing."""
        written = self._write_date(self.person)
        form = Form(self.person.with_user(self.plain_user))
        self.assertEqual(form.interaction_period, "all")
        self.assertEqual(self._figures(form), (6, 63.0, 630.0))
        form.interaction_period = "month"
        self.assertEqual(self._figures(form), (1, 16.0, 160.0))
        self.assertEqual(form.interaction_last_date, datetime(2026, 5, 3, 10, 0))
        form.interaction_period = "quarter"
        self.assertEqual(self._figures(form), (3, 28.0, 280.0))
        form.interaction_period = "year"
        self.assertEqual(self._figures(form), (5, 62.0, 620.0))
        form.interaction_period = "range"
        self.assertEqual(self._figures(form), (6, 63.0, 630.0))  # open range
        form.interaction_date_from = date(2026, 2, 1)
        self.assertEqual(self._figures(form), (5, 62.0, 620.0))
        form.interaction_date_to = date(2026, 4, 30)
        self.assertEqual(self._figures(form), (3, 14.0, 140.0))
        form.interaction_date_from = date(2026, 5, 1)  # after "to": nothing
        self.assertEqual(self._figures(form), (0, 0.0, 0.0))
        self.assertFalse(form.interaction_last_date)
        form.interaction_date_from = date(2026, 4, 1)
        form.save()
        self.assertEqual(form.interaction_period, "range")
        self.assertEqual(self._figures(form), (2, 12.0, 120.0))
        self.assertEqual(self._write_date(self.person), written)
        self.assertEqual(self.person.name, "Paula Person")

    @freeze_time(TODAY)
    def test_company_period(self):
        form = Form(self.company.with_user(self.salesman))
        form.interaction_period = "month"
        self.assertEqual(self._figures(form), (2, 144.0, 1440.0))

    @freeze_time(TODAY)
    def test_period_by_rpc(self):
        """write() of the period and read() of the figures, in one request,
        as a user who may read but not write contacts."""
        person = self.person.with_user(self.plain_user)
        with self.assertRaises(AccessError):
            person.check_access("write")
        written = self._write_date(self.person)
        self.assertEqual(
            person.read(PERIOD_FIELDS + FIGURES)[0],
            {
                "id": person.id,
                "interaction_period": "all",
                "interaction_date_from": False,
                "interaction_date_to": False,
                "interaction_count": 6,
                "interaction_cost": 63.0,
                "interaction_duration": 630.0,
            },
        )
        for period, figures in (
            ("month", (1, 16.0, 160.0)),
            ("quarter", (3, 28.0, 280.0)),
            ("year", (5, 62.0, 620.0)),
            ("all", (6, 63.0, 630.0)),
        ):
            self.assertTrue(person.write({"interaction_period": period}))
            values = person.read(FIGURES)[0]
            self.assertEqual(tuple(values[name] for name in FIGURES), figures, period)
        person.write(
            {
                "interaction_period": "range",
                "interaction_date_from": "2026-02-01",
                "interaction_date_to": "2026-04-30",
            }
        )
        self.assertEqual(self._figures(person), (3, 14.0, 140.0))
        person.write({"interaction_date_from": "2026-12-01"})
        self.assertEqual(self._figures(person), (0, 0.0, 0.0))
        self.assertEqual(self._write_date(self.person), written)
        # the contact's own data still needs the right to write it
        with self.assertRaises(AccessError):
            person.write({"name": "Renamed", "interaction_period": "month"})
        self.assertEqual(self.person.name, "Paula Person")

    def test_period_with_contact_changes(self):
        """A salesman (who may write contacts) saves the period along with a
        change of the contact: the change is saved, the period only shown."""
        person = self.person.with_user(self.salesman)
        person.write({"name": "Paula Renamed", "interaction_period": "year"})
        self.assertEqual(person.interaction_period, "year")
        self.env.invalidate_all()
        self.assertEqual(self.person.name, "Paula Renamed")
        self.assertEqual(person.interaction_period, "all")

    @freeze_time(TODAY)
    def test_period_in_user_timezone(self):
        """An interaction at 23:30 UTC on 30 April is on 1 May in Stockholm."""
        self.salesman.tz = "Europe/Stockholm"
        person = self.person.with_user(self.salesman)
        person.interaction_period = "month"
        self.assertEqual(self._figures(person), (2, 24.0, 240.0))
        person.write(
            {
                "interaction_period": "range",
                "interaction_date_from": "2026-02-01",
                "interaction_date_to": "2026-04-30",
            }
        )
        self.assertEqual(self._figures(person), (2, 6.0, 60.0))

    def test_extreme_dates(self):
        """The first and last dates there are, in timezones on either side of
        UTC, and reversed ranges: figures, no error."""
        person = self.person.with_user(self.salesman)
        for tz in ("Asia/Tokyo", "America/New_York", "UTC"):
            self.salesman.tz = tz
            for date_from, date_to, count in (
                ("0001-01-01", "9999-12-31", 6),
                ("0001-01-01", False, 6),
                (False, "9999-12-31", 6),
                ("0001-01-01", "0001-01-01", 0),
                ("9999-12-31", "9999-12-31", 0),
                ("9999-12-31", "0001-01-01", 0),
                ("2026-05-01", "2026-04-30", 0),
            ):
                person.write(
                    {
                        "interaction_period": "range",
                        "interaction_date_from": date_from,
                        "interaction_date_to": date_to,
                    }
                )
                self.assertEqual(
                    person.interaction_count, count, (tz, date_from, date_to)
                )

    def test_invalid_period(self):
        """What is not a period is refused with a clear message; the figures
        stay those of the period before."""
        person = self.person.with_user(self.salesman)
        person.interaction_period = "year"
        for vals in (
            {"interaction_period": "decade"},
            {"interaction_period": ["month"]},
            {"interaction_date_from": "2026-13-01"},
            {"interaction_date_from": "10000-01-01"},
            {"interaction_date_to": 20260101},
            {"interaction_date_to": {"year": 2026}},
        ):
            with self.assertRaisesRegex(ValidationError, "interaction statistics"):
                person.write(vals)
        self.assertEqual(person.interaction_period, "year")
        self.assertFalse(person.interaction_date_from)
        self.assertFalse(person.interaction_date_to)

    def test_without_interaction_access(self):
        """An employee without access to interactions may choose a period
        too: there is nothing to count."""
        person = self.person.with_user(self.employee)
        person.write({"interaction_period": "month"})
        self.assertEqual(self._figures(person), (0, 0.0, 0.0))

    def test_all_dates_keep_the_context_filter(self):
        person = self.person.with_user(self.salesman).with_context(
            interaction_date_from="2026-02-01", interaction_date_to="2026-04-30"
        )
        self.assertEqual(self._figures(person), (3, 14.0, 140.0))

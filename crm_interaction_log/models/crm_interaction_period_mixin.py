# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

import pytz

from odoo import fields, models
from odoo.exceptions import ValidationError
from odoo.tools import date_utils, groupby

INTERACTION_PERIOD = [
    ("all", "All Dates"),
    ("month", "This Month"),
    ("quarter", "This Quarter"),
    ("year", "This Year"),
    ("range", "Date Range"),
]
# What the statistics count: a choice of the user reading them, not data of
# the record (never stored)
PERIOD_FIELDS = ("interaction_period", "interaction_date_from", "interaction_date_to")
# pytz looks at the days around a moment: the first and last that have both
FIRST_PROBE = datetime.datetime(1, 1, 2)
LAST_PROBE = datetime.datetime(9999, 12, 30)


class CrmInteractionPeriodMixin(models.AbstractModel):
    """The period the interaction statistics of a record count (a contact, a
    salesperson, a group, a template), chosen by whoever reads them.

    A model whose own ``write`` does more than write (``res.partner``,
    ``res.users``) lists this mixin before itself in ``_inherit``, so that
    choosing a period never reaches it."""

    _name = "crm.interaction.period.mixin"
    _description = "Interaction Statistics Period"

    interaction_period = fields.Selection(
        selection=INTERACTION_PERIOD,
        string="Period",
        compute="_compute_interaction_period",
        readonly=False,
        help="The dates the interaction statistics count, in your timezone.",
    )
    interaction_date_from = fields.Date(
        string="From",
        compute="_compute_interaction_period",
        readonly=False,
        help="Leave empty to count from the first interaction.",
    )
    interaction_date_to = fields.Date(
        string="To",
        compute="_compute_interaction_period",
        readonly=False,
        help="Leave empty to count up to the last interaction.",
    )

    def _compute_interaction_period(self):
        self.interaction_period = "all"
        self.interaction_date_from = False
        self.interaction_date_to = False

    def write(self, vals):
        period = {name: vals[name] for name in PERIOD_FIELDS if name in vals}
        if period:
            self._set_interaction_period(period)
            vals = {name: value for name, value in vals.items() if name not in period}
            if not vals:
                return True
        return super().write(vals)

    def _set_interaction_period(self, period):
        """Show the statistics of ``period`` ({field: value}) on these
        records. A period is the reader's choice, not data of the record:
        whoever may read the record may choose one, and nothing is stored
        (the record is not modified)."""
        self.check_access("read")
        self.check_field_access_rights("read", list(period))
        for name, value in period.items():
            try:
                self._fields[name].convert_to_cache(value, self)
            except (ValueError, TypeError) as error:
                raise ValidationError(
                    self.env._(
                        "%(value)r is not valid as %(field)s of the interaction "
                        "statistics.",
                        value=value,
                        field=self._fields[name]._description_string(self.env),
                    )
                ) from error
        for name, value in period.items():
            self._fields[name].write(self, value)
        self.modified(period)

    def _interaction_entries_by_period(self):
        """The saved records (one being edited in a form stands for the
        saved record) by the period of their statistics: pairs of the entry
        model that counts that period and the records. All dates keep the
        context's date filter, if any."""
        Entry = self.env["crm.interaction.log.entry"]
        saved = self.filtered(lambda record: record._origin.id)
        for bounds, records in groupby(
            saved, lambda record: record._interaction_period_bounds()
        ):
            counted = Entry
            if bounds:
                counted = Entry.with_context(
                    interaction_date_from=bounds[0], interaction_date_to=bounds[1]
                )
            yield counted, self.browse().concat(*records)

    def _interaction_period_bounds(self, period=None):
        """The UTC moments ``period`` (the record's chosen one by default)
        starts and ends (the first and last day in the user's timezone; None
        where open), or None for all dates."""
        self.ensure_one()
        period = period or self.interaction_period
        if period == "range":
            first, last = self.interaction_date_from, self.interaction_date_to
        elif period in ("month", "quarter", "year"):
            today = fields.Date.context_today(self)
            first = date_utils.start_of(today, period)
            last = date_utils.end_of(today, period)
        else:
            return None
        return (
            first and self._interaction_utc(first, datetime.time.min),
            last and self._interaction_utc(last, datetime.time.max),
        )

    def _interaction_utc(self, day, time):
        """The UTC moment of ``time`` on ``day`` in the user's timezone; None
        beyond what dates can hold (the start of year 1 east of UTC, the end
        of 9999 west of it: nothing lies beyond, the period is open there)."""
        tz = self._interaction_tz()
        moment = datetime.datetime.combine(day, time)
        probe = min(max(moment, FIRST_PROBE), LAST_PROBE)
        try:
            return moment - tz.localize(probe).utcoffset()
        except OverflowError:
            return None

    def _interaction_tz(self):
        """The user's timezone (UTC when he has none, or an unknown one)."""
        tz_name = self.env.context.get("tz") or self.env.user.tz
        if isinstance(tz_name, str) and tz_name in pytz.all_timezones_set:
            return pytz.timezone(tz_name)
        return pytz.utc

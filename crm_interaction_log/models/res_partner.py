# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, date_utils, groupby

from .crm_interaction_statistics_mixin import STATISTICS_CONTEXT
from .crm_interaction_template import CORRESPONDENCE_TYPE
from .utm_campaign import COUNTED

INTERACTION_PERIOD = [
    ("all", "All Dates"),
    ("month", "This Month"),
    ("quarter", "This Quarter"),
    ("year", "This Year"),
    ("range", "Date Range"),
]
# What the contact's statistics count: a choice of the user reading them, not
# data of the contact (never stored)
PERIOD_FIELDS = ("interaction_period", "interaction_date_from", "interaction_date_to")
# pytz looks at the days around a moment: the first and last that have both
FIRST_PROBE = datetime.datetime(1, 1, 2)
LAST_PROBE = datetime.datetime(9999, 12, 30)


class ResPartner(models.Model):
    _inherit = "res.partner"

    interaction_correspondence_type = fields.Selection(
        selection=CORRESPONDENCE_TYPE,
        string="Correspondence Type",
        help="How this contact prefers to receive interactions of a segment.",
    )
    interaction_count = fields.Integer(
        string="No. of Interactions", compute="_compute_interaction_statistics"
    )
    interaction_cost = fields.Float(
        string="Cost of Interactions",
        compute="_compute_interaction_statistics",
        digits=(16, 2),
    )
    interaction_duration = fields.Float(
        string="Duration of Interactions (Min.)",
        compute="_compute_interaction_statistics",
    )
    interaction_last_attempt_date = fields.Datetime(
        string="Date of Last Interaction Attempt",
        compute="_compute_interaction_statistics",
        help="Latest interaction initiated by us.",
    )
    interaction_last_date = fields.Datetime(
        string="Date of Last Interaction",
        compute="_compute_interaction_statistics",
        help="Latest interaction whose attempt did not fail.",
    )
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

    @api.depends("is_company", *PERIOD_FIELDS)
    @api.depends_context("tz", *STATISTICS_CONTEXT)
    def _compute_interaction_statistics(self):
        """Canceled and postponed entries are not counted. A company counts
        its own entries and those of its persons (one grouped query each per
        period). All dates count the context's date filter, if any."""
        Entry = self.env["crm.interaction.log.entry"]
        stats = {}
        if Entry.has_access("read"):
            # a contact being edited in a form is a new record: its figures
            # are those of the saved contact it stands for
            saved = self.filtered(lambda p: p._origin.id)
            for bounds, partners in groupby(
                saved, lambda p: p._interaction_period_bounds()
            ):
                counted = Entry
                if bounds:
                    counted = Entry.with_context(
                        interaction_date_from=bounds[0], interaction_date_to=bounds[1]
                    )
                partners = self.browse().concat(*partners)
                companies = partners.filtered("is_company")
                by_id = counted._statistics_by(
                    "partner_id", (partners - companies)._origin.ids
                )
                by_id.update(
                    counted._statistics_by(
                        "commercial_partner_id", companies._origin.ids
                    )
                )
                stats.update(
                    (partner, by_id[partner._origin.id])
                    for partner in partners
                    if partner._origin.id in by_id
                )
        for partner in self:
            count, cost, duration, last_attempt, last = stats.get(
                partner, (0, 0.0, 0.0, False, False)
            )
            partner.interaction_count = count
            partner.interaction_cost = cost
            partner.interaction_duration = duration
            partner.interaction_last_attempt_date = last_attempt
            partner.interaction_last_date = last

    def _interaction_period_bounds(self, period=None):
        """The UTC moments ``period`` (the contact's chosen one by default)
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
        contacts. A period is the reader's choice, not data of the contact:
        whoever may read the contact may choose one, and nothing is stored
        (the contact is not modified)."""
        self.check_access("read")
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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_interaction_entries(self):
        """A contact's entries are its history: it is archived, not deleted.
        Every entry counts, whoever may read it (one grouped query)."""
        groups = (
            self.env["crm.interaction.log.entry"]
            .sudo()
            ._read_group([("partner_id", "in", self.ids)], groupby=["partner_id"])
        )
        used = self.browse([partner.id for (partner,) in groups])
        if used:
            raise UserError(
                self.env._(
                    "You cannot delete a contact that has interaction log entries "
                    "(%s). Archive it instead, or have an administrator forget the "
                    "person with Privacy Lookup.",
                    ", ".join(used.mapped("display_name")),
                )
            )

    def _interaction_entries_domain(self):
        """The contact's entries (a company's include its persons'), postponed
        ones left out."""
        self.ensure_one()
        field = "commercial_partner_id" if self.is_company else "partner_id"
        return [(field, "=", self.id), ("postponed", "=", False)]

    def action_view_interaction_log_entries(self):
        """The entries of the selected contacts (a company's include its
        persons')."""
        domain = expression.OR(
            [partner._interaction_entries_domain() for partner in self]
        )
        context = {"default_partner_id": self.id} if len(self) == 1 else {}
        return self.env["crm.interaction.log.entry"]._action_view(domain, context)

    def _interaction_report_entries(self):
        """The entries the "Interaction Log" report lists: those of the contact
        (a company's include its persons') the user may read, newest first,
        postponed ones left out."""
        self.ensure_one()
        Entry = self.env["crm.interaction.log.entry"]
        if not Entry.has_access("read"):
            return Entry
        return Entry.search(self._interaction_entries_domain())

    def action_create_interaction(self, template=None):
        """Create Interaction on one contact; on several, one interaction
        each, logged at once."""
        if not self:
            raise UserError(self.env._("Select the contacts to interact with."))
        if len(self) == 1:
            return self.env["crm.interaction.create.wizard"].action_start(
                self, template=template
            )
        return self.env["crm.interaction.create.multi.wizard"].action_start(
            self, template=template
        )

    # ------------------------------------------------------------------
    # campaigns: the ones a contact was targeted by or responded on
    # ("Responded to Campaign" in the contacts' search)
    # ------------------------------------------------------------------
    interaction_targeted_campaign_ids = fields.Many2many(
        comodel_name="utm.campaign",
        string="Targeted by Campaign",
        compute="_compute_interaction_campaign_ids",
        search="_search_interaction_targeted_campaign_ids",
        groups="crm_interaction_log.group_crm_interaction_user",
    )
    interaction_responded_campaign_ids = fields.Many2many(
        comodel_name="utm.campaign",
        string="Responded to Campaign",
        compute="_compute_interaction_campaign_ids",
        search="_search_interaction_responded_campaign_ids",
        groups="crm_interaction_log.group_crm_interaction_user",
    )

    def _compute_interaction_campaign_ids(self):
        Entry = self.env["crm.interaction.log.entry"]
        partners = [("partner_id", "in", self._origin.ids)]
        for flag, field in (
            ("campaign_target", "interaction_targeted_campaign_ids"),
            ("campaign_response", "interaction_responded_campaign_ids"),
        ):
            campaigns = defaultdict(lambda: self.env["utm.campaign"])
            for partner, campaign in Entry._read_group(
                partners + COUNTED + [(flag, "=", True)], ["partner_id", "campaign_id"]
            ):
                campaigns[partner] |= campaign
            for partner in self:
                partner[field] = campaigns[partner._origin]

    def _search_interaction_targeted_campaign_ids(self, operator, value):
        return self._search_interaction_campaign("campaign_target", operator, value)

    def _search_interaction_responded_campaign_ids(self, operator, value):
        return self._search_interaction_campaign("campaign_response", operator, value)

    @api.model
    def _search_interaction_campaign(self, flag, operator, value):
        """The contacts with a counted entry marked ``flag`` for the campaigns
        of ``operator``/``value``; for a negative operator, those without one.
        ``= False`` finds the contacts without any such entry."""
        negative = operator in expression.NEGATIVE_TERM_OPERATORS
        if negative:
            operator = expression.TERM_OPERATORS_NEGATION[operator]
        entries = COUNTED + [(flag, "=", True)]
        if value is False:
            negative = not negative
        else:
            entries.append(("campaign_id", operator, value))
        Entry = self.env["crm.interaction.log.entry"]
        contacts = Entry._search(entries).subselect(
            SQL.identifier(Entry._table, "partner_id")
        )
        return [("id", "not in" if negative else "in", contacts)]

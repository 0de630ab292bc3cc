# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from collections import defaultdict

import babel.dates
import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, date_utils, groupby
from odoo.tools.misc import babel_locale_parse, get_lang

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
# The contact's timeline: the periods it filters on, the entries a page holds
# (at most), and the Font Awesome icon of each channel and correspondence type
TIMELINE_PERIODS = ("all", "month", "quarter", "year")
TIMELINE_PAGE = 40
TIMELINE_MAX_PAGE = 200
TIMELINE_CHANNEL_ICONS = {
    "manual": "fa-pencil",
    "document": "fa-file-text-o",
    "email": "fa-envelope-o",
    "segment": "fa-users",
    "activity": "fa-check-square-o",
    "meeting": "fa-calendar",
    "sms": "fa-mobile",
    "mailing": "fa-bullhorn",
}
TIMELINE_TYPE_ICONS = {"hard_copy": "fa-print", "email": "fa-at", "sms": "fa-comment-o"}
# what a timeline item shows, read in the page's one query
TIMELINE_FIELDS = (
    "date",
    "partner_id",
    "template_id",
    "description",
    "document_name",
    "user_id",
    "evaluation",
    "channel",
    "correspondence_type",
)


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
                    "(%s). Archive it instead.",
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
    # timeline: the contact's interactions on its form, a page at a time
    # ------------------------------------------------------------------
    def interaction_timeline(
        self,
        channel=None,
        template_id=None,
        period=None,
        before=None,
        limit=TIMELINE_PAGE,
    ):
        """A page of the contact's timeline: its counted entries (neither
        canceled nor postponed; a company's include its persons'), newest
        first, those the user's record rules let him read, of ``channel``,
        ``template_id`` and ``period`` (all, month, quarter, year: in the
        user's timezone) when given.

        ``before`` is the ``next`` of the previous page: the page goes on
        after that entry (keyset paging: a page deep in 100,000 entries costs
        what the first one does, and entries logged meanwhile neither repeat
        nor shift items). One query reads the page, through the contact's (or
        company's) index of counted entries.

        Returns {"items": [...], "has_more": bool, "next": [date, id] or
        False}; dates and labels in the user's timezone and language."""
        self.ensure_one()
        self.check_access("read")
        Entry = self.env["crm.interaction.log.entry"]
        domain = self._interaction_entries_domain()
        if channel:
            channels = Entry._fields["channel"].get_values(self.env)
            if not isinstance(channel, str) or channel not in channels:
                raise ValidationError(
                    self.env._("%(channel)r is not a channel.", channel=channel)
                )
            domain.append(("channel", "=", channel))
        if template_id:
            if (
                not isinstance(template_id, int)
                or isinstance(template_id, bool)
                or not self.env["crm.interaction.template"].browse(template_id).exists()
            ):
                raise ValidationError(
                    self.env._(
                        "%(template)r is not an interaction template.",
                        template=template_id,
                    )
                )
            domain.append(("template_id", "=", template_id))
        if period and period not in TIMELINE_PERIODS:
            raise ValidationError(
                self.env._(
                    "%(period)r is not a period of the timeline: use one of "
                    "%(periods)s.",
                    period=period,
                    periods=", ".join(TIMELINE_PERIODS),
                )
            )
        if (
            not isinstance(limit, int)
            or isinstance(limit, bool)
            or not 0 < limit <= TIMELINE_MAX_PAGE
        ):
            raise ValidationError(
                self.env._(
                    "A page of the timeline holds 1 to %(max)s interactions, "
                    "not %(limit)r.",
                    max=TIMELINE_MAX_PAGE,
                    limit=limit,
                )
            )
        bounds = self._interaction_period_bounds(period or "all") or (None, None)
        # the condition of the indexes of counted entries (entry model's init),
        # written as they are so that PostgreSQL reads the page through them
        counted, _dated = Entry.with_context(
            interaction_date_from=bounds[0], interaction_date_to=bounds[1]
        )._counted_where()
        query = Entry._search(domain, limit=limit + 1, order="date desc, id desc")
        query.add_where(counted)
        if before:
            date, entry_id = self._interaction_timeline_cursor(before)
            column = SQL.identifier(Entry._table, "date")
            query.add_where(
                SQL(
                    "%s <= %s AND (%s < %s OR %s < %s)",
                    column,
                    date,
                    column,
                    date,
                    SQL.identifier(Entry._table, "id"),
                    entry_id,
                )
            )
        Entry.flush_model(TIMELINE_FIELDS + ("canceled", "postponed"))
        entries = Entry._fetch_query(
            query, Entry._determine_fields_to_fetch(TIMELINE_FIELDS)
        )
        page = entries[:limit]
        has_more = len(entries) > limit
        return {
            "items": self._interaction_timeline_items(page),
            "has_more": has_more,
            # to the microsecond, as rows inserted by SQL may have them
            "next": has_more and [page[-1].date.isoformat(" "), page[-1].id],
        }

    def _interaction_timeline_cursor(self, before):
        """The date and id of the entry a page goes on after (the ``next``
        of the previous page)."""
        try:
            date, entry_id = before
            if not isinstance(entry_id, int) or not isinstance(date, str):
                raise TypeError(before)
            date = datetime.datetime.fromisoformat(date)
            if date.tzinfo:
                raise ValueError(before)
            return date, entry_id
        except (ValueError, TypeError) as error:
            raise ValidationError(
                self.env._(
                    "%(before)r does not say where the timeline goes on: give the "
                    "next of the previous page.",
                    before=before,
                )
            ) from error

    def _interaction_timeline_items(self, entries):
        """What the timeline shows of each entry: plain values, dates in the
        user's timezone, labels in his language. The names of the template,
        salesperson and contact are those of the entry the user may read (as
        the web client shows a many2one's name)."""
        tz = self._interaction_tz()
        locale = babel_locale_parse(get_lang(self.env).code)
        Entry = self.env["crm.interaction.log.entry"]
        labels = {
            name: dict(Entry._fields[name]._description_selection(self.env))
            for name in ("channel", "correspondence_type", "evaluation")
        }
        items = []
        for entry in entries:
            local = pytz.utc.localize(entry.date).astimezone(tz).replace(tzinfo=None)
            partner = entry.partner_id.sudo()
            items.append(
                {
                    "id": entry.id,
                    "date": fields.Datetime.to_string(local),
                    "day": babel.dates.format_skeleton("MMMd", local, locale=locale),
                    "time": babel.dates.format_time(local, "short", locale=locale),
                    "month": local.strftime("%Y-%m"),
                    "month_label": babel.dates.format_date(
                        local, "LLLL y", locale=locale
                    ),
                    "channel": entry.channel,
                    "channel_label": labels["channel"].get(entry.channel, ""),
                    "icon": TIMELINE_CHANNEL_ICONS.get(entry.channel, "fa-comments-o"),
                    "correspondence_type": entry.correspondence_type or False,
                    "type_label": labels["correspondence_type"].get(
                        entry.correspondence_type, ""
                    ),
                    "type_icon": TIMELINE_TYPE_ICONS.get(
                        entry.correspondence_type, False
                    ),
                    "template": entry.template_id.sudo().display_name or "",
                    "description": entry.description or "",
                    "document": entry.document_name or "",
                    "salesperson": entry.user_id.sudo().display_name or "",
                    "evaluation": entry.evaluation or False,
                    "evaluation_label": labels["evaluation"].get(entry.evaluation, ""),
                    # a company's timeline says whose each entry is
                    "contact": partner.name if partner != self else "",
                }
            )
        return items

    @api.model
    def interaction_timeline_filters(self):
        """The choices of the timeline's filters, in the user's language: the
        channels, the templates the user may read and the periods."""
        Entry = self.env["crm.interaction.log.entry"]
        Entry.browse().check_access("read")
        periods = self._fields["interaction_period"]._description_selection(self.env)
        # those a new entry of the companies the user works in may have
        templates = self.env["crm.interaction.template"].search_read(
            [("company_id", "in", [False, *self.env.companies.ids])],
            ["display_name"],
            order="name",
        )
        return {
            "channels": Entry._fields["channel"]._description_selection(self.env),
            "templates": [[t["id"], t["display_name"]] for t in templates],
            "periods": [
                [key, name] for key, name in periods if key in TIMELINE_PERIODS
            ],
        }

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

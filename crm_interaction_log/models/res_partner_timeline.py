# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

import babel.dates
import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL
from odoo.tools.misc import babel_locale_parse, get_lang

from .input_check import _is_id

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
    "import": "fa-history",
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


# one concern a file, so that each stays short enough to hold in one's head
class ResPartner(models.Model):
    """The contact's timeline: its interactions on its form, a page at a time."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

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
                not _is_id(template_id)
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
            if not _is_id(entry_id) or not isinstance(date, str):
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

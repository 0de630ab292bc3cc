# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

# The columns the statistics read: flushed before they are queried.
STATISTICS_FIELDS = (
    "partner_id",
    "commercial_partner_id",
    "template_id",
    "group_id",
    "user_id",
    "company_id",
    "cost",
    "duration",
    "date",
    "initiated_by",
    "attempt_failed",
    "canceled",
    "postponed",
)


# one concern a file, so that each stays short enough to hold in one's head
class CrmInteractionLogEntry(models.Model):
    """The statistics of the entries: counted entries grouped by contact,
    template, group or salesperson, in one query."""

    _inherit = "crm.interaction.log.entry"  # pylint: disable=consider-merging-classes-inherited

    def _counted_where(self):
        """The SQL condition on the rows the statistics count, with the
        context's date filter, and whether a date filter applies."""
        table = self._table
        conditions = [
            SQL("%s IS NOT TRUE", SQL.identifier(table, "canceled")),
            SQL("%s IS NOT TRUE", SQL.identifier(table, "postponed")),
        ]
        date_from = self._context_date("interaction_date_from")
        date_to = self._context_date("interaction_date_to")
        if date_from:
            conditions.append(SQL("%s >= %s", SQL.identifier(table, "date"), date_from))
        if isinstance(date_to, datetime.datetime):
            conditions.append(SQL("%s <= %s", SQL.identifier(table, "date"), date_to))
        elif date_to and date_to < datetime.date.max:
            # a date alone is that whole day
            conditions.append(
                SQL(
                    "%s < %s",
                    SQL.identifier(table, "date"),
                    date_to + datetime.timedelta(days=1),
                )
            )
        return SQL(" AND ").join(conditions), len(conditions) > 2

    @api.model
    def _context_date(self, key):
        """The date (``YYYY-MM-DD``) or date and time of the context's ``key``,
        None when not given; a clear error when it is not one."""
        value = self.env.context.get(key)
        if value in (None, False, ""):
            return None
        try:
            if isinstance(value, datetime.date):
                return value
            if not isinstance(value, str):
                raise TypeError(value)
            if len(value) <= 10:
                return fields.Date.to_date(value)
            return fields.Datetime.to_datetime(value)
        except (ValueError, TypeError, OverflowError) as error:
            raise ValidationError(
                self.env._(
                    "The period of the interaction statistics must be given as "
                    "dates (YYYY-MM-DD): %(value)r is not one.",
                    value=value,
                )
            ) from error

    @api.model
    def _statistics_by(self, column, ids):
        """{id: (count, cost, duration, last attempted, last interaction)}
        grouped by ``column`` in one query. Entries the user may not read are
        not counted. A contact's statistics over all dates are read from the
        per-contact summary (``crm.interaction.statistics``) when the user's
        record rules allow it."""
        ids = [i for i in ids if isinstance(i, int)]
        if not ids:
            return {}
        assert column in (
            "partner_id",
            "commercial_partner_id",
            "template_id",
            "group_id",
            "user_id",
        )
        self.browse().check_access("read")
        counted, date_filtered = self._counted_where()
        if column in ("partner_id", "commercial_partner_id") and not date_filtered:
            stats = self.env["crm.interaction.statistics"]._statistics_by(column, ids)
            if stats is not None:
                return stats
        self.flush_model(STATISTICS_FIELDS)
        query = self._search([(column, "in", ids)])

        def col(name):
            return SQL.identifier(self._table, name)

        rows = self.env.execute_query(
            SQL(
                """
                SELECT %(group)s, COUNT(*), COALESCE(SUM(%(cost)s), 0),
                       COALESCE(SUM(%(duration)s), 0),
                       MAX(CASE WHEN %(initiated_by)s = 'us' THEN %(date)s END),
                       MAX(CASE WHEN %(attempt_failed)s IS NOT TRUE THEN %(date)s END)
                  FROM %(tables)s
                 WHERE %(where)s AND %(counted)s
              GROUP BY %(group)s""",
                group=col(column),
                cost=col("cost"),
                duration=col("duration"),
                initiated_by=col("initiated_by"),
                date=col("date"),
                attempt_failed=col("attempt_failed"),
                tables=query.from_clause,
                where=query.where_clause,
                counted=counted,
            )
        )
        return {row[0]: row[1:] for row in rows}

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models
from odoo.models import parse_read_group_spec
from odoo.osv import expression

from .crm_interaction_statistics import create_summary, statement_triggers

# An entry's slot: the quarter of an hour (UTC) its date falls in. Every time
# zone in use is a whole number of quarters of an hour away from UTC, so a
# slot lies within one hour, day, week, month, quarter and year of any of
# them, and the slots group into periods exactly as the entries would.
SLOT = "date_bin('15 minutes', date, timestamp '2000-01-01')"
SLOT_MINUTES = 15
# Before this date, some time zones were minutes and seconds away from UTC
# (local mean time): periods of entries that old are read from the entries.
SLOTS_SINCE = datetime.datetime(1980, 1, 1)
# The entry fields the table keeps: what a domain and the record rules may
# look at, and what may be grouped by.
PERIOD_FIELDS = ("date", "company_id", "canceled", "postponed")
# The entries' aggregates the table answers, and the column that does.
PERIOD_AGGREGATES = {
    "__count": "entry_count:sum",
    "cost:sum": "cost:sum",
    "duration:sum": "duration:sum",
}
# The date granularities whose periods are whole slots.
SLOT_GRANULARITIES = {
    "hour",
    "day",
    "week",
    "month",
    "quarter",
    "year",
    "year_number",
    "quarter_number",
    "month_number",
    "iso_week_number",
    "day_of_year",
    "day_of_month",
    "day_of_week",
    "hour_number",
}

PERIOD_TABLE = """
CREATE TABLE IF NOT EXISTS crm_interaction_period_statistics (
    id serial PRIMARY KEY,
    date timestamp without time zone NOT NULL,
    company_id integer,
    canceled boolean NOT NULL,
    postponed boolean NOT NULL,
    entry_count integer NOT NULL,
    cost numeric NOT NULL,
    duration numeric NOT NULL
);
CREATE INDEX IF NOT EXISTS crm_interaction_period_statistics__date_index
    ON crm_interaction_period_statistics (date);
"""


def add_rows(source, sign=""):
    """SQL that adds to the table the rows of ``source`` (a query of entry
    rows) by slot, company, canceled and postponed, with ``sign`` ('-' to
    take them away)."""
    return f"""
    INSERT INTO crm_interaction_period_statistics
        (date, company_id, canceled, postponed, entry_count, cost, duration)
    SELECT {SLOT}, company_id, canceled IS TRUE,
           postponed IS TRUE, {sign}COUNT(*), {sign}COALESCE(SUM(cost), 0),
           {sign}COALESCE(SUM(duration::numeric), 0)
      FROM {source}
  GROUP BY 1, 2, 3, 4"""


PERIOD_FUNCTIONS = """
CREATE OR REPLACE FUNCTION crm_interaction_period_statistics_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {add_new_rows};
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION crm_interaction_period_statistics_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {remove_old_rows};
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION crm_interaction_period_statistics_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- the new rows less the old ones: what did not move cancels out
    INSERT INTO crm_interaction_period_statistics
        (date, company_id, canceled, postponed, entry_count, cost, duration)
    SELECT slot, company_id, canceled, postponed, SUM(n), SUM(c), SUM(d)
      FROM (SELECT {slot} AS slot, company_id, canceled IS TRUE AS canceled,
                   postponed IS TRUE AS postponed, 1 AS n,
                   COALESCE(cost, 0) AS c, COALESCE(duration::numeric, 0) AS d
              FROM crm_interaction_period_new_rows
         UNION ALL
            SELECT {slot}, company_id, canceled IS TRUE, postponed IS TRUE, -1,
                   -COALESCE(cost, 0), -COALESCE(duration::numeric, 0)
              FROM crm_interaction_period_old_rows) AS moved
  GROUP BY 1, 2, 3, 4
    HAVING SUM(n) <> 0 OR SUM(c) <> 0 OR SUM(d) <> 0;
    RETURN NULL;
END $$;
""".format(
    add_new_rows=add_rows("crm_interaction_period_new_rows"),
    remove_old_rows=add_rows("crm_interaction_period_old_rows", sign="-"),
    slot=SLOT,
)

PERIOD_TRIGGERS = statement_triggers(
    "crm_interaction_period_statistics",
    "crm_interaction_period",
    {
        operation: f"crm_interaction_period_statistics_{operation.lower()}"
        for operation in ("INSERT", "UPDATE", "DELETE")
    },
)


class CrmInteractionPeriodStatistics(models.Model):
    """What grouping the entries by period reads instead of the entries: the
    count, cost and duration of the entries by quarter of an hour (``SLOT``),
    company, canceled and postponed.

    A pivot of cost and count by month over ten million entries reads this
    table's rows, not the ten million. The entries' ``_read_group`` asks
    ``_read_entries_group`` first, which answers when everything the question
    and the user's record rules look at is kept here, and leaves it to the
    entries otherwise (a salesperson who sees only their own entries, a
    filter on a template).

    PostgreSQL keeps it: every statement that inserts, changes or deletes
    entries adds the rows of what it added or took away (statement-level
    triggers with transition tables). Rows are only ever added, so nobody
    waits for anybody; ``_compact`` (the daily job of the statistics) merges
    the rows of each slot. Like the statistics by contact, the table has no
    foreign keys: the entries' own keep it right.
    """

    _name = "crm.interaction.period.statistics"
    _description = "Interaction Statistics by Period"
    _auto = False
    _log_access = False

    # the columns, their index and no foreign keys: PERIOD_TABLE
    date = fields.Datetime(string="Period", readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    canceled = fields.Boolean(readonly=True)
    postponed = fields.Boolean(readonly=True)
    entry_count = fields.Integer(string="No. of Interactions", readonly=True)
    cost = fields.Float(digits=(16, 2), readonly=True)
    duration = fields.Float(string="Duration (Min.)", digits=(16, 4), readonly=True)

    def init(self):
        create_summary(
            self,
            PERIOD_TABLE,
            PERIOD_FUNCTIONS,
            PERIOD_TRIGGERS,
            "crm_interaction_period_statistics_insert",
        )

    @api.model
    def _rebuild(self):
        """Compute the whole table again from the entries."""
        self.env["crm.interaction.log.entry"].flush_model()
        self.env.cr.execute("DELETE FROM crm_interaction_period_statistics")
        self.env.cr.execute(add_rows("crm_interaction_log_entry"))
        self.invalidate_model()

    @api.model
    def _compact(self):
        """Merge the rows of each slot, company, canceled and postponed into
        one, and drop those that add up to nothing."""
        self.env["crm.interaction.log.entry"].flush_model()
        self.env.cr.execute("""
            WITH merged AS (
                DELETE FROM crm_interaction_period_statistics s
                 WHERE (s.date, COALESCE(s.company_id, 0), s.canceled, s.postponed)
                    IN (SELECT date, COALESCE(company_id, 0), canceled, postponed
                          FROM crm_interaction_period_statistics
                      GROUP BY 1, 2, 3, 4
                        HAVING COUNT(*) > 1 OR SUM(entry_count) = 0)
             RETURNING s.*)
            INSERT INTO crm_interaction_period_statistics
                (date, company_id, canceled, postponed, entry_count, cost, duration)
            SELECT date, company_id, canceled, postponed, SUM(entry_count),
                   SUM(cost), SUM(duration)
              FROM merged
          GROUP BY 1, 2, 3, 4
            HAVING SUM(entry_count) <> 0 OR SUM(cost) <> 0 OR SUM(duration) <> 0""")
        self.invalidate_model()
        return True

    @api.model
    def _slot_leaf(self, operator, value):
        """The condition on slots that selects the same entries as
        ``date <operator> value``, or None. A slot is at or after a moment
        that begins a slot exactly when its entries are, and before it
        exactly when they are; the web client's period filters end a second
        before a period starts (``<= 23:59:59``), which is ``<`` the next
        second for dates stored to the second, as Odoo stores them."""
        if not value or isinstance(value, bool):
            return None
        try:
            moment = fields.Datetime.to_datetime(value)
        except (TypeError, ValueError):
            return None
        if not isinstance(moment, datetime.datetime):
            return None
        if operator in ("<=", ">"):
            moment += datetime.timedelta(seconds=1)
            operator = "<" if operator == "<=" else ">="
        if operator not in ("<", ">=") or moment < SLOTS_SINCE:
            return None
        if moment.microsecond or moment.second or moment.minute % SLOT_MINUTES:
            return None
        return ("date", operator, moment)

    @api.model
    def _period_domain(self, domain):
        """``domain`` of entries as a domain of this table, or None when it
        looks at something the table does not keep."""
        result = []
        for element in expression.normalize_domain(domain or []):
            if expression.is_operator(element) or element in (
                expression.TRUE_LEAF,
                expression.FALSE_LEAF,
            ):
                result.append(element)
                continue
            if not expression.is_leaf(element) or not isinstance(element[0], str):
                return None
            path, operator, value = element
            if path == "date":
                element = self._slot_leaf(operator, value)
                if element is None:
                    return None
            elif path not in PERIOD_FIELDS[1:]:
                # a path through the company (company_id.name) would read
                # the companies as the superuser here: the entries answer
                return None
            result.append(element)
        return result

    @api.model
    def _read_entries_group(
        self, entries, domain, groupby, aggregates, having, offset, limit, order
    ):
        """The entries' ``_read_group`` from this table, with the entries'
        read rules applied to it; None when the question or those rules look
        at more than this table keeps (the entries then answer)."""
        if having or not all(spec in PERIOD_AGGREGATES for spec in aggregates):
            return None
        dated = False
        for spec in groupby:
            fname, property_name, granularity = parse_read_group_spec(spec)
            if fname not in PERIOD_FIELDS or property_name:
                return None
            if fname == "date":
                if granularity not in SLOT_GRANULARITIES:
                    return None
                dated = True
        if order and not self._order_by_groups(order, groupby):
            return None
        # the user's rules, time zone and language: those of the entries
        env = entries.env
        rule_domain = env["ir.rule"]._compute_domain(entries._name, "read")
        period_domain = self._period_domain(domain)
        period_rules = self._period_domain(rule_domain)
        if period_domain is None or period_rules is None:
            return None
        entries.browse().check_access("read")
        entries.flush_model(
            ["date", "company_id", "canceled", "postponed", "cost", "duration"]
        )
        Period = env[self._name].sudo()
        if dated and Period.search_count([("date", "<", SLOTS_SINCE)], limit=1):
            return None
        rows = Period._read_group(
            expression.AND([period_domain, period_rules]),
            groupby,
            [PERIOD_AGGREGATES[spec] for spec in aggregates],
            # slots whose entries were all deleted or moved add up to nothing
            having=[("entry_count:sum", "!=", 0)] if groupby else (),
            offset=offset,
            limit=limit,
            order=order,
        )
        # the groups' records in the entries' environment, not the superuser's
        return [
            tuple(
                value.with_env(env) if isinstance(value, models.BaseModel) else value
                for value in row
            )
            for row in rows
        ]

    @api.model
    def _order_by_groups(self, order, groupby):
        """Whether ``order`` sorts by the groups alone (not by an aggregate,
        which this table names differently)."""
        for term in order.split(","):
            words = term.split()
            if not words or words[0] not in groupby:
                return False
        return True

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

from ..models.crm_interaction_log_entry import CHANNELS
from ..models.crm_interaction_statistics import create_summary, statement_triggers

# What a row of the analysis is: the entries of one quarter of an hour (UTC)
# with the same values of these columns, counted and summed.
KEYS = (
    "company_id",
    "user_id",
    "template_id",
    "group_id",
    "channel",
    "canceled",
    "postponed",
)
# Since 1980 every time zone is a whole number of quarters of an hour away from
# UTC, so a quarter of an hour (UTC) lies within one hour, day, week, month and
# year of any of them, and grouping the rows by period in any time zone gives
# what grouping the entries would: except in the quarters of an hour in which
# some time zone's clocks changed off the quarter (St. John's changed at 00:01
# local time until 2011), and before 1980 (local mean times, minutes and seconds
# away from UTC). The entries of those keep their exact time.
REGULAR_SINCE = datetime.datetime(1980, 1, 1)
QUARTER = datetime.timedelta(minutes=15)
EPOCH = datetime.datetime(2000, 1, 1)


def irregular_quarters():
    """The quarters of an hour (UTC) since 1980 in which a time zone's clocks
    changed at a moment that is not a quarter of an hour."""
    quarters = set()
    for name in pytz.all_timezones:
        for moment in getattr(pytz.timezone(name), "_utc_transition_times", ()):
            if moment >= REGULAR_SINCE and (moment.minute % 15 or moment.second):
                quarters.add(moment - (moment - EPOCH) % QUARTER)
    return sorted(quarters)


SLOT_FUNCTION = """
CREATE OR REPLACE FUNCTION crm_interaction_analysis_slot(moment timestamp)
RETURNS timestamp LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN moment < %(regular_since)s
          OR date_bin('15 minutes', moment, %(epoch)s) = ANY(%(irregular)s::timestamp[])
        THEN moment
        ELSE date_bin('15 minutes', moment, %(epoch)s)
    END
$$;
"""

# The table, written by the triggers alone (and merged by ``_compact``). Like
# the statistics by contact it has no foreign keys: it is derived from the
# entries, whose own keys keep it right.
TABLE = """
CREATE TABLE IF NOT EXISTS crm_interaction_analysis (
    id serial PRIMARY KEY,
    date timestamp without time zone NOT NULL,
    company_id integer,
    user_id integer,
    template_id integer,
    group_id integer,
    channel varchar,
    canceled boolean NOT NULL,
    postponed boolean NOT NULL,
    entry_count integer NOT NULL,
    cost numeric NOT NULL,
    duration numeric NOT NULL
);
-- the analysis of a period, and the rows of one quarter of an hour
CREATE INDEX IF NOT EXISTS crm_interaction_analysis__date_index
    ON crm_interaction_analysis (date);
-- a salesperson who sees his own interactions reads his rows only
CREATE INDEX IF NOT EXISTS crm_interaction_analysis__user_id_date_index
    ON crm_interaction_analysis (user_id, date);
"""

KEY_COLUMNS = ", ".join(KEYS)


def same_keys(left, right):
    """SQL: the rows ``left`` and ``right`` have the same ``KEYS``."""
    return " AND ".join(
        f"{left}.{key} IS NOT DISTINCT FROM {right}.{key}" for key in KEYS
    )


def add_rows(source, sign=""):
    """SQL that adds to the analysis the entry rows of ``source``, with
    ``sign`` ('-' to take them away)."""
    return f"""
    INSERT INTO crm_interaction_analysis
        (date, {KEY_COLUMNS}, entry_count, cost, duration)
    SELECT crm_interaction_analysis_slot(date), company_id, user_id, template_id,
           group_id, channel, canceled IS TRUE, postponed IS TRUE, {sign}COUNT(*),
           {sign}COALESCE(SUM(cost), 0), {sign}COALESCE(SUM(duration::numeric), 0)
      FROM {source}
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"""


# The rows of the quarters that ``old_rows`` left which now add up to no
# entry: a group of the analysis without entries is not shown.
DROP_EMPTY = f"""
    DELETE FROM crm_interaction_analysis a
     USING (SELECT date, {KEY_COLUMNS}
              FROM crm_interaction_analysis
             WHERE date IN (SELECT crm_interaction_analysis_slot(date)
                              FROM crm_interaction_analysis_old_rows)
          GROUP BY date, {KEY_COLUMNS}
            HAVING SUM(entry_count) = 0) empty
     WHERE a.date = empty.date
       AND {same_keys("a", "empty")}"""

FUNCTIONS = """
CREATE OR REPLACE FUNCTION crm_interaction_analysis_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {add_new_rows};
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION crm_interaction_analysis_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {remove_old_rows};
    {drop_empty};
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION crm_interaction_analysis_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- the new rows less the old ones: what did not move cancels out
    INSERT INTO crm_interaction_analysis
        (date, {keys}, entry_count, cost, duration)
    SELECT date, {keys}, SUM(n), SUM(c), SUM(d)
      FROM (SELECT crm_interaction_analysis_slot(date) AS date, company_id, user_id,
                   template_id, group_id, channel, canceled IS TRUE AS canceled,
                   postponed IS TRUE AS postponed, 1 AS n, COALESCE(cost, 0) AS c,
                   COALESCE(duration::numeric, 0) AS d
              FROM crm_interaction_analysis_new_rows
         UNION ALL
            SELECT crm_interaction_analysis_slot(date), company_id, user_id,
                   template_id, group_id, channel, canceled IS TRUE,
                   postponed IS TRUE, -1, -COALESCE(cost, 0),
                   -COALESCE(duration::numeric, 0)
              FROM crm_interaction_analysis_old_rows) AS moved
  GROUP BY date, {keys}
    HAVING SUM(n) <> 0 OR SUM(c) <> 0 OR SUM(d) <> 0;
    {drop_empty};
    RETURN NULL;
END $$;
""".format(
    add_new_rows=add_rows("crm_interaction_analysis_new_rows"),
    remove_old_rows=add_rows("crm_interaction_analysis_old_rows", sign="-"),
    drop_empty=DROP_EMPTY,
    keys=KEY_COLUMNS,
)

# The rows of each group merged into one, those of no entry dropped.
COMPACT = f"""
  WITH merged AS (
      DELETE FROM crm_interaction_analysis a
       USING (SELECT date, {KEY_COLUMNS}
                FROM crm_interaction_analysis
            GROUP BY date, {KEY_COLUMNS}
              HAVING COUNT(*) > 1 OR SUM(entry_count) = 0) g
       WHERE a.date = g.date
         AND {same_keys("a", "g")}
   RETURNING a.*)
  INSERT INTO crm_interaction_analysis
      (date, {KEY_COLUMNS}, entry_count, cost, duration)
  SELECT date, {KEY_COLUMNS}, SUM(entry_count), SUM(cost), SUM(duration)
    FROM merged
GROUP BY date, {KEY_COLUMNS}
  HAVING SUM(entry_count) <> 0"""

TRIGGERS = statement_triggers(
    "crm_interaction_analysis",
    "crm_interaction_analysis",
    {
        operation: f"crm_interaction_analysis_{operation.lower()}"
        for operation in ("INSERT", "UPDATE", "DELETE")
    },
)


class CrmInteractionAnalysis(models.Model):
    """Interaction Analysis: the number, cost and duration of the interactions
    by period, company, salesperson, template, group and channel.

    A reporting model, as Odoo's own analyses are, read by its own pivot,
    graph and list views within its own record rules. Its rows are the
    entries aggregated by quarter of an hour (``crm_interaction_analysis_slot``)
    and by the columns of ``KEYS``, so that a pivot by month over ten million
    entries reads a table a fraction of their size. PostgreSQL keeps it:
    statement-level triggers on the entries add what every statement inserted,
    changed or deleted (inserts only ever add rows, so nobody waits for
    anybody); ``_compact``, a daily job, merges the rows of each group.
    """

    _name = "crm.interaction.analysis"
    _description = "Interaction Analysis"
    _auto = False
    _log_access = False
    _order = "date desc"
    _rec_name = "date"

    # the columns and their indexes: TABLE
    date = fields.Datetime(readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    user_id = fields.Many2one(
        comodel_name="res.users", string="Salesperson", readonly=True
    )
    template_id = fields.Many2one(
        comodel_name="crm.interaction.template",
        string="Interaction Template",
        readonly=True,
    )
    group_id = fields.Many2one(
        comodel_name="crm.interaction.group",
        string="Interaction Group",
        readonly=True,
    )
    channel = fields.Selection(selection=CHANNELS, readonly=True)
    canceled = fields.Boolean(readonly=True)
    postponed = fields.Boolean(readonly=True)
    entry_count = fields.Integer(string="No. of Interactions", readonly=True)
    cost = fields.Float(digits=(16, 2), readonly=True)
    duration = fields.Float(string="Duration (Min.)", readonly=True)

    def init(self):
        self.env.cr.execute(
            SQL(
                SLOT_FUNCTION,
                regular_since=REGULAR_SINCE,
                epoch=EPOCH,
                irregular=irregular_quarters(),
            )
        )
        create_summary(
            self, TABLE, FUNCTIONS, TRIGGERS, "crm_interaction_analysis_insert"
        )

    def _read_group_empty_value(self, spec):
        # the total of no interactions is 0, not empty
        if spec.endswith(":sum"):
            return 0
        return super()._read_group_empty_value(spec)

    @api.model
    def _rebuild(self):
        """Compute the whole table again from the entries."""
        self.env["crm.interaction.log.entry"].flush_model()
        self.env.cr.execute("DELETE FROM crm_interaction_analysis")
        self.env.cr.execute(add_rows("crm_interaction_log_entry"))
        self.invalidate_model()

    @api.model
    def _compact(self):
        """Merge the rows of each group into one, and drop those of no entry."""
        self.env["crm.interaction.log.entry"].flush_model()
        self.env.cr.execute(COMPACT)
        self.invalidate_model()
        return True

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

# The entry columns whose change moves an entry's weight in the statistics.
COUNTED_COLUMNS = (
    "partner_id",
    "commercial_partner_id",
    "company_id",
    "cost",
    "duration",
    "date",
    "initiated_by",
    "attempt_failed",
    "canceled",
    "postponed",
)
# The fields of this model that record rules of entries may use.
RULE_FIELDS = ("partner_id", "commercial_partner_id", "company_id")


def drop_foreign_keys(cr, table):
    """Drop the foreign keys of ``table`` (those Odoo made before the table
    was one the module creates itself)."""
    cr.execute(
        SQL(
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass"
            " AND contype = 'f'",
            table,
        )
    )
    for (name,) in cr.fetchall():
        cr.execute(
            SQL(
                "ALTER TABLE %s DROP CONSTRAINT %s",
                SQL.identifier(table),
                SQL.identifier(name),
            )
        )


def create_summary(model, table, functions, triggers, trigger):
    """Create the table of the summary ``model`` (``table``; foreign keys
    Odoo made before are dropped) and the functions of its triggers; when
    ``trigger`` does not exist yet, create the ``triggers`` and fill the
    table from the entries (``model._rebuild``)."""
    cr = model.env.cr
    cr.execute(table)
    drop_foreign_keys(cr, model._table)
    cr.execute(functions)
    cr.execute(SQL("SELECT 1 FROM pg_trigger WHERE tgname = %s", trigger))
    if not cr.fetchone():
        cr.execute(triggers)
        model._rebuild()


def summarize(source, condition="TRUE"):
    """SQL that adds to the summary the counted entries of ``source`` (the
    entry table or a trigger's transition table) that meet ``condition``,
    one row per contact, contact company and company."""
    return f"""
    INSERT INTO crm_interaction_statistics
        (partner_id, commercial_partner_id, company_id, entry_count, cost, duration,
         last_attempt_date, last_date)
    SELECT partner_id, commercial_partner_id, company_id, COUNT(*),
           COALESCE(SUM(cost), 0), COALESCE(SUM(duration), 0),
           MAX(CASE WHEN initiated_by = 'us' THEN date END),
           MAX(CASE WHEN attempt_failed IS NOT TRUE THEN date END)
      FROM {source}
     WHERE ({condition}) AND canceled IS NOT TRUE AND postponed IS NOT TRUE
  GROUP BY partner_id, commercial_partner_id, company_id"""


SUMMARY_FUNCTIONS = """
CREATE OR REPLACE FUNCTION crm_interaction_statistics_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {summarize_new_rows};
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION crm_interaction_statistics_recompute() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    partner_ids integer[];
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT partner_id) INTO partner_ids
          FROM crm_interaction_old_rows
         WHERE canceled IS NOT TRUE AND postponed IS NOT TRUE;
    ELSE
        SELECT array_agg(DISTINCT k.partner_id) INTO partner_ids
          FROM crm_interaction_old_rows o
          JOIN crm_interaction_new_rows n ON n.id = o.id
         CROSS JOIN LATERAL (VALUES
               (o.partner_id, o.canceled IS NOT TRUE AND o.postponed IS NOT TRUE),
               (n.partner_id, n.canceled IS NOT TRUE AND n.postponed IS NOT TRUE))
               AS k(partner_id, counted)
         WHERE k.counted
           AND ({old_counted}) IS DISTINCT FROM ({new_counted});
    END IF;
    IF partner_ids IS NULL THEN
        RETURN NULL;
    END IF;
    DELETE FROM crm_interaction_statistics WHERE partner_id = ANY(partner_ids);
    {summarize_partners};
    RETURN NULL;
END $$;
""".format(
    summarize_new_rows=summarize("crm_interaction_new_rows"),
    summarize_partners=summarize(
        "crm_interaction_log_entry", "partner_id = ANY(partner_ids)"
    ),
    old_counted=", ".join("o." + c for c in COUNTED_COLUMNS),
    new_counted=", ".join("n." + c for c in COUNTED_COLUMNS),
)

# The table, written by the triggers alone. It is derived from the entries,
# whose own foreign keys keep its contacts and companies right (an entry's
# contact cannot be deleted; a company deleted sets its entries' company to
# NULL, which computes their rows again), so it has none of its own: a
# foreign key here would cost logging 10,000 entries 10,000 more look-ups
# per column.
SUMMARY_TABLE = """
CREATE TABLE IF NOT EXISTS crm_interaction_statistics (
    id serial PRIMARY KEY,
    partner_id integer,
    commercial_partner_id integer,
    company_id integer,
    entry_count integer,
    cost numeric,
    duration double precision,
    last_attempt_date timestamp without time zone,
    last_date timestamp without time zone
);
CREATE INDEX IF NOT EXISTS crm_interaction_statistics__partner_id_index
    ON crm_interaction_statistics (partner_id);
CREATE INDEX IF NOT EXISTS crm_interaction_statistics__commercial_partner_id_index
    ON crm_interaction_statistics (commercial_partner_id);
"""


def statement_triggers(trigger, rows, functions):
    """SQL of the statement-level triggers ``<trigger>_insert``, ``_update``
    and ``_delete`` on the entries: each calls the function ``functions``
    gives for its operation, which sees the statement's rows in the
    transition tables ``<rows>_new_rows`` and ``<rows>_old_rows``."""
    tables = {
        "INSERT": f"NEW TABLE AS {rows}_new_rows",
        "UPDATE": f"OLD TABLE AS {rows}_old_rows NEW TABLE AS {rows}_new_rows",
        "DELETE": f"OLD TABLE AS {rows}_old_rows",
    }
    return "".join(
        f"""
CREATE TRIGGER {trigger}_{operation.lower()}
    AFTER {operation} ON crm_interaction_log_entry
    REFERENCING {tables[operation]}
    FOR EACH STATEMENT EXECUTE PROCEDURE {functions[operation]}();"""
        for operation in tables
    )


SUMMARY_TRIGGERS = statement_triggers(
    "crm_interaction_statistics",
    "crm_interaction",
    {
        "INSERT": "crm_interaction_statistics_insert",
        "UPDATE": "crm_interaction_statistics_recompute",
        "DELETE": "crm_interaction_statistics_recompute",
    },
)


class CrmInteractionStatistics(models.Model):
    """What a contact's statistics read instead of its entries: the count,
    cost, duration and latest dates of the counted entries (neither canceled
    nor postponed) by contact, contact company and company.

    PostgreSQL keeps it: every statement that inserts entries adds one row
    per contact it touched (statement-level triggers with transition tables,
    so logging a segment of 10,000 contacts adds 10,000 rows in the same
    statement); a statement that changes or deletes counted entries computes
    their contacts' rows again. Inserting never updates a row, so two users
    printing for the same contact at the same moment do not wait for each
    other; ``_compact`` (a daily job) merges the rows of each contact.

    The ORM does not write here; the model exists so that the table is
    dropped on uninstall and filtered by the entries' record rules. ``init``
    creates the table (``SUMMARY_TABLE``), without foreign keys.
    """

    _name = "crm.interaction.statistics"
    _description = "Interaction Statistics by Contact"
    _auto = False
    _log_access = False

    # the columns, their indexes and no foreign keys: SUMMARY_TABLE
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Contact", readonly=True
    )
    commercial_partner_id = fields.Many2one(
        comodel_name="res.partner", string="Contact Company", readonly=True
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    entry_count = fields.Integer(string="No. of Interactions", readonly=True)
    cost = fields.Float(digits=(16, 2), readonly=True)
    duration = fields.Float(string="Duration (Min.)", readonly=True)
    last_attempt_date = fields.Datetime(
        string="Date of Last Interaction Attempt", readonly=True
    )
    last_date = fields.Datetime(string="Date of Last Interaction", readonly=True)

    def init(self):
        create_summary(
            self,
            SUMMARY_TABLE,
            SUMMARY_FUNCTIONS,
            SUMMARY_TRIGGERS,
            "crm_interaction_statistics_insert",
        )

    def _flush_entries(self):
        """The triggers keep this table from the entries' rows in the
        database: the entries' pending changes go there first."""
        self.env["crm.interaction.log.entry"].flush_model()

    @api.model
    def _rebuild(self):
        """Compute the whole table again from the entries."""
        self._flush_entries()
        self.env.cr.execute("DELETE FROM crm_interaction_statistics")
        self.env.cr.execute(summarize("crm_interaction_log_entry"))
        self.invalidate_model()

    @api.model
    def _compact(self):
        """Merge the rows of each contact into one, and those of each group of
        the analysis (``crm.interaction.analysis``); run daily by a job."""
        self.env["crm.interaction.analysis"]._compact()
        self._flush_entries()
        self.env.cr.execute("""
            WITH merged AS (
                DELETE FROM crm_interaction_statistics s
                 USING (SELECT partner_id FROM crm_interaction_statistics
                      GROUP BY partner_id HAVING COUNT(*) > 1) p
                 WHERE s.partner_id = p.partner_id
             RETURNING s.*)
            INSERT INTO crm_interaction_statistics
                (partner_id, commercial_partner_id, company_id, entry_count, cost,
                 duration, last_attempt_date, last_date)
            SELECT partner_id, commercial_partner_id, company_id, SUM(entry_count),
                   SUM(cost), SUM(duration), MAX(last_attempt_date), MAX(last_date)
              FROM merged
          GROUP BY partner_id, commercial_partner_id, company_id""")
        self.invalidate_model()
        return True

    @api.model
    def _statistics_by(self, column, ids):
        """The entries' ``_statistics_by`` for contacts (``partner_id``) or
        contact companies (``commercial_partner_id``) from this table, with
        the entries' read rules applied to it; None when those rules look at
        more of an entry than its contact and company (the caller then
        aggregates the entries themselves)."""
        assert column in ("partner_id", "commercial_partner_id")
        rule_domain = (
            self.env["ir.rule"]._compute_domain("crm.interaction.log.entry", "read")
            or []
        )
        for leaf in rule_domain:
            if (
                expression.is_leaf(leaf)
                and isinstance(leaf[0], str)
                and leaf[0].split(".")[0] not in RULE_FIELDS
            ):
                return None
        self._flush_entries()
        query = self.sudo()._where_calc(
            expression.AND([[(column, "in", ids)], rule_domain])
        )

        def col(name):
            return SQL.identifier(self._table, name)

        rows = self.env.execute_query(
            SQL(
                """
                SELECT %(group)s, SUM(%(count)s), SUM(%(cost)s), SUM(%(duration)s),
                       MAX(%(last_attempt)s), MAX(%(last)s)
                  FROM %(tables)s
                 WHERE %(where)s
              GROUP BY %(group)s""",
                group=col(column),
                count=col("entry_count"),
                cost=col("cost"),
                duration=col("duration"),
                last_attempt=col("last_attempt_date"),
                last=col("last_date"),
                tables=query.from_clause,
                where=query.where_clause,
            )
        )
        return {row[0]: row[1:] for row in rows}

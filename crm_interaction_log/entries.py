# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How entries are written in bulk, and how they follow their delivery.

Every writer that records many entries at once (a logged segment, printed
documents, meetings, SMS, activities, a mass mailing, the benchmarks' data)
writes them with ``insert_entries``: one INSERT ... SELECT with one column
list, and one rule for what a template gives a new entry
(``TEMPLATE_DEFAULTS``, ``CAMPAIGN_FLAGS``), the rule the ORM's ``create``
applies too (``template_values``). Every follow-up of an e-mail, an SMS or a
mailing trace changes its entries with ``follow_delivery``; those of a batch
the mail queue sends, once for the batch (``delivery_batch``).
"""

import contextlib
import datetime
import json

from odoo import models
from odoo.tools import SQL

TABLE = "crm_interaction_log_entry"
# entry field: template field it takes when the writer does not give it
TEMPLATE_DEFAULTS = {
    "group_id": "group_id",
    "information_flow": "information_flow",
    "initiated_by": "initiated_by",
    "cost": "unit_cost",
    "duration": "unit_duration",
    "correspondence_type": "correspondence_type",
    "campaign_id": "campaign_id",
}
# The template's campaign marks, which an entry takes when it is logged for a
# campaign: the contact was in the campaign's target group / responded on it.
CAMPAIGN_FLAGS = ("campaign_target", "campaign_response")
# The columns every new entry gets, given by the writer or filled here; the
# writer may give any other column of the table besides (``lang``,
# ``delivery_status``, ``res_model`` ...), which are NULL otherwise.
ENTRY_COLUMNS = (
    "name",
    "partner_id",
    "commercial_partner_id",
    "date",
    "description",
    "subject",
    "template_id",
    *TEMPLATE_DEFAULTS,
    *CAMPAIGN_FLAGS,
    "user_id",
    "logged_by_id",
    "attempt_failed",
    "canceled",
    "postponed",
    "channel",
    "company_id",
)


def template_values(template, vals):
    """What ``template`` gives a new entry of values ``vals``: the template's
    values of the fields ``vals`` does not give, its company when none is
    given, and its campaign marks for an entry of a campaign."""
    values = {}
    for field, template_field in TEMPLATE_DEFAULTS.items():
        if field not in vals:
            value = template[template_field]
            values[field] = value.id if isinstance(value, models.BaseModel) else value
    if "company_id" not in vals and template.company_id:
        values["company_id"] = template.company_id.id
    campaign = vals.get("campaign_id", values.get("campaign_id"))
    values.update({flag: bool(campaign and template[flag]) for flag in CAMPAIGN_FLAGS})
    return values


def number_sql(env):
    """SQL that numbers an entry from the entry sequence inside a statement
    (``nextval`` of its PostgreSQL sequence); None when the sequence is not
    one PostgreSQL numbers alone (no gaps allowed, or a sequence per date
    range). Costs no query: the sequence is read once
    (``_number_sequence``)."""
    sequence = env["crm.interaction.log.entry"]._number_sequence()
    if sequence is None:
        return None
    pg_sequence, prefix, suffix, padding = sequence
    # the prefix and suffix may hold the date (%(year)s ...): Odoo's own rule
    prefix, suffix = (
        env["ir.sequence"]
        .new({"name": pg_sequence, "prefix": prefix, "suffix": suffix})
        ._get_prefix_suffix()
    )
    return SQL(
        # format() pads to the width and, unlike lpad(), never cuts a number
        # longer than it (entry 123456789 of a padding of 8)
        "%s || replace(format(%s, %s, nextval(%s)), ' ', '0') || %s",
        prefix,
        "%*s",
        padding,
        pg_sequence,
        suffix,
    )


def _column_sql(env, name, given, number=None, campaign=None):
    """The value of column ``name`` of a new entry, from the row ``g`` of the
    writer, its template ``t`` and its contact ``p``."""

    def g(column):
        return SQL.identifier("g", column)

    if name in CAMPAIGN_FLAGS and name not in given:
        return SQL(
            "(COALESCE(%s, false) AND %s IS NOT NULL)",
            SQL.identifier("t", name),
            campaign,
        )
    if name == "name":
        if "name" not in given:
            return number
        return SQL(
            "CASE WHEN COALESCE(%s, '/') = '/' THEN %s ELSE %s END",
            g("name"),
            number,
            g("name"),
        )
    if name == "subject":
        if "subject" not in given:
            return g("description")
        return SQL("COALESCE(NULLIF(%s, ''), %s)", g("subject"), g("description"))
    if name in given:
        return g(name)
    if name in TEMPLATE_DEFAULTS:
        template_column = SQL.identifier("t", TEMPLATE_DEFAULTS[name])
        if name in ("cost", "duration"):
            return SQL("COALESCE(%s, 0)", template_column)
        return template_column
    if name == "company_id":
        return SQL("COALESCE(t.company_id, %s)", env.company.id)
    return {
        "commercial_partner_id": SQL("p.commercial_partner_id"),
        "date": SQL("now() at time zone 'UTC'"),
        "user_id": SQL("%s", env.uid),
        "logged_by_id": SQL("%s", env.uid),
        "attempt_failed": SQL("false"),
        "canceled": SQL("false"),
        "postponed": SQL("false"),
        "channel": SQL("'manual'"),
    }[name]


def insert_entries(env, source, given, quiet=False):
    """Write one entry per row of ``source``; their ids, in the rows' order.

    ``source`` is the SQL of a SELECT that gives the columns ``given`` (named
    after the entry's columns, ``partner_id``, ``template_id`` and
    ``description`` among them) and ``row_order``, the order of the entries.
    What a row does not give is filled as the ORM's ``create`` fills it: the
    template's values (``TEMPLATE_DEFAULTS``) and campaign marks, the
    contact's company, the entry number, the current user and company.

    Nothing is checked here: the callers check the access rights and rules.
    ``quiet`` runs the statement on the driver's cursor: a conflict the caller
    handles (two prints of the same document) is not logged as a bad query.
    """
    given = tuple(given)
    Entry = env["crm.interaction.log.entry"]
    unknown = [
        name
        for name in given
        if not (name in Entry._fields and Entry._fields[name].column_type)
    ]
    assert not unknown, f"not columns of the entries: {unknown}"
    # the statement reads the templates and contacts as stored
    env["crm.interaction.template"].flush_model(
        [*TEMPLATE_DEFAULTS.values(), *CAMPAIGN_FLAGS, "company_id"]
    )
    env["res.partner"].flush_model(["commercial_partner_id"])
    number = number_sql(env)
    numbered = number is not None
    campaign = _column_sql(env, "campaign_id", given)
    columns = list(ENTRY_COLUMNS) + [n for n in given if n not in ENTRY_COLUMNS]
    query = SQL(
        """INSERT INTO crm_interaction_log_entry
               (%(columns)s, create_uid, create_date, write_uid, write_date)
           SELECT %(values)s, %(uid)s, now() at time zone 'UTC',
                  %(uid)s, now() at time zone 'UTC'
             FROM (%(source)s) g
        LEFT JOIN crm_interaction_template t ON t.id = g.template_id
        LEFT JOIN res_partner p ON p.id = g.partner_id
         ORDER BY g.row_order
        RETURNING id""",
        columns=SQL(", ").join(SQL.identifier(name) for name in columns),
        values=SQL(", ").join(
            _column_sql(env, name, given, number or SQL("'/'"), campaign)
            for name in columns
        ),
        source=source,
        uid=env.uid,
    )
    if quiet:
        cursor = env.cr._obj
        cursor.execute(query.code, query.params)
        ids = [row[0] for row in cursor.fetchall()]
    else:
        ids = [row[0] for row in env.execute_query(query)]
    if ids and not numbered:
        # a sequence without gaps or by date range numbers through the ORM
        for entry_id in ids:
            env.cr.execute(
                SQL(
                    "UPDATE crm_interaction_log_entry SET name = %s"
                    " WHERE id = %s AND name = '/'",
                    env["ir.sequence"].next_by_code(Entry._name) or "/",
                    entry_id,
                )
            )
    # lists of entries and statistics the cache holds do not have them yet
    Entry.invalidate_model()
    return ids


def values_source(vals_list):
    """The SQL source of ``insert_entries`` for plain column values (a dict
    per entry), and the columns they give."""
    given = list(dict.fromkeys(name for vals in vals_list for name in vals))
    rows = [
        {name: (None if value is False else value) for name, value in vals.items()}
        for vals in vals_list
    ]
    source = SQL(
        "SELECT r.*, r.ordinality AS row_order"
        " FROM jsonb_populate_recordset(NULL::crm_interaction_log_entry, %s::jsonb)"
        " WITH ORDINALITY AS r",
        json.dumps(rows, default=_json_value),
    )
    return source, given


def _json_value(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    return str(value)


def follow_delivery(env, column, keys, status, info=None, replaces=None, where=None):
    """The delivery status ``status`` (and its details ``info``) for the
    entries whose ``column`` (the e-mail's message, the SMS's uuid, the
    mailing trace) is one of ``keys``; see ``follow_deliveries``."""
    follow_deliveries(
        env, column, {key: (status, info) for key in keys}, replaces, where
    )


def follow_deliveries(env, column, statuses, replaces=None, where=None):
    """The delivery status and its details, ``statuses[key] = (status,
    info)``, of the entries whose ``column`` is ``key``, by one UPDATE: those
    whose status is one of ``replaces`` only, when given, and meeting
    ``where`` (SQL), when given.

    The mail queue and the SMS gateway write the state of every message they
    send: the entries change without their ORM write."""
    statuses = {key: value for key, value in statuses.items() if key and value[0]}
    if not statuses:
        return
    Entry = env["crm.interaction.log.entry"]
    # the entries' own pending writes (a segment just linking its e-mails)
    Entry.flush_model([column, "delivery_status", "delivery_info", "sms_uuid"])
    conditions = [SQL("%s = v.key", SQL.identifier(TABLE, column))]
    if replaces:
        conditions.append(SQL("delivery_status IN %s", tuple(replaces)))
    if where is not None:
        conditions.append(where)
    env.cr.execute(
        SQL(
            """UPDATE crm_interaction_log_entry
                  SET delivery_status = v.status, delivery_info = v.info
                 FROM unnest(%s::%s[], %s::varchar[], %s::text[])
                      AS v(key, status, info)
                WHERE %s""",
            list(statuses),
            SQL(Entry._fields[column].column_type[1]),
            [status for status, _info in statuses.values()],
            [info or None for _status, info in statuses.values()],
            SQL(" AND ").join(conditions),
        )
    )
    Entry.invalidate_model(["delivery_status", "delivery_info"])


# {column: (where, {key: (status, info)})} of the batch being sent
# (``delivery_batch``), kept with the transaction's precommit data
PENDING = "crm_interaction_log.pending_deliveries"


@contextlib.contextmanager
def delivery_batch(env):
    """Within this block (the mail queue sending a batch of e-mails), the
    statuses given to ``follow_later`` are written at its end, by one
    UPDATE a column, and before each commit within it (a queue that commits
    every e-mail)."""
    data = env.cr.precommit.data
    if PENDING in data:  # a batch within a batch
        yield
        return
    data[PENDING] = {}
    env.cr.precommit.add(lambda: _write_pending(env))
    try:
        yield
    finally:
        _write_pending(env)
        data.pop(PENDING, None)


def follow_later(env, column, statuses, where=None):
    """Keep the statuses of ``follow_deliveries`` for the end of the batch
    being sent; False when none is being sent, and the caller writes them."""
    pending = env.cr.precommit.data.get(PENDING)
    if pending is None:
        return False
    pending.setdefault(column, (where, {}))[1].update(statuses)
    return True


def _write_pending(env):
    pending = env.cr.precommit.data.get(PENDING)
    if not pending:
        return
    columns = dict(pending)
    pending.clear()
    for column, (where, statuses) in columns.items():
        follow_deliveries(env, column, statuses, where=where)

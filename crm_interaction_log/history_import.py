# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An interaction history exported from NAV/BC, into the log: its rows
turned into values (``row_values``), written a chunk at a time to the
import's rows (``copy_rows``), checked against the database (``resolve``)
and imported a batch at a time (``import_batch``) by the one writer of the
log's entries (``entries.insert_entries``). The import's model
(``crm.interaction.import``) runs these steps and keeps their progress."""

import csv
import datetime
import io

from odoo.tools import SQL

from .entries import insert_entries
from .nav_captions import DOCUMENT_TYPES, LANGUAGE_CODES
from .nav_files import BadValue, boolean_value, option_value, text_value

# the columns of crm_interaction_import_row a row of the file fills
ROW_COLUMNS = (
    "sequence",
    "entry_no",
    "contact_no",
    "local_date",
    "description",
    "subject",
    "information_flow",
    "initiated_by",
    "group_code",
    "template_code",
    "cost",
    "duration",
    "salesperson_code",
    "user_code",
    "evaluation",
    "attempt_failed",
    "canceled",
    "postponed",
    "correspondence_type",
    "contact_via",
    "lang",
    "campaign_no",
    "campaign_target",
    "campaign_response",
    "opportunity_no",
    "document_type",
    "document_no",
    "document_occurrence",
    "delivery_status",
    "error",
    "error_info",
)
TEXTS = (
    "contact_no",
    "description",
    "subject",
    "group_code",
    "template_code",
    "salesperson_code",
    "user_code",
    "contact_via",
    "campaign_no",
    "opportunity_no",
    "document_type",
    "document_no",
)
OPTIONS = (
    "information_flow",
    "initiated_by",
    "evaluation",
    "correspondence_type",
    "delivery_status",
)
BOOLEANS = (
    "attempt_failed",
    "canceled",
    "postponed",
    "campaign_target",
    "campaign_response",
)
# Why a row of the file does not import. Reading the file finds the first
# three; checking it against the database (``resolve``) the others, again
# each time the mapping changes.
READ_ERRORS = [
    ("bad_date", "Bad date or time"),
    ("bad_number", "Bad number"),
    ("bad_value", "Unknown option value"),
]
RESOLVE_ERRORS = [
    ("no_entry_no", "No entry No."),
    ("duplicate", "Entry No. twice in the file"),
    ("already_imported", "Already imported"),
    ("no_contact", "No contact No."),
    ("unknown_contact", "Unknown contact"),
    ("ambiguous_contact", "More than one contact"),
    ("no_template", "No template code"),
    ("unknown_template", "Unknown template"),
]
# the codes of a row each kind of mapping maps
MAPPED_CODES = {
    "salesperson": "salesperson_code",
    "user": "user_code",
    "group": "group_code",
    "template": "template_code",
    "campaign": "campaign_no",
    "opportunity": "opportunity_no",
}


def row_values(number, cells, columns, locale, captions, langs):
    """The values of row ``number`` of the file (its ``cells``, read with
    ``columns``, {position: column key}) as a tuple of ``ROW_COLUMNS``; the
    first value that does not read is the row's error, named by its
    column's caption (``captions``). ``langs``: the installed languages."""
    raw = {
        key: cells[position]
        for position, key in columns.items()
        if position < len(cells)
    }
    values = {"sequence": number}
    error = []

    def read(key, reader, kind):
        try:
            return reader(raw.get(key))
        except BadValue:
            if not error:
                error.extend((kind, f"{captions[key]}: {raw.get(key)}"))
            return None

    for key in TEXTS:
        values[key] = text_value(raw.get(key))
    values["entry_no"] = read("entry_no", locale.integer_value, "bad_number")
    values["document_occurrence"] = read(
        "document_occurrence", locale.integer_value, "bad_number"
    )
    values["cost"] = read("cost", locale.decimal_value, "bad_number")
    values["duration"] = read("duration", locale.decimal_value, "bad_number")
    date = read("date", locale.date_value, "bad_date")
    time = read("time", locale.time_value, "bad_date")
    values["local_date"] = date and datetime.datetime.combine(
        date, time or datetime.time()
    )
    if date is None and not error:
        error.extend(("bad_date", f"{captions['date']}: "))
    for key in OPTIONS:
        values[key] = read(
            key, lambda value, key=key: option_value(key, value), "bad_value"
        )
    for key in BOOLEANS:
        values[key] = read(key, boolean_value, "bad_value")
    lang = LANGUAGE_CODES.get((text_value(raw.get("lang_code")) or "").upper())
    values["lang"] = lang if lang in langs else None
    values["error"], values["error_info"] = error or (None, None)
    return tuple(values[name] for name in ROW_COLUMNS)


def copy_rows(env, import_id, rows):
    """Write ``rows`` (tuples of ``ROW_COLUMNS``) to the import's rows with
    one ``COPY``: a million rows are written in seconds."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(
            [
                import_id,
                *(r"\N" if value is None else _copy_value(value) for value in row),
                "false",
            ]
        )
    buffer.seek(0)
    columns = ", ".join(("import_id", *ROW_COLUMNS, "done"))
    env.cr._obj.copy_expert(
        f"COPY crm_interaction_import_row ({columns}) FROM STDIN"
        r" WITH (FORMAT csv, NULL '\N')",
        buffer,
    )


def _copy_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    return value


def resolve(env, job):
    """Check every row of ``job`` not imported yet against the database and
    the mapping: its contact, its template, its entry number (not twice in
    the file, not imported before). One UPDATE, whatever the number of
    rows; the errors of reading the file stay as they are."""
    env.flush_all()
    if "contact_mapping_file" in job._files():
        contacts = SQL(
            """SELECT code, min(partner_id) AS partner_id, count(*) AS found
                 FROM crm_interaction_import_mapping
                WHERE import_id = %s AND kind = 'contact' AND partner_id IS NOT NULL
             GROUP BY code""",
            job.id,
        )
    else:
        field = SQL.identifier(job.contact_field)
        contacts = SQL(
            """SELECT %(field)s AS code, min(id) AS partner_id, count(*) AS found
                 FROM res_partner
                WHERE %(field)s IS NOT NULL
                  AND (company_id IS NULL OR company_id = %(company)s)
             GROUP BY %(field)s""",
            field=field,
            company=job.company_id.id,
        )
    env.cr.execute(
        SQL(
            """
            WITH checked AS (
                SELECT r.id, c.partner_id,
                       CASE
                         WHEN r.entry_no IS NULL THEN 'no_entry_no'
                         WHEN row_number() OVER (PARTITION BY r.entry_no
                                                 ORDER BY r.sequence) > 1
                           THEN 'duplicate'
                         WHEN e.imported_entry_no IS NOT NULL
                           THEN 'already_imported'
                         WHEN r.contact_no IS NULL THEN 'no_contact'
                         WHEN c.found IS NULL THEN 'unknown_contact'
                         WHEN c.found > 1 THEN 'ambiguous_contact'
                         WHEN r.template_code IS NULL THEN 'no_template'
                         WHEN m.id IS NULL THEN 'unknown_template'
                       END AS error
                  FROM crm_interaction_import_row r
             LEFT JOIN (%(contacts)s) c ON c.code = r.contact_no
             -- a join, not a subquery a row: the entries imported before,
             -- by the unique index of their company and number
             LEFT JOIN crm_interaction_log_entry e
                    ON e.company_id = %(company)s
                   AND e.imported_entry_no = r.entry_no
                   AND e.imported_entry_no IS NOT NULL
             LEFT JOIN crm_interaction_import_mapping m
                    ON m.import_id = r.import_id AND m.kind = 'template'
                   AND m.code = r.template_code
                   AND (m.template_id IS NOT NULL OR m.file_values IS NOT NULL)
                 WHERE r.import_id = %(job)s AND r.done IS NOT TRUE
                   AND (r.error IS NULL OR r.error IN %(resolve_errors)s)
            )
            UPDATE crm_interaction_import_row r
               SET partner_id = checked.partner_id,
                   error = checked.error,
                   error_info = CASE checked.error
                       WHEN 'unknown_contact' THEN r.contact_no
                       WHEN 'ambiguous_contact' THEN r.contact_no
                       WHEN 'unknown_template' THEN r.template_code
                       WHEN 'duplicate' THEN r.entry_no::varchar
                       WHEN 'already_imported' THEN r.entry_no::varchar
                   END
              FROM checked
             WHERE r.id = checked.id""",
            contacts=contacts,
            company=job.company_id.id,
            job=job.id,
            resolve_errors=tuple(key for key, _label in RESOLVE_ERRORS),
        )
    )
    env["crm.interaction.import.row"].invalidate_model()


def code_counts(env, job):
    """{kind: {code: rows}} of the codes the rows give, for the mapping."""
    counts = {}
    for kind, column in MAPPED_CODES.items():
        rows = env.execute_query(
            SQL(
                """SELECT %(column)s, count(*) FROM crm_interaction_import_row
                    WHERE import_id = %(job)s AND %(column)s IS NOT NULL
                 GROUP BY %(column)s""",
                column=SQL.identifier(column),
                job=job.id,
            )
        )
        counts[kind] = dict(rows)
    return counts


def import_batch(env, job, size):
    """Import the next ``size`` rows of ``job`` that have no error, as the
    log writes entries (``insert_entries``) by the user who runs the import;
    those rows are done. The number of rows done (0 when none is left) and
    of entries written (rows another import wrote meanwhile write none).

    The rows and their entries are written in one transaction: a batch that
    is killed leaves neither, and the next batch takes its rows again."""
    rows = env.execute_query(
        SQL(
            """SELECT id FROM crm_interaction_import_row
                WHERE import_id = %s AND error IS NULL AND done IS NOT TRUE
             ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED""",
            job.id,
            size,
        )
    )
    if not rows:
        return 0, 0
    row_ids = tuple(row[0] for row in rows)
    importer = env(user=job.create_uid.id)
    source = SQL(
        """
        SELECT r.id AS row_order, r.partner_id, tm.template_id,
               COALESCE(m_group.group_id, t.group_id) AS group_id,
               COALESCE(r.description, t.name->>'en_US') AS description,
               r.subject,
               (r.local_date AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC' AS date,
               r.information_flow, r.initiated_by,
               COALESCE(r.cost, 0) AS cost, COALESCE(r.duration, 0) AS duration,
               m_salesperson.user_id AS user_id,
               COALESCE(m_user.user_id, %(uid)s) AS logged_by_id,
               r.evaluation, r.attempt_failed, r.canceled, r.postponed,
               r.correspondence_type, r.contact_via, r.lang,
               m_campaign.campaign_id, r.campaign_target, r.campaign_response,
               m_opportunity.lead_id, r.document_no AS document_name,
               dt.id AS document_type_id,
               CASE WHEN dt.id IS NULL THEN r.document_type END
                   AS imported_document_type,
               r.document_occurrence, r.delivery_status,
               'import' AS channel, r.entry_no AS imported_entry_no,
               %(company)s AS company_id
          FROM crm_interaction_import_row r
          JOIN crm_interaction_import_mapping tm
            ON tm.import_id = r.import_id AND tm.kind = 'template'
           AND tm.code = r.template_code
          JOIN crm_interaction_template t ON t.id = tm.template_id
     %(mappings)s
     LEFT JOIN (VALUES %(document_types)s) AS nav(caption, code)
            ON nav.caption = r.document_type
     LEFT JOIN crm_interaction_document_type dt ON dt.code = nav.code
     LEFT JOIN crm_interaction_log_entry e
            ON e.company_id = %(company)s AND e.imported_entry_no = r.entry_no
           AND e.imported_entry_no IS NOT NULL
         WHERE r.id IN %(rows)s AND e.id IS NULL""",
        tz=job.tz or "UTC",
        uid=job.create_uid.id,
        company=job.company_id.id,
        document_types=SQL(", ").join(
            SQL("(%s, %s)", caption, code) for caption, code in DOCUMENT_TYPES.items()
        ),
        rows=row_ids,
        # the mapping of each code of the row but its template's: m_<kind>
        mappings=SQL("\n").join(
            SQL(
                """LEFT JOIN crm_interaction_import_mapping %(m)s
                          ON %(m)s.import_id = r.import_id AND %(m)s.kind = %(kind)s
                         AND %(m)s.code = %(code)s""",
                m=SQL.identifier(f"m_{kind}"),
                kind=kind,
                code=SQL.identifier("r", column),
            )
            for kind, column in MAPPED_CODES.items()
            if kind != "template"
        ),
    )
    given = [
        "partner_id",
        "template_id",
        "group_id",
        "description",
        "subject",
        "date",
        "information_flow",
        "initiated_by",
        "cost",
        "duration",
        "user_id",
        "logged_by_id",
        "evaluation",
        "attempt_failed",
        "canceled",
        "postponed",
        "correspondence_type",
        "contact_via",
        "lang",
        "campaign_id",
        "campaign_target",
        "campaign_response",
        "lead_id",
        "document_name",
        "document_type_id",
        "imported_document_type",
        "document_occurrence",
        "delivery_status",
        "channel",
        "imported_entry_no",
        "company_id",
    ]
    entry_ids = insert_entries(importer, source, given)
    env.cr.execute(
        SQL("UPDATE crm_interaction_import_row SET done = true WHERE id IN %s", row_ids)
    )
    return len(row_ids), len(entry_ids)


def setup_values(raw, locale):
    """The values of a template or group of the templates' or groups' file
    (``raw``: {column key: cell}), as the mapping keeps them."""
    values = {
        "name": text_value(raw.get("description")),
        "group_code": text_value(raw.get("group_code")),
        "unit_cost": locale.decimal_value(raw.get("unit_cost")) or 0.0,
        "unit_duration": locale.decimal_value(raw.get("unit_duration")) or 0.0,
        "lang": LANGUAGE_CODES.get((text_value(raw.get("lang_code")) or "").upper()),
    }
    for option in ("information_flow", "initiated_by", "correspondence_type"):
        values[option] = option_value(option, raw.get(option))
    for flag in (
        "campaign_target",
        "campaign_response",
        "ignore_contact_correspondence_type",
    ):
        values[flag] = boolean_value(raw.get(flag))
    return values

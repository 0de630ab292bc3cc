# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from markupsafe import Markup
from psycopg2.extras import execute_values

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import create_index, drop_index

from .crm_interaction_template import (
    CORRESPONDENCE_TYPE,
    INFORMATION_FLOW,
    INITIATED_BY,
    _lang_get,
)
from .crm_logged_segment import SEND_PENDING_WHERE
from .input_check import check_non_negative, check_values, label
from .switches import (
    AUDIT_FIELDS,
    UNLINK_POSTPONED,
    audit_fields_writable,
    is_switched,
    switched,
)

EVALUATION = [
    ("very_positive", "Very Positive"),
    ("positive", "Positive"),
    ("neutral", "Neutral"),
    ("negative", "Negative"),
    ("very_negative", "Very Negative"),
]
DELIVERY_STATUS = [
    ("in_progress", "In Progress"),
    ("sent", "Sent"),
    ("error", "Error"),
    ("canceled", "Canceled"),
    ("deleted", "Deleted"),
    ("not_sent", "Not Sent"),
    ("opened", "Opened"),
    ("replied", "Replied"),
    ("bounced", "Bounced"),
]
# Where an entry came from: the timeline shows an icon for each, and filters
# on them. Set when the entry is created, never changed.
CHANNELS = [
    ("manual", "Manual"),
    ("document", "Document"),
    ("email", "E-mail"),
    ("segment", "Segment"),
    ("activity", "Activity"),
    ("meeting", "Meeting"),
    ("sms", "SMS"),
    ("mailing", "Mass Mailing"),
]
# The fields that record what happened: which document was printed or sent,
# how many times, by whom, whether it was canceled, postponed or delivered,
# which segment logged it. Users change none of them through ``create`` or
# ``write``; the module's own methods set them (``switches.AUDIT_FIELDS``).
AUDIT_FIELD_NAMES = (
    "name",
    "commercial_partner_id",
    "logged_by_id",
    "canceled",
    "postponed",
    "delivery_status",
    "delivery_info",
    "res_model",
    "res_id",
    "document_name",
    "document_occurrence",
    "segment_id",
    "logged_segment_id",
    "mail_message_id",
    "canceled_with_segment",
    "campaign_target",
    "campaign_response",
    "channel",
    "sms_uuid",
)
# What users change on a logged (not postponed) entry, through its actions
# (evaluate, comments, create opportunity): everything else stays as it was
# logged. A postponed entry is finished later, so stays open.
LOGGED_WRITABLE_FIELDS = ("evaluation", "comment_ids", "lead_id")
# indexes of an earlier version of this module, replaced in init
OLD_STATISTICS_INDEXES = (
    "crm_interaction_log_entry_partner_stat_idx",
    "crm_interaction_log_entry_company_stat_idx",
)
# single-column indexes of an earlier version that the (column, date)
# indexes of init serve as well
OLD_COLUMN_INDEXES = (
    "crm_interaction_log_entry__template_id_index",
    "crm_interaction_log_entry__user_id_index",
)

# Fields copied from the template onto a new entry when not given.
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


class CrmInteractionLogEntry(models.Model):
    """One interaction with a contact: a letter, a call, a printed invoice ...

    The table grows for years (every print and every logged segment adds rows),
    so its indexes are chosen for what reads it (see ``init``), and the
    statistics are grouped queries, never loops over records.
    """

    _name = "crm.interaction.log.entry"
    _description = "Interaction Log Entry"
    _interaction_non_negative = ("cost", "duration")
    _order = "date desc, id desc"
    _rec_name = "name"
    _check_company_auto = True

    name = fields.Char(
        string="Entry No.", required=True, readonly=True, copy=False, default="/"
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Contact",
        required=True,
        ondelete="restrict",
        index=True,
    )
    commercial_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Contact Company",
        readonly=True,
        copy=False,
        ondelete="restrict",
        index=True,
    )
    date = fields.Datetime(
        string="Date and Time", required=True, default=fields.Datetime.now, index=True
    )
    description = fields.Char(required=True)
    subject = fields.Char()
    template_id = fields.Many2one(
        comodel_name="crm.interaction.template",
        string="Interaction Template",
        required=True,
        ondelete="restrict",
        # no index of its own: crm_interaction_log_entry_template_date_idx
        # (see init) starts with it, and every index makes each update of an
        # entry (a deleted activity's or e-mail's link set to NULL) slower
        check_company=True,
    )
    group_id = fields.Many2one(
        comodel_name="crm.interaction.group",
        string="Interaction Group",
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    information_flow = fields.Selection(selection=INFORMATION_FLOW)
    initiated_by = fields.Selection(selection=INITIATED_BY)
    cost = fields.Float(digits=(16, 2))
    duration = fields.Float(string="Duration (Min.)")
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        # no index of its own: crm_interaction_log_entry_user_date_idx starts
        # with it
        default=lambda self: self.env.user,
    )
    logged_by_id = fields.Many2one(
        comodel_name="res.users",
        readonly=True,
        copy=False,
        default=lambda self: self.env.user,
    )
    evaluation = fields.Selection(selection=EVALUATION)
    attempt_failed = fields.Boolean()
    canceled = fields.Boolean(readonly=True, copy=False)
    # restoring its logged segment restores it; one canceled on its own stays
    canceled_with_segment = fields.Boolean(readonly=True, copy=False)
    postponed = fields.Boolean(readonly=True, copy=False)
    correspondence_type = fields.Selection(selection=CORRESPONDENCE_TYPE)
    channel = fields.Selection(
        selection=CHANNELS,
        required=True,
        default="manual",
        readonly=True,
        copy=False,
        help="Where the interaction was recorded: by hand, a printed or sent "
        "document, an e-mail, a segment, an activity done, a meeting, an SMS or "
        "a mass mailing.",
    )
    delivery_status = fields.Selection(
        selection=DELIVERY_STATUS, readonly=True, copy=False
    )
    delivery_info = fields.Char(
        string="Delivery Details",
        readonly=True,
        copy=False,
        help="Why the e-mail was not sent, or the error of its delivery.",
    )
    contact_via = fields.Char(help="The phone number or e-mail address used.")
    lang = fields.Selection(selection=_lang_get, string="Interaction Language")
    # Deleting a campaign, an opportunity, an attachment, an e-mail or a
    # segment sets its entries' column to NULL: PostgreSQL looks the entries up
    # by that column, which without an index is a scan of the whole table. Most
    # entries have none of them, so the indexes leave the NULLs out.
    campaign_id = fields.Many2one(comodel_name="utm.campaign", index="btree_not_null")
    # from the template, for an entry of a campaign only, when the entry is
    # created or its template or campaign change (a postponed interaction
    # resumed with another one); never when the template's marks change
    campaign_target = fields.Boolean(
        readonly=True,
        copy=False,
        help="The contact was in the campaign's target group.",
    )
    campaign_response = fields.Boolean(
        readonly=True,
        copy=False,
        help="The contact responded on the campaign.",
    )
    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Opportunity",
        ondelete="set null",
        index="btree_not_null",
    )
    # the task's link is kept on the task (mail.activity.interaction_entry_id)
    activity_id = fields.Many2one(
        comodel_name="mail.activity", string="Task", compute="_compute_activity_id"
    )
    res_model = fields.Char(string="Document Model", readonly=True, copy=False)
    res_id = fields.Integer(string="Document ID", readonly=True, copy=False)
    document_name = fields.Char(string="Document No.", readonly=True, copy=False)
    document_occurrence = fields.Integer(
        string="Doc. No. Occurrence", readonly=True, copy=False
    )
    # deleting any attachment looks up the entries that use it
    attachment_id = fields.Many2one(
        comodel_name="ir.attachment", ondelete="set null", index="btree_not_null"
    )
    comment_ids = fields.One2many(
        comodel_name="crm.interaction.log.comment",
        inverse_name="entry_id",
        string="Comments",
    )
    company_id = fields.Many2one(
        comodel_name="res.company", index=True, default=lambda self: self.env.company
    )
    segment_id = fields.Many2one(
        comodel_name="crm.segment",
        readonly=True,
        copy=False,
        ondelete="set null",
        index="btree_not_null",
    )
    logged_segment_id = fields.Many2one(
        comodel_name="crm.logged.segment",
        readonly=True,
        copy=False,
        ondelete="set null",
        index="btree_not_null",
    )
    # also how a sent e-mail's delivery status finds its entries
    mail_message_id = fields.Many2one(
        comodel_name="mail.message",
        string="E-mail",
        readonly=True,
        copy=False,
        ondelete="set null",
        index="btree_not_null",
        help="The e-mail that sent the attachment, whose delivery the entry follows.",
    )
    # how the delivery reports of an SMS, which Odoo deletes once sent, find
    # its entry; most entries are not SMS
    sms_uuid = fields.Char(
        string="SMS UUID",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The SMS that recorded the entry, whose delivery the entry follows.",
    )

    _sql_constraints = [
        ("cost_positive", "CHECK(cost >= 0)", "The cost cannot be negative."),
        (
            "duration_positive",
            "CHECK(duration >= 0)",
            "The duration cannot be negative.",
        ),
    ]

    def init(self):
        cr = self.env.cr
        # the segment e-mails the scheduled job has still to create: few
        # rows, read a batch at a time
        create_index(
            cr,
            "crm_interaction_log_entry_send_pending_idx",
            self._table,
            ["id"],
            where=SEND_PENDING_WHERE,
        )
        # indexes of an earlier version of this module, replaced below
        cr.execute(
            SQL(
                "SELECT indexname FROM pg_indexes WHERE indexname IN %s"
                " AND indexdef NOT LIKE %s",
                OLD_STATISTICS_INDEXES,
                "%company_id)%",
            )
        )
        for (name,) in cr.fetchall():
            drop_index(cr, name, self._table)
        for name in OLD_COLUMN_INDEXES:
            drop_index(cr, name, self._table)
        # The contact's and the company's statistics and "Interaction Log
        # Entries" lists read these rows: counted entries only, by contact,
        # newest first; what the statistics sum and the company record rule
        # reads are included, so that they are index-only scans.
        cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_interaction_log_entry_partner_stat_idx
            ON crm_interaction_log_entry (partner_id, date DESC)
            INCLUDE (cost, duration, initiated_by, attempt_failed, company_id)
            WHERE canceled IS NOT TRUE AND postponed IS NOT TRUE""")
        cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_interaction_log_entry_company_stat_idx
            ON crm_interaction_log_entry (commercial_partner_id, date DESC)
            INCLUDE (cost, duration, initiated_by, attempt_failed, company_id)
            WHERE canceled IS NOT TRUE AND postponed IS NOT TRUE""")
        # Lists filtered by template or salesperson, newest first.
        cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_interaction_log_entry_template_date_idx
            ON crm_interaction_log_entry (template_id, date DESC)""")
        cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_interaction_log_entry_user_date_idx
            ON crm_interaction_log_entry (user_id, date DESC)""")
        # Re-prints count their occurrence per document.
        cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_interaction_log_entry_document_idx
            ON crm_interaction_log_entry (res_model, res_id)
            WHERE res_model IS NOT NULL""")
        # A document's prints and sends are numbered 1, 2, 3 ...: a number is
        # never given twice, even to two prints at the same moment.
        cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS crm_interaction_log_entry_occurrence_uniq
            ON crm_interaction_log_entry (res_model, res_id, document_occurrence)
            WHERE res_model IS NOT NULL AND document_occurrence IS NOT NULL""")
        # "Delete Canceled Interaction Log Entries" and the "Postponed" list
        # read a small part of the table.
        cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_interaction_log_entry_canceled_idx
            ON crm_interaction_log_entry (id) WHERE canceled IS TRUE""")
        cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_interaction_log_entry_postponed_idx
            ON crm_interaction_log_entry (partner_id) WHERE postponed IS TRUE""")

    def _compute_activity_id(self):
        activities = self.env["mail.activity"].search(
            [("interaction_entry_id", "in", self._origin.ids)]
        )
        by_entry = {task.interaction_entry_id.id: task for task in activities}
        for entry in self:
            entry.activity_id = by_entry.get(entry._origin.id, False)

    @api.model
    def _campaign_flags(self, template, campaign):
        """The template's campaign marks for an entry of ``campaign``: none
        for an entry without a campaign."""
        return {flag: bool(campaign and template[flag]) for flag in CAMPAIGN_FLAGS}

    # ------------------------------------------------------------------
    # constraints
    # ------------------------------------------------------------------
    @api.constrains("cost", "duration")
    def _check_cost_duration(self):
        for entry in self:
            if entry.cost < 0 or entry.duration < 0:
                raise ValidationError(
                    self.env._(
                        "The cost and duration of an interaction cannot be negative."
                    )
                )

    @api.constrains("template_id", "company_id")
    def _check_template_company(self):
        for entry in self:
            self._check_template_company_values(
                {"template_id": entry.template_id.id, "company_id": entry.company_id.id}
            )

    @api.model
    def _check_template_company_values(self, vals):
        template = self.env["crm.interaction.template"].browse(vals.get("template_id"))
        if (
            template.company_id
            and vals.get("company_id")
            and template.company_id.id != vals["company_id"]
        ):
            raise ValidationError(
                self.env._(
                    "The interaction template %s belongs to another company.",
                    template.display_name,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _prepare_values(self, vals, number=True, existing_templates=None):
        """Complete creation values: template defaults, contact company,
        subject and entry number. Works on a plain dict, so that batches can
        prepare many values without one query per entry for the sequence
        (nor for the template: a batch gives the ids of the templates that
        exist, ``existing_templates``)."""
        vals = dict(vals)
        template = self.env["crm.interaction.template"].browse(vals.get("template_id"))
        if existing_templates is None:
            template = template.exists()
        elif template.id not in existing_templates:
            template = template.browse()
        if template:
            for field, tmpl_field in TEMPLATE_DEFAULTS.items():
                if field not in vals:
                    value = template[tmpl_field]
                    vals[field] = (
                        value.id if isinstance(value, models.BaseModel) else value
                    )
            if "company_id" not in vals and template.company_id:
                vals["company_id"] = template.company_id.id
            vals.update(self._campaign_flags(template, vals["campaign_id"]))
        if vals.get("partner_id") and "commercial_partner_id" not in vals:
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["commercial_partner_id"] = partner.commercial_partner_id.id
        if not vals.get("subject") and vals.get("description"):
            vals["subject"] = vals["description"]
        if number and vals.get("name", "/") == "/":
            vals["name"] = (
                self.env["ir.sequence"].next_by_code("crm.interaction.log.entry") or "/"
            )
        vals.setdefault("name", "/")
        vals.setdefault("channel", "manual")
        return vals

    @api.model
    def _audit_field_names(self):
        """The fields that record what happened (``AUDIT_FIELD_NAMES``); a
        module that records more of it adds its fields here."""
        return AUDIT_FIELD_NAMES

    @api.model
    def _check_audit_fields(self, vals, create=False):
        """Refuse values of the fields that record what happened, unless the
        module's own code writes them. A new entry may leave them at their
        defaults: empty, and logged by the user who creates it."""
        if audit_fields_writable(self.env):
            return
        forged = [
            name
            for name in self._audit_field_names()
            if name in vals
            and not (
                create
                and (
                    vals[name] in (False, None, 0, "")
                    or (name == "name" and vals[name] == "/")
                    or (name == "logged_by_id" and vals[name] == self.env.uid)
                    or (name == "channel" and vals[name] == "manual")
                )
            )
        ]
        if forged:
            names = [label(self, self._fields[name]) for name in forged]
            raise AccessError(
                self.env._(
                    "%(fields)s of an interaction log entry record what happened: "
                    "only the interaction log itself sets them.",
                    fields=", ".join(names),
                )
            )

    def _check_logged_fields(self, vals):
        """A logged entry stays as it was logged: users change only what its
        actions change (``LOGGED_WRITABLE_FIELDS``), unless the module's own
        code writes. A postponed entry stays open until it is finished."""
        if audit_fields_writable(self.env):
            return
        locked = [name for name in vals if name not in LOGGED_WRITABLE_FIELDS]
        if not locked:
            return
        logged = self.filtered(lambda entry: not entry.postponed)
        if logged:
            names = [
                label(self, self._fields[name]) if name in self._fields else name
                for name in locked
            ]
            raise UserError(
                self.env._(
                    "%(fields)s of interaction %(entries)s cannot be changed: a "
                    "logged interaction stays as it was logged. Cancel it and "
                    "create a new interaction instead; evaluation, comments, "
                    "tasks and opportunities go through its actions.",
                    fields=", ".join(names),
                    entries=", ".join(logged.mapped("name")[:10]),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        prepared = []
        for vals in vals_list:
            check_values(self, vals)
            self._check_audit_fields(vals, create=True)
            vals = self._prepare_values(vals)
            check_values(self, vals, create=True)
            prepared.append(vals)
        with switched(AUDIT_FIELDS):
            return super().create(prepared)

    def write(self, vals):
        check_values(self, vals)
        self._check_audit_fields(vals)
        self._check_logged_fields(vals)
        if "partner_id" in vals:
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals = dict(vals, commercial_partner_id=partner.commercial_partner_id.id)
        with switched(AUDIT_FIELDS):
            res = super().write(vals)
            if "template_id" in vals or "campaign_id" in vals:
                for entry in self:
                    flags = self._campaign_flags(entry.template_id, entry.campaign_id)
                    if any(entry[name] != value for name, value in flags.items()):
                        super(CrmInteractionLogEntry, entry).write(flags)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_canceled(self):
        if is_switched(UNLINK_POSTPONED):
            return
        active = self.filtered(lambda e: not e.canceled and not e.postponed)
        if active:
            raise UserError(
                self.env._(
                    "Only canceled interaction log entries can be deleted. "
                    "Cancel %s first.",
                    ", ".join(active.mapped("name")[:10]),
                )
            )

    def unlink(self):
        attachments = self.attachment_id
        res = super().unlink()
        attachments._unlink_if_unused()
        return res

    @api.model
    def _delete_canceled(self, domain):
        """Delete the canceled entries matching ``domain`` in one statement,
        as the ORM's unlink would: only with the right to delete, only the
        records the user's rules allow; their comments go with them (ON DELETE
        CASCADE) and their attachments when nothing else uses them. Returns
        how many were deleted. Used for clean-ups of 100,000 entries, where
        loading them into the ORM would cost far more than the delete."""
        self.browse().check_access("unlink")
        query = self._where_calc(list(domain) + [("canceled", "=", True)])
        self._apply_ir_rules(query, "unlink")
        # the rows as the ORM knows them, pending writes included
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                "DELETE FROM crm_interaction_log_entry WHERE id IN %s"
                " RETURNING attachment_id",
                query.subselect(),
            )
        )
        # the deleted entries, their comments and every list that showed them
        self.env.invalidate_all(flush=False)
        attachment_ids = {row[0] for row in rows if row[0]}
        if attachment_ids:
            self.env["ir.attachment"].browse(attachment_ids)._unlink_if_unused()
        return len(rows)

    # ------------------------------------------------------------------
    # statistics
    # ------------------------------------------------------------------
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

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        """Counts, costs and durations by period, company, canceled and
        postponed (a pivot by month) are read from the summary by period
        (``crm.interaction.period.statistics``) when the question and the
        user's record rules allow it; from the entries otherwise, or with
        ``crm_interaction_read_entries`` in the context."""
        if not self.env.context.get("crm_interaction_read_entries"):
            rows = self.env["crm.interaction.period.statistics"]._read_entries_group(
                self, domain, groupby, aggregates, having, offset, limit, order
            )
            if rows is not None:
                return rows
        return super()._read_group(
            domain,
            groupby=groupby,
            aggregates=aggregates,
            having=having,
            offset=offset,
            limit=limit,
            order=order,
        )

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    @api.model
    def _action_view(self, domain, context=None):
        """The "Interaction Log Entries" action, on the entries of ``domain``."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interaction_log.crm_interaction_log_entry_action"
        )
        action["domain"] = domain
        action["context"] = dict(context or {}, prefetch_fields=False)
        return action

    def action_toggle_canceled(self):
        """Switch the canceled mark. One entry switches at once; several all
        take the opposite of the first selected one's mark (in the order the
        client gives them), after a confirmation saying how many change."""
        canceled = not self[:1].canceled
        if len(self) <= 1:
            self._set_canceled(canceled)
            return True
        self.check_access("write")
        self._check_can_set_canceled(canceled)
        return (
            self.env["crm.interaction.switch.canceled.wizard"]
            .create({"entry_ids": [Command.set(self.ids)], "canceled": canceled})
            ._open()
        )

    def _set_canceled(self, canceled):
        """Cancel (``canceled``) or restore the entries."""
        self._check_can_set_canceled(canceled)
        with switched(AUDIT_FIELDS):
            self.filtered(lambda entry: entry.canceled != canceled).write(
                {"canceled": canceled}
            )
        if not canceled:
            # a restored entry whose segment e-mail was stopped gets it now
            self.logged_segment_id._trigger_send()

    def _check_can_set_canceled(self, canceled):
        if any(self.mapped("postponed")):
            raise UserError(
                self.env._(
                    "A postponed interaction cannot be canceled; "
                    "delete it or resume it."
                )
            )
        if not canceled:
            self.filtered("canceled")._check_can_uncancel()

    def _check_can_uncancel(self):
        """An entry of a canceled logged segment stays canceled: restoring the
        logged segment restores it."""
        entry = self.sudo().filtered(lambda e: e.logged_segment_id.canceled)[:1]
        if entry:
            raise UserError(
                self.env._(
                    "Interaction %(entry)s belongs to the canceled logged segment "
                    "%(segment)s: it cannot be restored on its own; restore the "
                    "logged segment.",
                    entry=entry.name,
                    segment=entry.logged_segment_id.name,
                )
            )

    def action_evaluate(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Evaluate Interactions"),
            "res_model": "crm.interaction.evaluate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_create_task(self):
        """A to-do (mail.activity) on the contact, linked to the entry."""
        self.ensure_one()
        if self.canceled:
            raise UserError(
                self.env._("You cannot create a task for a canceled interaction.")
            )
        # Whoever may change the entry may plan its follow-up on the contact;
        # Odoo asks for the right to change the contact itself to add an
        # activity to it, which a salesperson does not need to have.
        self.check_access("write")
        activity_type = self.env.ref(
            "mail.mail_activity_data_todo", raise_if_not_found=False
        )
        activity = (
            self.env["mail.activity"]
            .sudo()
            .create(
                {
                    "res_id": self.partner_id.id,
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "activity_type_id": activity_type.id if activity_type else False,
                    "summary": self.description,
                    "note": self.subject,
                    "user_id": (self.user_id or self.env.user).id,
                    "interaction_entry_id": self.id,
                }
            )
        )
        self.invalidate_recordset(["activity_id"])
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.activity",
            "res_id": activity.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def _prepare_lead_values(self):
        self.ensure_one()
        return {
            "name": self.description,
            "type": "opportunity",
            "partner_id": self.partner_id.id,
            "user_id": self.user_id.id,
            "campaign_id": self.campaign_id.id,
            "company_id": self.company_id.id,
            "description": self.subject,
        }

    def action_create_opportunity(self):
        """Create an opportunity for the entry; refused when the entry is
        canceled or already has one."""
        self.ensure_one()
        if self.canceled:
            raise UserError(
                self.env._(
                    "You cannot create an opportunity for a canceled interaction."
                )
            )
        if self.lead_id:
            raise UserError(
                self.env._("Interaction %s already has an opportunity.", self.name)
            )
        self.lead_id = self.env["crm.lead"].create(self._prepare_lead_values())
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.lead_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_open_attachment(self):
        self.ensure_one()
        if not self.attachment_id:
            raise UserError(self.env._("Interaction %s has no attachment.", self.name))
        return self.attachment_id._interaction_open_action(download=True)

    def action_open_document(self):
        self.ensure_one()
        if not self.res_model or not self.res_id:
            raise UserError(
                self.env._("Interaction %s has no source document.", self.name)
            )
        if (
            self.res_model not in self.env
            or not self.env[self.res_model].browse(self.res_id).exists()
        ):
            raise UserError(
                self.env._(
                    "The source document %s no longer exists.", self.document_name or ""
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_create_interaction(self):
        """Create Interaction on the entries' contacts, with the template of
        the first entry."""
        return self.partner_id.action_create_interaction(template=self[:1].template_id)

    def action_resend(self):
        """Send the entry's attachment again by e-mail, to its contact or
        another one; the e-mail logs a new entry, this one stays as it is."""
        self.ensure_one()
        if not self.attachment_id:
            raise UserError(
                self.env._(
                    "Interaction %(entry)s has no attachment to send again.",
                    entry=self.name,
                )
            )
        if self.postponed:
            raise UserError(
                self.env._("A postponed interaction is resumed, not resent.")
            )
        Wizard = self.env["crm.interaction.create.wizard"]
        values = Wizard._values_from_entry(self)
        del values["entry_id"]
        values.update(
            resend_entry_id=self.id,
            correspondence_type="email",
            contact_via=self.partner_id.email,
            successful=True,
            evaluation=False,
        )
        return Wizard.create(values)._reopen()

    def action_resume(self):
        """Reopen the Create Interaction wizard on a postponed entry."""
        self.ensure_one()
        if not self.postponed:
            raise UserError(self.env._("Only postponed interactions can be resumed."))
        Wizard = self.env["crm.interaction.create.wizard"]
        wizard = Wizard.create(Wizard._values_from_entry(self))
        return wizard._reopen()

    def action_delete_postponed(self):
        postponed = self.filtered("postponed")
        if postponed != self:
            raise UserError(
                self.env._("Only postponed interactions can be deleted here.")
            )
        # who may finish a postponed interaction may also drop it
        postponed.check_access("write")
        with switched(UNLINK_POSTPONED):
            postponed.sudo().unlink()
        return True

    # ------------------------------------------------------------------
    # batches
    # ------------------------------------------------------------------
    def _number_sql(self):
        """SQL that numbers an entry from the entry sequence inside a
        statement (``nextval`` of its PostgreSQL sequence); None when the
        sequence is not one PostgreSQL numbers alone (no gaps allowed, or a
        sequence per date range)."""
        sequence = (
            self.env["ir.sequence"].sudo().search([("code", "=", self._name)], limit=1)
        )
        if sequence.implementation != "standard" or sequence.use_date_range:
            return None
        prefix, suffix = sequence._get_prefix_suffix()
        return SQL(
            # format() pads to the width and, unlike lpad(), never cuts a
            # number longer than it (entry 123456789 of a padding of 8)
            "%s || replace(format(%s, %s, nextval(%s)), ' ', '0') || %s",
            prefix or "",
            "%*s",
            sequence.padding,
            f"ir_sequence_{sequence.id:03d}",
            suffix or "",
        )

    @api.model
    def _bulk_create(self, vals_list):
        """Create many entries with one INSERT, numbered by one UPDATE.

        Recording a print of 50 invoices must not cost 50 ORM creates. What
        the ORM would do is done here too: access rights, template defaults
        (``_prepare_values``), constraints and record rules are checked and
        the cache is reset. Values are plain column values (no x2many)."""
        if not vals_list:
            return self.browse()
        self.browse().check_access("create")
        number_sql = self._number_sql()
        # which templates exist, asked once for the batch
        existing = set(
            self.env["crm.interaction.template"]
            .browse(
                {vals["template_id"] for vals in vals_list if vals.get("template_id")}
            )
            .exists()
            .ids
        )
        rows = [
            self._prepare_values(
                vals, number=number_sql is None, existing_templates=existing
            )
            for vals in vals_list
        ]
        for vals in rows:  # the constraints, on the values rather than re-read rows
            check_non_negative(self, vals)
            self._check_template_company_values(vals)
        columns = sorted(set().union(*rows))
        now = fields.Datetime.now()
        values = []
        for vals in rows:
            row = []
            for name in columns:
                value = vals.get(name)
                if value is False and self._fields[name].type != "boolean":
                    value = None
                row.append(value)
            values.append(tuple(row) + (self.env.uid, now, self.env.uid, now))
        quoted = ", ".join(f'"{c}"' for c in columns)
        # on the driver's cursor: a conflict of two prints of the same document
        # is handled by the caller, not logged as a bad query
        ids = [
            r[0]
            for r in execute_values(
                self.env.cr._obj,
                f"INSERT INTO crm_interaction_log_entry ({quoted}, create_uid, "
                "create_date, write_uid, write_date) VALUES %s RETURNING id",
                values,
                fetch=True,
            )
        ]
        if number_sql is not None:
            self.env.cr.execute(
                SQL(
                    "UPDATE crm_interaction_log_entry SET name = %s WHERE id IN %s",
                    number_sql,
                    tuple(ids),
                )
            )
        # lists of entries and statistics the cache holds do not have them yet
        self.env.invalidate_all()
        records = self.browse(ids)
        records.check_access("create")
        return records

    @api.model
    def _create_from_segment(self, segment, logged, send_attachments=False):
        """One entry per segment line, written by a single INSERT ... SELECT.

        A segment of 10,000 contacts is one statement rather than 10,000 ORM
        creates. What the ORM would do is done here too: the access rights
        and record rules are checked, the entry numbers come from the entry
        sequence, contact company and group are filled, the cache is reset.
        """
        self.browse().check_access("create")
        # the statement reads the lines, their contacts and templates as stored
        self.env["crm.segment.line"].flush_model()
        self.env["res.partner"].flush_model(
            ["commercial_partner_id", "email", "phone", "mobile"]
        )
        self.env["crm.interaction.template"].flush_model(["group_id", *CAMPAIGN_FLAGS])
        number = self._number_sql()
        rows = self.env.execute_query(
            SQL(
                """
            INSERT INTO crm_interaction_log_entry
                (name, partner_id, commercial_partner_id, date, description, subject,
                 template_id, group_id, information_flow, initiated_by, cost, duration,
                 user_id, logged_by_id, attempt_failed, canceled, postponed,
                 correspondence_type, channel, delivery_status, contact_via, lang,
                 campaign_id, campaign_target, campaign_response,
                 segment_id, logged_segment_id, company_id,
                 create_uid, create_date, write_uid, write_date)
            SELECT %(number)s, l.partner_id, p.commercial_partner_id,
                   COALESCE(l.date, %(today)s)::timestamp
                       + (now() at time zone 'UTC')::time(0),
                   COALESCE(l.description, %(description)s),
                   COALESCE(l.subject, l.description, %(description)s),
                   l.template_id, t.group_id, l.information_flow, l.initiated_by,
                   COALESCE(l.unit_cost, 0), COALESCE(l.unit_duration, 0),
                   %(user)s, %(uid)s, false, false, false,
                   l.correspondence_type, 'segment',
                   CASE WHEN %(send)s AND l.correspondence_type = 'email'
                        THEN 'in_progress' END,
                   CASE WHEN l.correspondence_type = 'email' THEN p.email
                        ELSE COALESCE(p.phone, p.mobile) END,
                   l.lang, %(campaign)s,
                   t.campaign_target IS TRUE AND %(campaign)s IS NOT NULL,
                   t.campaign_response IS TRUE AND %(campaign)s IS NOT NULL,
                   %(segment)s, %(logged)s, %(company)s,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM crm_segment_line l
              JOIN res_partner p ON p.id = l.partner_id
              JOIN crm_interaction_template t ON t.id = l.template_id
             WHERE l.segment_id = %(segment)s
             ORDER BY l.id
            RETURNING id""",
                number=number if number is not None else SQL("'/'"),
                today=fields.Date.context_today(self),
                description=segment.description,
                user=segment.user_id.id or self.env.uid,
                uid=self.env.uid,
                send=bool(send_attachments),
                campaign=segment.campaign_id.id or None,
                segment=segment.id,
                logged=logged.id,
                company=logged.company_id.id or None,
            )
        )
        # lists of entries and statistics the cache holds do not have them yet
        self.env.invalidate_all()
        entries = self.browse([row[0] for row in rows])
        if number is None:
            with switched(AUDIT_FIELDS):
                for entry in entries:
                    entry.name = self.env["ir.sequence"].next_by_code(self._name)
        entries.check_access("create")
        return entries

    def _send_segment_attachments(self):
        """E-mail the template's attachment, in the contact's language, to the
        contacts of these entries of logged segments, through Odoo's mail
        queue: one e-mail each, created and linked to its entry in this
        transaction. The entries follow their mail: in progress until sent,
        error if it fails. Contacts who opted out of e-mail (blacklisted) or
        are archived get none: their entries say why."""
        entries = self.sudo()
        Attachment = self.env["ir.attachment"].sudo()
        attachments = {}
        copies = {}
        not_sent = {}
        to_send = []
        for entry in entries:
            partner = entry.partner_id.with_context(active_test=False)
            if not partner.active:
                info = self.env._("Not sent: the contact is archived.")
                not_sent.setdefault(info, []).append(entry.id)
                continue
            if partner.is_blacklisted:
                info = self.env._("Not sent: the contact has opted out of e-mail.")
                not_sent.setdefault(info, []).append(entry.id)
                continue
            key = (entry.template_id.id, entry.lang)
            if key not in attachments:
                attachment = entry.template_id._get_language(entry.lang).attachment_id
                attachments[key] = attachment
                # its content read once for all the copies
                copies[key] = attachment.copy_data()[0] if attachment else None
            to_send.append((entry, partner, key))
        # a copy filed on each contact: the template keeps its own
        copy_list = [
            (entry, dict(copies[key], res_model="res.partner", res_id=partner.id))
            for entry, partner, key in to_send
            if copies[key]
        ]
        copied = dict(
            zip(
                [entry.id for entry, _vals in copy_list],
                Attachment.create([vals for _entry, vals in copy_list]).ids,
                strict=True,
            )
        )
        mail_values = []
        for entry, partner, _key in to_send:
            logged = entry.logged_segment_id
            author = logged.user_id or self.env.user
            mail_values.append(
                {
                    "subject": entry.subject or entry.description,
                    # the description is text: escaped into the HTML body
                    "body_html": Markup("<p>%s</p>") % (entry.description or ""),
                    "author_id": author.partner_id.id,
                    "email_from": author.email_formatted
                    or (logged.company_id or entry.company_id).email_formatted
                    or self.env.company.email_formatted,
                    "recipient_ids": [Command.link(partner.id)],
                    "model": "res.partner",
                    "res_id": partner.id,
                    "attachment_ids": [Command.link(copied[entry.id])]
                    if entry.id in copied
                    else [],
                    "auto_delete": False,
                }
            )
        mails = self.env["mail.mail"].sudo().create(mail_values)
        if to_send:
            self.env.execute_query(
                SQL(
                    """UPDATE crm_interaction_log_entry e
                          SET mail_message_id = v.message_id,
                              attachment_id = v.attachment_id,
                              write_uid = %s, write_date = now() at time zone 'UTC'
                         FROM unnest(%s::int[], %s::int[], %s::int[])
                              AS v(id, message_id, attachment_id)
                        WHERE e.id = v.id""",
                    self.env.uid,
                    [entry.id for entry, _partner, _key in to_send],
                    [mail.mail_message_id.id for mail in mails],
                    [attachments[key].id or None for _entry, _partner, key in to_send],
                )
            )
            entries.invalidate_recordset(
                ["mail_message_id", "attachment_id", "write_uid", "write_date"]
            )
        with switched(AUDIT_FIELDS):
            for info, entry_ids in not_sent.items():
                entries.browse(entry_ids).write(
                    {"delivery_status": "not_sent", "delivery_info": info}
                )
        return True

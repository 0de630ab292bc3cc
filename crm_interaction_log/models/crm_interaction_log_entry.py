# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.tools.sql import create_index

from ..entries import (
    CAMPAIGN_FLAGS,
    ENTRY_COLUMNS,
    insert_entries,
    template_values,
    values_source,
)
from .crm_interaction_template import (
    CORRESPONDENCE_TYPE,
    INFORMATION_FLOW,
    INITIATED_BY,
    _lang_get,
)
from .crm_logged_segment import SEND_PENDING_WHERE
from .input_check import check_non_negative, check_written
from .switches import AUDIT_FIELDS, ERASE, UNLINK_POSTPONED, is_switched, switched

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
    ("import", "Imported"),
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
    "document_type_id",
    "document_occurrence",
    "segment_id",
    "logged_segment_id",
    "mail_message_id",
    "canceled_with_segment",
    "campaign_target",
    "campaign_response",
    "channel",
    "sms_uuid",
    "imported_entry_no",
    "imported_document_type",
)
# What users change on a logged (not postponed) entry, through its actions
# (evaluate, comments, create opportunity): everything else stays as it was
# logged. A postponed entry is finished later, so stays open.
LOGGED_WRITABLE_FIELDS = ("evaluation", "comment_ids", "lead_id")


class CrmInteractionLogEntry(models.Model):
    """One interaction with a contact: a letter, a call, a printed invoice ...

    The table grows for years (every print and every logged segment adds rows),
    so its indexes are chosen for what reads it (see ``init``), and the
    statistics are grouped queries, never loops over records.
    """

    _name = "crm.interaction.log.entry"
    _inherit = ["crm.interaction.checked.mixin", "crm.interaction.audit.mixin"]
    _description = "Interaction Log Entry"
    # checked by check_values (create, write) and _bulk_create
    _interaction_non_negative = ("cost", "duration")
    _order = "date desc, id desc"
    _rec_name = "name"
    _check_company_auto = True
    _audit_logged_writable = LOGGED_WRITABLE_FIELDS

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
        "document, an e-mail, a segment, an activity done, a meeting, an SMS, "
        "a mass mailing, or imported from Dynamics NAV / Business Central.",
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
        check_company=True,
    )
    # the task's link is kept on the task (mail.activity.interaction_entry_id)
    activity_id = fields.Many2one(
        comodel_name="mail.activity", string="Task", compute="_compute_activity_id"
    )
    res_model = fields.Char(string="Document Model", readonly=True, copy=False)
    res_id = fields.Integer(string="Document ID", readonly=True, copy=False)
    document_name = fields.Char(string="Document No.", readonly=True, copy=False)
    # the kind of document printed or sent, as the reference's Document Type;
    # a document type's deletion looks its entries up
    document_type_id = fields.Many2one(
        comodel_name="crm.interaction.document.type",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    # an entry of a history imported from NAV/BC: its entry No. there (a
    # file imported twice imports nothing twice) and its document type when
    # Odoo has none of that kind (a reminder, a service order ...)
    imported_entry_no = fields.Integer(
        string="NAV/BC Entry No.", readonly=True, copy=False
    )
    imported_document_type = fields.Char(readonly=True, copy=False)
    document_occurrence = fields.Integer(
        string="Doc. No. Occurrence", readonly=True, copy=False
    )
    # deleting any attachment looks up the entries that use it
    attachment_id = fields.Many2one(
        comodel_name="ir.attachment",
        ondelete="set null",
        index="btree_not_null",
        help="The interaction's file: the one imported in Create Interaction or "
        "its letter, merged and printed (both attached to the entry, readable by "
        "whoever may read the entry), else the template's attachment. An e-mail "
        "received from a contact keeps its first attachment here.",
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
        # An entry of NAV/BC is imported once a company, and found by its
        # number there.
        cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS crm_interaction_log_entry_imported_uniq
            ON crm_interaction_log_entry (company_id, imported_entry_no)
            WHERE imported_entry_no IS NOT NULL""")
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

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _prepare_values(self, vals, number=True):
        """Complete creation values: template defaults (``template_values``),
        contact company, subject and entry number, on a plain dict."""
        vals = dict(vals)
        template = self.env["crm.interaction.template"].browse(vals.get("template_id"))
        if template.exists():
            vals.update(template_values(template, vals))
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
    @tools.ormcache()
    def _number_sequence(self):
        """The entry sequence, as a statement numbers entries with it
        (``entries.number_sql``): its PostgreSQL sequence, prefix, suffix and
        padding; None when PostgreSQL cannot number alone (no gaps allowed, a
        sequence per date range). Read once a process: changing the sequence
        clears it (``ir_sequence``)."""
        sequence = (
            self.env["ir.sequence"].sudo().search([("code", "=", self._name)], limit=1)
        )
        if sequence.implementation != "standard" or sequence.use_date_range:
            return None
        return (
            f"ir_sequence_{sequence.id:03d}",
            sequence.prefix or "",
            sequence.suffix or "",
            sequence.padding,
        )

    @api.model
    def _complete_values(self, vals):
        return self._prepare_values(vals)

    @api.model
    def _audit_field_names(self):
        return AUDIT_FIELD_NAMES

    @api.model
    def _audit_default(self, name, value):
        return (
            super()._audit_default(name, value)
            or (name == "name" and value == "/")
            or (name == "logged_by_id" and value == self.env.uid)
            or (name == "channel" and value == "manual")
        )

    def _audit_logged(self):
        # a postponed entry is finished later, so stays open
        return self.filtered(lambda entry: not entry.postponed)

    @api.model
    def _audit_error(self, names):
        return AccessError(
            self.env._(
                "%(fields)s of an interaction log entry record what happened: "
                "only the interaction log itself sets them.",
                fields=", ".join(names),
            )
        )

    def write(self, vals):
        res = super().write(vals)
        self._write_derived_values(vals)
        return res

    @api.model
    def _create_logged(self, vals_list):
        """Create entries as the log records them: with the fields that record
        what happened (channel, e-mail, delivery ...)."""
        with switched(AUDIT_FIELDS):
            return self.create(vals_list)

    def _write_derived_values(self, vals):
        """What the log derives from the values ``vals`` written: the
        contact's company from the contact, the template's campaign marks from
        the template and the campaign."""
        derive_company = "partner_id" in vals
        derive_flags = "template_id" in vals or "campaign_id" in vals
        if not (derive_company or derive_flags):
            return
        for entry in self:
            values = {}
            if derive_company:
                values["commercial_partner_id"] = (
                    entry.partner_id.commercial_partner_id.id
                )
            if derive_flags:
                values.update(
                    {
                        flag: bool(entry.campaign_id and entry.template_id[flag])
                        for flag in CAMPAIGN_FLAGS
                    }
                )
            current = entry._convert_to_write({name: entry[name] for name in values})
            changed = {
                name: value for name, value in values.items() if current[name] != value
            }
            if changed:
                with switched(AUDIT_FIELDS):
                    entry.write(changed)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_canceled(self):
        if is_switched(UNLINK_POSTPONED) or is_switched(ERASE):
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

    # ------------------------------------------------------------------
    # batches
    # ------------------------------------------------------------------
    @api.model
    def _bulk_create(self, vals_list):
        """Create many entries with one INSERT (``entries.insert_entries``).

        Recording a print of 50 invoices must not cost 50 ORM creates. What
        the ORM would do is done here too: access rights, template defaults,
        numbers, the company check and record rules are checked and the cache
        is reset. Values are plain column values (no x2many)."""
        if not vals_list:
            return self.browse()
        self.browse().check_access("create")
        # the rows that give the same of the columns filled when not given
        batches = defaultdict(list)
        for vals in vals_list:
            check_non_negative(self, vals)
            batches[frozenset(vals).intersection(ENTRY_COLUMNS)].append(vals)
        ids = []
        for batch in batches.values():
            source, given = values_source(batch)
            ids += insert_entries(self.env, source, given, quiet=True)
        # lists of entries and statistics the cache holds do not have them yet
        self.env.invalidate_all()
        records = self.browse(ids)
        # the template of another company, as the ORM's create refuses it
        records._check_company(["template_id", "group_id", "lead_id"])
        records.check_access("create")
        check_written(records, vals_list)
        return records

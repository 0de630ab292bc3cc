# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..entries import insert_entries
from .switches import AUDIT_FIELDS, switched

# The e-mails of a logged segment go out through a scheduled job, in batches
# of this many entries, this many batches a run (Odoo runs the job again
# straight away while some are left).
SEND_BATCH_SIZE = 500
SEND_BATCHES_PER_RUN = 10
SEND_PROGRESS_FIELDS = [
    "send_state",
    "email_count",
    "email_queued_count",
    "send_progress",
]
# An entry of a segment whose e-mail the job has not created yet: also the
# predicate of the entries' partial index the job reads them by.
SEND_PENDING_WHERE = (
    "delivery_status = 'in_progress' AND mail_message_id IS NULL"
    " AND logged_segment_id IS NOT NULL"
)
SEND_PENDING = SQL(SEND_PENDING_WHERE)


class CrmLoggedSegment(models.Model):
    """The record of a logged segment: which interactions it logged, and
    whether they were canceled together."""

    _name = "crm.logged.segment"
    _inherit = ["crm.interaction.checked.mixin", "crm.interaction.audit.mixin"]
    _description = "Logged Segment"
    _order = "id desc"
    _audit_created_by_log = True

    name = fields.Char(
        string="No.", required=True, readonly=True, copy=False, default="/"
    )
    segment_id = fields.Many2one(
        comodel_name="crm.segment", readonly=True, ondelete="set null", index=True
    )
    description = fields.Char(readonly=True)
    # deleting a campaign looks its logged segments up here
    campaign_id = fields.Many2one(
        comodel_name="utm.campaign", readonly=True, index="btree_not_null"
    )
    user_id = fields.Many2one(
        comodel_name="res.users", string="Logged By", readonly=True
    )
    date = fields.Datetime(
        string="Creation Date", default=fields.Datetime.now, readonly=True
    )
    canceled = fields.Boolean(readonly=True)
    # searched only ("E-mail Errors" of the search view): never read, a
    # logged segment can have 100,000 entries
    entry_ids = fields.One2many(
        comodel_name="crm.interaction.log.entry",
        inverse_name="logged_segment_id",
        string="Interactions",
        readonly=True,
    )
    entry_count = fields.Integer(
        string="No. of Interactions", compute="_compute_entry_count"
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    send_attachments = fields.Boolean(
        readonly=True,
        help="The template's attachment is e-mailed to the contacts whose "
        "lines go by e-mail, by a scheduled job, a batch at a time.",
    )
    send_state = fields.Selection(
        selection=[
            ("sending", "Sending"),
            ("stopped", "Stopped (Canceled)"),
            ("done", "Queued"),
        ],
        string="E-mails",
        compute="_compute_send_progress",
        help="Sending: the scheduled job is still creating the e-mails. "
        "Stopped: the e-mails not created yet belong to canceled interactions; "
        "they go out when these are restored. Queued: every e-mail is in "
        "Odoo's mail queue, whose delivery each interaction's status follows.",
    )
    email_count = fields.Integer(
        string="E-mails to Send", compute="_compute_send_progress"
    )
    email_queued_count = fields.Integer(
        string="E-mails Queued",
        compute="_compute_send_progress",
        help="E-mails created in Odoo's mail queue, and contacts who get none "
        "(opted out of e-mail, archived).",
    )
    send_progress = fields.Float(
        string="Sending Progress", compute="_compute_send_progress"
    )

    def _compute_entry_count(self):
        counts = dict(
            self.env["crm.interaction.log.entry"]._read_group(
                [("logged_segment_id", "in", self.ids)],
                ["logged_segment_id"],
                ["__count"],
            )
        )
        for logged in self:
            logged.entry_count = counts.get(logged, 0)

    @api.model
    def _audit_field_names(self):
        """A logged segment records what logging a segment did: only the
        module's own code (logging, cancelling) creates or changes it."""
        return tuple(self._fields)

    @api.model
    def _audit_error(self, names):
        return AccessError(
            self.env._(
                "A logged segment records what was logged: it is created by "
                "logging a segment and changed only by cancelling or "
                "restoring it."
            )
        )

    @api.model
    def _complete_values(self, vals):
        if vals.get("name", "/") == "/":
            vals = dict(
                vals,
                name=self.env["ir.sequence"].next_by_code("crm.logged.segment") or "/",
            )
        return vals

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_entries(self):
        if (
            self.env["crm.interaction.log.entry"]
            .sudo()
            .search_count([("logged_segment_id", "in", self.ids)], limit=1)
        ):
            raise UserError(
                self.env._(
                    "A logged segment whose interactions are still in the log "
                    "cannot be deleted: cancel it, then delete its canceled "
                    "interaction log entries."
                )
            )

    def _create_entries(self, segment, send_attachments=False):
        """The logged segment's entries: one per line of ``segment``, written
        by a single INSERT ... SELECT.

        A segment of 10,000 contacts is one statement rather than 10,000 ORM
        creates. What the ORM would do is done here too: the access rights
        and record rules are checked, the entry numbers come from the entry
        sequence, contact company and group are filled, the cache is reset.
        """
        self.ensure_one()
        logged = self
        Entry = self.env["crm.interaction.log.entry"]
        Entry.browse().check_access("create")
        # the statement reads the lines and their contacts as stored
        self.env["crm.segment.line"].flush_model()
        self.env["res.partner"].flush_model(["email", "phone", "mobile"])
        source = SQL(
            """
            SELECT l.id AS row_order, l.partner_id,
                   COALESCE(l.date, %(today)s)::timestamp
                       + (now() at time zone 'UTC')::time(0) AS date,
                   COALESCE(l.description, %(description)s) AS description,
                   COALESCE(l.subject, l.description, %(description)s) AS subject,
                   l.template_id, l.information_flow, l.initiated_by,
                   COALESCE(l.unit_cost, 0) AS cost,
                   COALESCE(l.unit_duration, 0) AS duration,
                   %(user)s AS user_id, l.correspondence_type,
                   'segment' AS channel,
                   CASE WHEN %(send)s AND l.correspondence_type = 'email'
                        THEN 'in_progress' END AS delivery_status,
                   CASE WHEN l.correspondence_type = 'email' THEN p.email
                        ELSE COALESCE(p.phone, p.mobile) END AS contact_via,
                   l.lang, %(campaign)s::int AS campaign_id,
                   %(segment)s AS segment_id, %(logged)s AS logged_segment_id,
                   %(company)s::int AS company_id
              FROM crm_segment_line l
              JOIN res_partner p ON p.id = l.partner_id
              JOIN crm_interaction_template lt ON lt.id = l.template_id
             WHERE l.segment_id = %(segment)s""",
            today=fields.Date.context_today(Entry),
            description=segment.description,
            user=segment.user_id.id or self.env.uid,
            send=bool(send_attachments),
            campaign=segment.campaign_id.id or None,
            segment=segment.id,
            logged=logged.id,
            company=logged.company_id.id or None,
        )
        ids = insert_entries(
            self.env,
            source,
            (
                "partner_id",
                "date",
                "description",
                "subject",
                "template_id",
                "information_flow",
                "initiated_by",
                "cost",
                "duration",
                "user_id",
                "correspondence_type",
                "channel",
                "delivery_status",
                "contact_via",
                "lang",
                "campaign_id",
                "segment_id",
                "logged_segment_id",
                "company_id",
            ),
        )
        # lists of entries and statistics the cache holds do not have them yet
        self.env.invalidate_all()
        entries = Entry.browse(ids)
        entries.check_access("create")
        return entries

    def action_toggle_canceled(self):
        """Switch the canceled mark of each logged segment: cancel those that
        are not canceled, restore those that are."""
        canceled = self.filtered("canceled")
        (self - canceled).action_cancel()
        canceled.action_restore()
        return True

    def action_cancel(self):
        """Cancel the logged segments and all their interactions; those not
        canceled yet are canceled with the segment, and come back with it."""
        segments = self.filtered(lambda logged: not logged.canceled)
        entries = segments._entries_to_switch([("canceled", "=", False)])
        with switched(AUDIT_FIELDS):
            entries.write({"canceled": True, "canceled_with_segment": True})
            segments.write({"canceled": True})
        return True

    def action_restore(self):
        """Restore the canceled logged segments and the interactions canceled
        with them; those canceled on their own before stay canceled."""
        segments = self.filtered("canceled")
        entries = segments._entries_to_switch([("canceled_with_segment", "=", True)])
        with switched(AUDIT_FIELDS):
            entries.write({"canceled": False, "canceled_with_segment": False})
            segments.write({"canceled": False})
        # the e-mails and letters stopped by the cancel go out now
        segments._trigger_send()
        segments._trigger_letters()
        return True

    def _entries_to_switch(self, domain):
        """The interactions of ``domain`` the logged segments logged. Who
        switches a logged segment must be allowed to change it and every one
        of them, not only the ones they see."""
        self.check_access("write")
        Entry = self.env["crm.interaction.log.entry"]
        entries = Entry.sudo().search([("logged_segment_id", "in", self.ids), *domain])
        entries = Entry.browse(entries.ids)
        entries.check_access("write")
        return entries

    def action_view_log_entries(self):
        return self.env["crm.interaction.log.entry"]._action_view(
            [("logged_segment_id", "in", self.ids)]
        )

    # ------------------------------------------------------------------
    # sending the attachments, a batch at a time
    # ------------------------------------------------------------------
    def _compute_send_progress(self):
        """How far the scheduled job got with the logged segments' e-mails,
        read by one grouped query."""
        counts = {}
        if self.ids:
            Entry = self.env["crm.interaction.log.entry"]
            Entry.flush_model(
                [
                    "logged_segment_id",
                    "correspondence_type",
                    "delivery_status",
                    "mail_message_id",
                    "canceled",
                ]
            )
            rows = self.env.execute_query(
                SQL(
                    """SELECT logged_segment_id, count(*),
                              count(*) FILTER (
                                  WHERE %(pending)s AND canceled IS NOT TRUE),
                              count(*) FILTER (
                                  WHERE %(pending)s AND canceled IS TRUE)
                         FROM crm_interaction_log_entry
                        WHERE logged_segment_id IN %(ids)s
                          AND correspondence_type = 'email'
                     GROUP BY logged_segment_id""",
                    pending=SEND_PENDING,
                    ids=tuple(self.ids),
                )
            )
            counts = {row[0]: row[1:] for row in rows}
        for logged in self:
            total, waiting, held = (0, 0, 0)
            if logged.send_attachments:
                total, waiting, held = counts.get(logged.id, (0, 0, 0))
            logged.email_count = total
            logged.email_queued_count = total - waiting - held
            logged.send_progress = (
                100.0 * (total - waiting - held) / total if total else 100.0
            )
            logged.send_state = logged.send_attachments and (
                "sending" if waiting else "stopped" if held else "done"
            )

    @api.model
    def _cron_send_attachments(
        self, batch_size=SEND_BATCH_SIZE, max_batches=SEND_BATCHES_PER_RUN
    ):
        """E-mail the attachments of the logged segments, ``batch_size``
        entries at a time, oldest first; at most ``max_batches`` batches a
        call (None: until none is left).

        Each batch's entries are locked, their e-mails created in Odoo's mail
        queue and linked to them in one transaction, committed when run as a
        scheduled job: a job that stops (a crash, a restart) leaves each entry
        either linked to its one e-mail or waiting, and the next run resumes
        with the waiting ones. Entries canceled (alone or with their segment)
        wait, and go out when they are restored."""
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        Entry = self.env["crm.interaction.log.entry"].sudo()
        Entry.flush_model()
        self.flush_model(["canceled"])
        waiting = SQL(
            """FROM crm_interaction_log_entry e
               JOIN crm_logged_segment s ON s.id = e.logged_segment_id
              WHERE %s AND e.canceled IS NOT TRUE AND s.canceled IS NOT TRUE
                AND e.correspondence_type = 'email'""",
            SEND_PENDING,
        )
        remaining = self.env.execute_query(SQL("SELECT count(*) %s", waiting))[0][0]
        done = batches = last_id = 0
        while max_batches is None or batches < max_batches:
            # past the last batch: each entry is looked at once a run
            rows = self.env.execute_query(
                SQL(
                    """SELECT e.id %s AND e.id > %s ORDER BY e.id LIMIT %s
                       FOR UPDATE OF e SKIP LOCKED""",
                    waiting,
                    last_id,
                    batch_size,
                )
            )
            if not rows:
                break
            self._send_attachments(Entry.browse([row[0] for row in rows]))
            # written, and dropped from the cache: a run's memory is a batch's
            self.env.flush_all()
            self.env.invalidate_all()
            last_id = rows[-1][0]
            done += len(rows)
            batches += 1
            remaining = max(remaining - len(rows), 0)
            if in_cron:
                self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
                self.env.cr.commit()  # pylint: disable=invalid-commit
        # the progress read before this run is out of date
        self.invalidate_model(SEND_PROGRESS_FIELDS)
        self.env["crm.segment"].invalidate_model(["send_state", "send_progress"])
        return done

    @api.model
    def _send_attachments(self, entries):
        """E-mail the template's attachment, in the contact's language, to the
        contacts of ``entries`` of logged segments, through Odoo's mail
        queue: one e-mail each, created and linked to its entry in this
        transaction. A template's letter is merged and printed for each
        contact, and the entry keeps it. The entries follow their mail: in
        progress until sent, error if it fails. Contacts who opted out of
        e-mail (blacklisted) or are archived get none: their entries say why."""
        entries = entries.sudo()
        Attachment = self.env["ir.attachment"].sudo()
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
            to_send.append((entry, partner))
        # each entry keeps its letter, or its template's file
        entries.browse(
            [entry.id for entry, _partner in to_send]
        )._interaction_print_letters()
        # each file's content read once for all its copies
        copies = {
            attachment: attachment.copy_data()[0]
            for attachment in entries.browse(
                [entry.id for entry, _partner in to_send]
            ).attachment_id
        }
        # a copy filed on each contact: the template and the entry keep theirs
        copy_list = [
            (
                entry,
                dict(
                    copies[entry.attachment_id],
                    res_model="res.partner",
                    res_id=partner.id,
                ),
            )
            for entry, partner in to_send
            if entry.attachment_id
        ]
        copied = dict(
            zip(
                [entry.id for entry, _vals in copy_list],
                Attachment.create([vals for _entry, vals in copy_list]).ids,
                strict=True,
            )
        )
        mail_values = []
        for entry, partner in to_send:
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
                    "interaction_delivery": True,
                }
            )
        mails = self.env["mail.mail"].sudo().create(mail_values)
        if to_send:
            self.env.execute_query(
                SQL(
                    """UPDATE crm_interaction_log_entry e
                          SET mail_message_id = v.message_id,
                              write_uid = %s, write_date = now() at time zone 'UTC'
                         FROM unnest(%s::int[], %s::int[]) AS v(id, message_id)
                        WHERE e.id = v.id""",
                    self.env.uid,
                    [entry.id for entry, _partner in to_send],
                    [mail.mail_message_id.id for mail in mails],
                )
            )
            entries.invalidate_recordset(["mail_message_id", "write_uid", "write_date"])
        for info, entry_ids in not_sent.items():
            with switched(AUDIT_FIELDS):
                entries.browse(entry_ids).write(
                    {"delivery_status": "not_sent", "delivery_info": info}
                )
        return True

    def _trigger_send(self):
        """Have the scheduled job send the e-mails of the logged segments
        that send attachments, as soon as it can."""
        if any(self.mapped("send_attachments")):
            self.env.ref(
                "crm_interaction_log.ir_cron_send_segment_attachments"
            ).sudo()._trigger()

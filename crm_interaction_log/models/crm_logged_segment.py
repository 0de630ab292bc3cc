# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .switches import AUDIT_FIELDS, audit_fields_writable, switched

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
    _inherit = ["crm.interaction.checked.mixin"]
    _description = "Logged Segment"
    _order = "id desc"

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

    def _check_logged_by_module(self):
        """A logged segment records what logging a segment did: only the
        module's own code (logging, cancelling) creates or changes it."""
        if not audit_fields_writable(self.env):
            raise AccessError(
                self.env._(
                    "A logged segment records what was logged: it is created by "
                    "logging a segment and changed only by cancelling or "
                    "restoring it."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_logged_by_module()
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("crm.logged.segment") or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        self._check_logged_by_module()
        return super().write(vals)

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
        # the e-mails stopped by the cancel go out now
        segments._trigger_send()
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
            entries = Entry.browse([row[0] for row in rows])
            entries._send_segment_attachments()
            # written, and dropped from the cache: a run's memory is a batch's
            self.env.flush_all()
            self.env.invalidate_all()
            last_id = rows[-1][0]
            done += len(entries)
            batches += 1
            remaining = max(remaining - len(entries), 0)
            if in_cron:
                self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
                self.env.cr.commit()  # pylint: disable=invalid-commit
        # the progress read before this run is out of date
        self.invalidate_model(SEND_PROGRESS_FIELDS)
        self.env["crm.segment"].invalidate_model(["send_state", "send_progress"])
        return done

    def _trigger_send(self):
        """Have the scheduled job send the e-mails of the logged segments
        that send attachments, as soon as it can."""
        if any(self.mapped("send_attachments")):
            self.env.ref(
                "crm_interaction_log.ir_cron_send_segment_attachments"
            ).sudo()._trigger()

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_index

from .crm_interaction_document_mixin import record_safely

BATCH_SIZE = 500
PENDING_INDEX = "calendar_event_interaction_pending_index"


class CalendarEvent(models.Model):
    """A meeting that took place records one entry per external attendee
    contact, with the meeting template of its organizer's company: a
    scheduled job picks the meetings that ended since it last ran. A canceled
    meeting is archived or deleted, and records nothing."""

    _inherit = "calendar.event"

    interaction_processed = fields.Boolean(
        string="Recorded as Interactions",
        readonly=True,
        copy=False,
        help="The scheduled job has looked at this meeting: its attendees' "
        "interactions are recorded, or there were none to record.",
    )

    def _auto_init(self):
        new_column = not column_exists(
            self.env.cr, self._table, "interaction_processed"
        )
        res = super()._auto_init()
        if new_column:
            # the meetings held before the module recorded meetings stay as
            # they are: the job records the ones that end from now on
            self.env.cr.execute(
                "UPDATE calendar_event SET interaction_processed = TRUE "
                "WHERE stop < now() AT TIME ZONE 'UTC'"
            )
        return res

    def init(self):
        # the job looks for the few meetings not processed yet among all the
        # past ones; archived (canceled) meetings are never processed
        create_index(
            self.env.cr,
            PENDING_INDEX,
            self._table,
            ["stop"],
            where="interaction_processed IS NOT TRUE AND active",
        )

    @api.model
    def _interaction_cron_record_meetings(self, batch_size=BATCH_SIZE):
        """Record the meetings that ended, a batch at a time; each batch is
        committed with the meetings marked processed when run as a scheduled
        job, so that a run that stops resumes where it stopped."""
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        now = fields.Datetime.now()
        self.flush_model(["interaction_processed", "active", "stop"])
        remaining = self.env.execute_query(
            SQL(
                """SELECT COUNT(*) FROM calendar_event
                    WHERE interaction_processed IS NOT TRUE AND active AND stop < %s""",
                now,
            )
        )[0][0]
        done = 0
        while True:
            rows = self.env.execute_query(
                SQL(
                    """SELECT id FROM calendar_event
                        WHERE interaction_processed IS NOT TRUE AND active
                          AND stop < %s
                     ORDER BY stop, id
                        LIMIT %s
                          FOR UPDATE SKIP LOCKED""",
                    now,
                    batch_size,
                )
            )
            if not rows:
                break
            events = self.browse([row[0] for row in rows])
            events._interaction_record_meetings()
            done += len(events)
            remaining = max(remaining - len(events), 0)
            if in_cron:
                self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return done

    def _interaction_record_meetings(self):
        """One entry per external attendee contact of the meetings of
        ``self``, and the meetings marked processed, in one transaction."""
        vals_list = self._interaction_meeting_values_list()
        self.env["crm.interaction.log.entry"].sudo()._bulk_create(vals_list)
        self.env.cr.execute(
            SQL(
                "UPDATE calendar_event SET interaction_processed = TRUE WHERE id IN %s",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["interaction_processed"])

    def _interaction_meeting_values_list(self):
        attendees = self.sudo().attendee_ids.filtered(
            lambda attendee: attendee.partner_id and attendee.state != "declined"
        )
        return [
            dict(
                values,
                channel="meeting",
                correspondence_type=False,
                description=event.name,
                date=event.start,
                duration=event.duration * 60,
            )
            for event, _template, _partner, values in self._interaction_attendees(
                attendees, "meeting"
            )
        ]

    def _interaction_record_invitations(self, attendees):
        """One e-mail entry per external contact among ``attendees``, whom
        Odoo has just sent the invitation to a meeting of ``self``, with the
        meeting invitation template of the organizer's company. Sending never
        fails because of the log."""
        # most databases record no invitations: sending costs nothing more
        setup = self.env["crm.interaction.document.template"]
        if "meeting_invitation" not in setup._codes_set_up():
            return
        Entry = self.env["crm.interaction.log.entry"].sudo()
        record_safely(
            self.env,
            lambda: Entry._bulk_create(
                self._interaction_invitation_values_list(attendees)
            ),
            "Could not record the invitations to %s as interactions",
            self.ids,
        )

    def _interaction_invitation_values_list(self, attendees):
        now = fields.Datetime.now()
        document_type_id = self.env["crm.interaction.document.type"]._id_of(
            "meeting_invitation"
        )
        return [
            dict(
                values,
                channel="document",
                correspondence_type="email",
                contact_via=partner.email,
                description=f"{template.name} {event.name}",
                date=now,
                document_type_id=document_type_id,
            )
            for event, template, partner, values in self._interaction_attendees(
                attendees.sudo(), "meeting_invitation"
            )
        ]

    def _interaction_attendees(self, attendees, code):
        """(meeting, template, contact, values) for each external contact
        among ``attendees`` of the meetings of ``self``, with the template of
        document type ``code`` of the organizer's company; the values are
        those of its entry that a meeting and its invitation share. A meeting
        without organizer or template gives none."""
        # the partners of internal users, archived or not, are colleagues
        internal = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [("partner_id", "in", attendees.partner_id.ids), ("share", "=", False)]
            )
            .partner_id
        )
        user = self.env.user
        for event in self.sudo():
            organizer = event.user_id
            if not organizer:
                continue
            template = organizer.company_id._interaction_template(code)
            if not template:
                continue
            for partner in (event.attendee_ids & attendees).partner_id - internal:
                yield (
                    event,
                    template,
                    partner,
                    {
                        "partner_id": partner.id,
                        "commercial_partner_id": partner.commercial_partner_id.id,
                        "template_id": template.id,
                        "lang": partner.lang,
                        "user_id": organizer.id,
                        "logged_by_id": user.id,
                        "company_id": organizer.company_id.id,
                        "lead_id": event.opportunity_id.id,
                        "res_model": self._name,
                        "res_id": event.id,
                        "document_name": event.name,
                    },
                )

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CalendarAttendee(models.Model):
    """The invitation to a meeting that Odoo e-mails its attendees -- when
    the meeting is created, when attendees are added, with the meeting's
    "Send invitation" -- records one entry per external attendee contact it
    was sent to (``calendar_event``). Reminders and changes of date are not
    invitations."""

    _inherit = "calendar.attendee"

    def _send_mail_to_attendees(self, mail_template, force_send=False):
        res = super()._send_mail_to_attendees(mail_template, force_send=force_send)
        invitation = self.env.ref(
            "calendar.calendar_template_meeting_invitation", raise_if_not_found=False
        )
        # False: Odoo sent nothing (e-mails to attendees blocked, no template)
        if res is not False and mail_template and mail_template == invitation:
            # whom Odoo e-mailed, by its own rules
            invited = self.filtered(
                lambda attendee: attendee.email
                and attendee._should_notify_attendee()
                and not attendee.event_id._skip_send_mail_status_update()
            )
            if invited:
                invited.event_id._interaction_record_invitations(invited)
        return res

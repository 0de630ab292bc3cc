# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# The delivery status of an entry for each status Odoo gives the notification
# of its SMS, from the provider's answer or a later delivery report.
DELIVERY_STATUS = {
    "ready": "in_progress",
    "process": "in_progress",
    "pending": "sent",
    "sent": "sent",
    "exception": "error",
    # the provider refused the number (invalid, not allowed, rejected)
    "bounce": "bounced",
    "canceled": "canceled",
}


class SmsTracker(models.Model):
    """The delivery reports of an SMS reach its entry too: Odoo may have
    deleted the SMS by then, the tracker still has its uuid."""

    _inherit = "sms.tracker"

    def _update_sms_notifications(
        self, notification_status, failure_type=False, failure_reason=False
    ):
        res = super()._update_sms_notifications(
            notification_status,
            failure_type=failure_type,
            failure_reason=failure_reason,
        )
        status = DELIVERY_STATUS.get(notification_status)
        if status:
            SMS = self.env["sms.sms"]
            info = None
            if status in ("error", "canceled", "bounced"):
                info = SMS._interaction_failure_info(failure_type, failure_reason)
            uuids = SMS._interaction_followed_uuids(self.mapped("sms_uuid"))
            SMS._interaction_set_delivery(uuids, status, info)
        return res

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib
import contextvars

from odoo import api, fields, models
from odoo.tools import SQL

from ..entries import follow_delivery, insert_entries, values_source
from .crm_interaction_document_mixin import record_safely
from .switches import SMS_SENDING, is_switched, switched

# The delivery status of an entry for each state of its SMS.
DELIVERY_STATUS = {
    "outgoing": "in_progress",
    "process": "in_progress",
    "pending": "sent",
    "sent": "sent",
    "error": "error",
    "canceled": "canceled",
}
# The statuses that these statuses replace: an SMS handed to the provider is
# not queued again, canceled or deleted unsent (an error of its delivery still
# is one).
REPLACES = {
    "in_progress": ("in_progress", "error", "canceled"),
    "canceled": ("in_progress", "error"),
    "deleted": ("in_progress", "error"),
}
DESCRIPTION_SIZE = 100

# The records an SMS composer in mass mode sends from, by SMS uuid: Odoo links
# these SMS to no message, so their document is known only while they are made.
_documents = contextvars.ContextVar("crm_interaction_log_sms_documents", default=None)
# While Odoo sends the SMS of a message posted on a record for the first time
# (not a "Resend"): {"record": the record, "sms": its SMS to record}. None of
# them sends again an SMS that an entry follows, and they are recorded once
# sent, in the state their sending left them.
_first_sending = contextvars.ContextVar("crm_interaction_log_sms_first", default=None)


@contextlib.contextmanager
def _set(variable, value):
    token = variable.set(value)
    try:
        yield
    finally:
        variable.reset(token)


def sms_documents(documents):
    """Within this block, the SMS of the uuids of ``documents`` (a dict
    {uuid: record}) are recorded with that record as their document."""
    return _set(_documents, documents)


@contextlib.contextmanager
def first_sending(record):
    """Within this block, the SMS made are the first of a message posted on
    ``record``: they are recorded at its end, once Odoo has sent them, so
    that their entries are written once, with their delivery status."""
    sending = {"record": record, "sms": record.env["sms.sms"]}
    with _set(_first_sending, sending):
        yield
        sms, sending["sms"] = sending["sms"], record.env["sms.sms"]
        sms._interaction_record()


class SmsSms(models.Model):
    """An SMS to a contact records an entry with the company's SMS template,
    whose delivery status follows the SMS.

    Odoo deletes a sent SMS (autovacuum), and its later delivery reports
    reach it by its uuid (``sms.tracker``): the entry keeps that uuid (an
    index of the entry table) and is changed by one UPDATE per batch of SMS."""

    _inherit = "sms.sms"

    interaction_delivery = fields.Boolean(
        string="Followed by Interactions",
        readonly=True,
        copy=False,
        help="The delivery status of an interaction log entry follows this SMS.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        # an SMS to a contact, sent by a user, with the company's SMS
        # template: the entries follow it; every other SMS costs nothing
        template = self._interaction_template()
        if template:
            for vals in vals_list:
                if vals.get("partner_id"):
                    vals["interaction_delivery"] = True
        records = super().create(vals_list)
        to_record = records.filtered("interaction_delivery")
        sending = _first_sending.get()
        if sending is not None:
            # recorded once sent (first_sending)
            sending["sms"] |= to_record
        else:
            to_record._interaction_record(template)
        return records

    def _interaction_record(self, template=None):
        """The entries of the SMS of ``self``; never a failure of the
        sending."""
        if not self:
            return
        template = template or self._interaction_template()
        if not template:
            return
        record_safely(
            self.env,
            lambda: self._interaction_create_entries(template),
            "Could not record the SMS %s as interactions",
            self.ids,
        )

    @api.model
    def _interaction_template(self):
        """The company's SMS template, when SMS sent by this user record
        interactions (portal and public users record nothing)."""
        if self.env.user.share:
            return self.env["crm.interaction.template"]
        return self.env.company.sudo()._interaction_template("sms")

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            followed = self._interaction_followed()
            status = DELIVERY_STATUS.get(vals["state"], "in_progress")
            info = None
            if followed and status in ("error", "canceled"):
                info = self._interaction_failure_info(vals.get("failure_type"))
            self._interaction_set_delivery(followed.mapped("uuid"), status, info)
        return res

    def unlink(self):
        # an SMS deleted before it was sent never reached its contact
        unsent = self._interaction_followed().filtered(
            lambda sms: sms.state in ("outgoing", "error") and not sms.to_delete
        )
        self._interaction_set_delivery(unsent.mapped("uuid"), "deleted")
        sending = _first_sending.get()
        if sending is not None:
            sending["sms"] -= self
        return super().unlink()

    def _interaction_followed(self):
        """The SMS of ``self`` whose entries follow them (those still to be
        recorded by ``first_sending`` have none yet)."""
        followed = self.filtered("interaction_delivery")
        sending = _first_sending.get()
        return followed - sending["sms"] if sending is not None else followed

    def _send(self, *args, **kwargs):
        # the SMS in hand: their own state is followed, not their trackers'
        with switched(SMS_SENDING):
            return super()._send(*args, **kwargs)

    def _update_sms_state_and_trackers(self, *args, **kwargs):
        with switched(SMS_SENDING):
            return super()._update_sms_state_and_trackers(*args, **kwargs)

    @api.model
    def _interaction_followed_uuids(self, uuids):
        """Of the SMS ``uuids`` whose trackers Odoo updates, those whose
        entries follow the trackers: none while Odoo writes the SMS
        themselves, all of them for a delivery report (which may come after
        the SMS was deleted) when some company records SMS."""
        if is_switched(SMS_SENDING):
            return []
        if "sms" not in self.env["crm.interaction.document.template"]._codes_set_up():
            return []
        return uuids

    @api.model
    def _interaction_failure_info(self, failure_type, reason=None):
        """What went wrong with an SMS, in words: the label of its failure
        type, and the provider's own reason when it gave one."""
        if not failure_type:
            return reason or None
        labels = dict(
            self.env["mail.notification"]
            ._fields["failure_type"]
            ._description_selection(self.env)
        )
        labels.update(self._fields["failure_type"]._description_selection(self.env))
        info = labels.get(failure_type, failure_type)
        return f"{info}: {reason}" if reason else info

    @api.model
    def _interaction_set_delivery(self, uuids, status, info=None):
        """The delivery status of the entries of the SMS of ``uuids``, by one
        UPDATE."""
        follow_delivery(self.env, "sms_uuid", uuids, status, info, REPLACES.get(status))

    def _interaction_create_entries(self, template):
        """The entries of the SMS of ``self``, written by one statement (the
        log's own values: the ORM's checks of a user's values are not
        needed)."""
        sending = _first_sending.get()
        record = sending["record"] if sending is not None else None
        resent = set() if sending is not None else self._interaction_follow_resent()
        new = self.filtered(lambda sms: sms.uuid not in resent)
        documents = _documents.get() or {}
        user = self.env.user
        company = self.env.company
        vals_list = []
        for sms in new:
            body = " ".join((sms.body or "").split())
            if len(body) > DESCRIPTION_SIZE:
                body = body[: DESCRIPTION_SIZE - 1] + "…"
            status = DELIVERY_STATUS.get(sms.state, "in_progress")
            vals_list.append(
                {
                    "partner_id": sms.partner_id.id,
                    "lang": sms.partner_id.lang,
                    "template_id": template.id,
                    "correspondence_type": "sms",
                    "channel": "sms",
                    "contact_via": sms.number,
                    "description": body or template.name,
                    "date": fields.Datetime.now(),
                    "user_id": user.id,
                    "logged_by_id": user.id,
                    "company_id": company.id,
                    "mail_message_id": sms.mail_message_id.id,
                    "sms_uuid": sms.uuid,
                    "delivery_status": status,
                    "delivery_info": self._interaction_failure_info(sms.failure_type)
                    if status in ("error", "canceled")
                    else False,
                    **sms._interaction_document(documents.get(sms.uuid, record)),
                }
            )
        if vals_list:
            source, given = values_source(vals_list)
            insert_entries(self.env, source, given)

    def _interaction_follow_resent(self):
        """The uuids of the SMS of ``self`` that send again an SMS of the same
        message to the same contact (Odoo's "Resend" of a failed SMS): its
        entry follows the new SMS rather than a second entry being made."""
        resends = self.filtered("mail_message_id")
        if not resends:
            return set()
        self.env["crm.interaction.log.entry"].flush_model(
            ["sms_uuid", "mail_message_id", "partner_id", "channel"]
        )
        rows = self.env.execute_query(
            SQL(
                """UPDATE crm_interaction_log_entry e
                      SET sms_uuid = v.uuid, contact_via = v.number,
                          delivery_status = v.status, delivery_info = NULL
                     FROM unnest(%s::int[], %s::int[], %s::varchar[],
                                 %s::varchar[], %s::varchar[])
                          AS v(message_id, partner_id, uuid, number, status)
                    WHERE e.channel = 'sms' AND e.mail_message_id = v.message_id
                      AND e.partner_id = v.partner_id
                RETURNING v.uuid""",
                [sms.mail_message_id.id for sms in resends],
                [sms.partner_id.id for sms in resends],
                [sms.uuid for sms in resends],
                [sms.number for sms in resends],
                [DELIVERY_STATUS.get(sms.state, "in_progress") for sms in resends],
            )
        )
        self.env["crm.interaction.log.entry"].invalidate_model(
            ["sms_uuid", "contact_via", "delivery_status", "delivery_info"]
        )
        return {row[0] for row in rows}

    def _interaction_document(self, record=None):
        """The entry's document: the record the SMS was sent from (by the
        composer in mass mode, else the record of its message), unless it is
        the contact itself."""
        self.ensure_one()
        if record is not None:
            model, res_id = record._name, record.id
            name = record.sudo().display_name
        else:
            message = self.mail_message_id
            model, res_id, name = message.model, message.res_id, message.record_name
        if not model or not res_id or model == "res.partner":
            return {}
        if not name:
            name = self.env[model].sudo().browse(res_id).display_name
        return {"res_model": model, "res_id": res_id, "document_name": name}

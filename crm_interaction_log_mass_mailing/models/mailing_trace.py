# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.crm_interaction_log.entries import (
    follow_deliveries,
    follow_later,
    insert_entries,
)
from odoo.addons.crm_interaction_log.models.crm_interaction_document_mixin import (
    record_safely,
)

# The delivery status of an entry for each status of its trace.
DELIVERY_STATUS = {
    "outgoing": "in_progress",
    "process": "in_progress",
    "pending": "in_progress",
    "sent": "sent",
    "open": "opened",
    "reply": "replied",
    "bounce": "bounced",
    "error": "error",
    "cancel": "canceled",
}
# the trace statuses whose failure the entry tells
FAILED = ("bounce", "error", "cancel")
# the models that show statistics of the entries
STATISTICS_MODELS = (
    "res.partner",
    "utm.campaign",
    "crm.interaction.template",
    "crm.interaction.group",
)


class MailingTrace(models.Model):
    """A mass mailing sent to contacts records one entry per contact, with the
    company's mass mailing template, whose delivery status follows the trace.

    A mailing of 10,000 contacts is sent in batches of e-mails: each batch
    records its entries with one INSERT ... SELECT from its traces, and each
    change of the traces' status is one UPDATE of their entries (found by
    ``mailing_trace_id``, an index of the entry table)."""

    _inherit = "mailing.trace"

    def write(self, vals):
        res = super().write(vals)
        if "trace_status" in vals and self._interaction_followed():
            status = vals["trace_status"]
            info = None
            if status in FAILED:
                labels = self._interaction_failure_labels()
                info = vals.get("failure_reason") or labels.get(
                    vals.get("failure_type")
                )
            self._interaction_set_delivery(DELIVERY_STATUS.get(status), info)
        return res

    @api.model
    def _interaction_followed(self):
        """Whether entries may follow traces: only when some company records
        mass mailings (a cached setup), so that every other mailing costs no
        query."""
        return (
            "mailing" in self.env["crm.interaction.document.template"]._codes_set_up()
        )

    @api.model
    def _interaction_failure_labels(self):
        return dict(self._fields["failure_type"]._description_selection(self.env))

    def _interaction_set_delivery(self, status, info=None):
        """The delivery status of the traces' entries: once for the batch the
        mail queue sends, else by one UPDATE at once (an e-mail opened,
        replied to, bounced); never a failure of the mailing."""
        if not self.ids or not status:
            return
        statuses = {trace_id: (status, info) for trace_id in self.ids}
        if follow_later(self.env, "mailing_trace_id", statuses):
            return
        record_safely(
            self.env,
            lambda: follow_deliveries(self.env, "mailing_trace_id", statuses),
            "Could not update the interactions of mailing traces %s",
            self.ids,
        )

    @api.model
    def _interaction_record(self, mailing, model, mails):
        """The entries of the traces of ``mails``, e-mails of ``mailing`` to
        records of ``model``, when the company of the mailing's responsible
        has a mass mailing template; never a failure of the mailing."""
        company = (mailing.user_id or self.env.user).company_id
        template = company.sudo()._interaction_template("mailing")
        if not template:
            return
        record_safely(
            self.env,
            lambda: self._interaction_create_entries(
                mailing, model, mails, template, company
            ),
            "Could not record the mailing %s as interactions",
            mailing.id,
        )

    @api.model
    def _interaction_contact_join(self, model):
        """SQL that joins the traces ``t`` of records of ``model`` to their
        contacts ``p``: the contact itself, or the record's ``partner_id``;
        None for a model without contacts (mailing list contacts)."""
        if model == "res.partner":
            return SQL("JOIN res_partner p ON p.id = t.res_id")
        if model not in self.env:
            return None
        Model = self.env[model]
        field = Model._fields.get("partner_id")
        if not (
            field
            and field.type == "many2one"
            and field.comodel_name == "res.partner"
            and field.store
        ):
            return None
        Model.flush_model(["partner_id"])
        return SQL(
            "JOIN %s r ON r.id = t.res_id JOIN res_partner p ON p.id = r.partner_id",
            SQL.identifier(Model._table),
        )

    @api.model
    def _interaction_create_entries(self, mailing, model, mails, template, company):
        """One entry per trace of ``mails`` to a contact, written by a single
        INSERT ... SELECT, as a segment's entries are."""
        join = self._interaction_contact_join(model)
        if join is None:
            return None
        # created as superuser (recording is the system's job, whatever the
        # rights of the user sending), but said to be logged by that user;
        # the statement reads the traces, contacts and template as stored:
        # record_safely has written what the ORM held
        source = SQL(
            """
            SELECT t.id AS row_order, p.id AS partner_id,
                   p.commercial_partner_id, %(now)s AS date,
                   %(subject)s AS description, %(subject)s AS subject,
                   tpl.id AS template_id, %(user)s AS user_id,
                   'email' AS correspondence_type, 'mailing' AS channel,
                   %(statuses)s::jsonb ->> t.trace_status AS delivery_status,
                   CASE WHEN t.trace_status IN %(failed)s
                        THEN COALESCE(t.failure_reason,
                                      %(failures)s::jsonb ->> t.failure_type)
                   END AS delivery_info,
                   NULLIF(t.email, '') AS contact_via, p.lang,
                   COALESCE(%(campaign)s, tpl.campaign_id) AS campaign_id,
                   'mailing.mailing' AS res_model, %(mailing)s AS res_id,
                   %(subject)s AS document_name, t.id AS mailing_trace_id,
                   %(company)s AS company_id
              FROM mailing_trace t
              %(join)s
              JOIN crm_interaction_template tpl ON tpl.id = %(template)s
             WHERE t.mail_mail_id = ANY(%(mails)s)
               AND t.model = %(model)s
               AND t.trace_type = 'mail'""",
            now=fields.Datetime.now(),
            subject=mailing.subject,
            template=template.id,
            user=mailing.user_id.id or self.env.uid,
            statuses=json.dumps(DELIVERY_STATUS),
            failed=FAILED,
            failures=json.dumps(self._interaction_failure_labels()),
            campaign=mailing.campaign_id.id or None,
            mailing=mailing.id,
            company=company.id,
            join=join,
            mails=mails.ids,
            model=model,
        )
        ids = insert_entries(
            self.env,
            source,
            (
                "partner_id",
                "commercial_partner_id",
                "date",
                "description",
                "subject",
                "template_id",
                "user_id",
                "correspondence_type",
                "channel",
                "delivery_status",
                "delivery_info",
                "contact_via",
                "lang",
                "campaign_id",
                "res_model",
                "res_id",
                "document_name",
                "mailing_trace_id",
                "company_id",
            ),
        )
        # the statistics the cache holds do not count them yet (their fields
        # depend on the context's period); the rest of the cache stays: the
        # send batch goes on with its e-mails and their recipients
        for name in STATISTICS_MODELS:
            Model = self.env[name]
            Model.invalidate_model(
                [
                    field.name
                    for field in Model._fields.values()
                    if "interaction_date_from" in field.get_depends(Model)[1]
                ]
            )
        return self.env["crm.interaction.log.entry"].sudo().browse(ids)

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from psycopg2 import IntegrityError
from psycopg2.extensions import TransactionRollbackError

from odoo import fields, models

_logger = logging.getLogger(__name__)
OCCURRENCE_INDEX = "crm_interaction_log_entry_occurrence_uniq"


def is_interaction_document(env, model_name):
    """Whether records of ``model_name`` are recorded when printed or sent."""
    return (
        bool(model_name)
        and model_name in env
        and isinstance(env[model_name], env.registry["crm.interaction.document.mixin"])
    )


def record_safely(env, record, what, *args):
    """``record()`` in a savepoint; its result, or None when it failed.

    Printing and sending never fail because of the log: a failure is logged on
    the server and nothing is recorded. Only a concurrency conflict goes up, so
    that Odoo runs the request again and the document is recorded after all.
    ``what`` and ``args`` describe the failure in the server log.
    """
    # the caller's pending writes are its own: their errors are not the log's
    env.flush_all()
    try:
        # the caller's precommit hooks (bus messages ...) are left for its
        # commit: the savepoint does not run them (flush=False)
        with env.cr.savepoint(flush=False):
            result = record()
            # the log's own pending writes, inside the savepoint
            env.flush_all()
            return result
    except TransactionRollbackError:
        # a concurrent transaction won: Odoo runs the request again
        raise
    except Exception as error:  # pylint: disable=broad-except
        # what the log wrote in the cache went with the savepoint
        env.clear()
        if (
            isinstance(error, IntegrityError)
            and error.diag.constraint_name == OCCURRENCE_INDEX
        ):
            # Another print of the same document was committed after this
            # transaction began, so this one numbered its print from an old
            # snapshot: fail to serialise, and Odoo runs the request again.
            env.cr.execute(
                """
                DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure',
                    MESSAGE = 'concurrent print of the same document'; END $$""",
                log_exceptions=False,
            )
        _logger.exception(what, *args)
        return None


class CrmInteractionDocumentMixin(models.AbstractModel):
    """A document whose printing and sending is recorded as an interaction.

    A document model inherits this mixin and says which document type a record
    is (``_interaction_document_type``); the company's interaction template
    setup gives the template of each type (``res.company``). Printing
    (``ir.actions.report``) and sending (``mail.compose.message``, the invoice
    sending of ``account.move.send``) call ``_interaction_record``. Adding a
    document type is a ``crm.interaction.document.type`` record and these few
    methods.
    """

    _name = "crm.interaction.document.mixin"
    _description = "Document Recorded as Interaction"

    def _interaction_document_type(self):
        """The code of this record's document type in the template setup
        (``res.company._interaction_template``), or False: not recorded."""
        return False

    def _interaction_partner(self):
        return self.partner_id

    def _interaction_salesperson(self):
        """The document's salesperson; none: whoever prints or sends it."""
        return self.user_id if "user_id" in self._fields else self.env["res.users"]

    def _interaction_company(self):
        return self.company_id if "company_id" in self._fields else self.env.company

    def _interaction_printed_with(self, report):
        """The documents as ``report`` prints them: a report may say what
        they are (a sales order printed as a pro forma invoice)."""
        return self

    def _interaction_report_is_document(self, report):
        """Whether printing ``report`` hands this document to its contact (a
        print to record) rather than making an internal sheet of it."""
        return True

    def _interaction_entry_values(self, template, correspondence_type):
        """The entry that records this document, from the set-up template."""
        self.ensure_one()
        partner = self._interaction_partner()
        values = {
            "partner_id": partner.id,
            "commercial_partner_id": partner.commercial_partner_id.id,
            "template_id": template.id,
            "group_id": template.group_id.id,
            "information_flow": template.information_flow,
            "initiated_by": template.initiated_by,
            "cost": template.unit_cost,
            "duration": template.unit_duration,
            "correspondence_type": correspondence_type,
            "channel": "document",
            "contact_via": partner.email if correspondence_type == "email" else False,
            "lang": partner.lang,
            "user_id": self._interaction_salesperson().id,
            "description": f"{template.name} {self.display_name}",
            "date": fields.Datetime.now(),
            "res_model": self._name,
            "res_id": self.id,
            "document_name": self.display_name,
            "company_id": self._interaction_company().id,
            "campaign_id": template.campaign_id.id,
        }
        if "campaign_id" in self._fields and self.campaign_id:
            values["campaign_id"] = self.campaign_id.id
        if "opportunity_id" in self._fields and self.opportunity_id:
            values["lead_id"] = self.opportunity_id.id
        return values

    def _interaction_next_occurrences(self):
        """{id: how many times the document was recorded, plus one}, for the
        documents of ``self`` in two queries. A transaction lock per document
        makes two prints of the same one at the same moment count 1 and 2."""
        cr = self.env.cr
        ids = sorted(set(self.ids))
        # hashtext, not Python's hash(): every worker must lock the same key
        cr.execute(
            """SELECT pg_advisory_xact_lock(hashtext(%s), id)
                 FROM unnest(%s::int[]) AS id ORDER BY id""",
            (self._name, ids),
        )
        cr.execute(
            """SELECT res_id, MAX(document_occurrence)
                 FROM crm_interaction_log_entry
                WHERE res_model = %s AND res_id = ANY(%s)
             GROUP BY res_id""",
            (self._name, ids),
        )
        done = dict(cr.fetchall())
        return {doc_id: (done.get(doc_id) or 0) + 1 for doc_id in ids}

    def _interaction_values_list(self, correspondence_type):
        """The entries that record the documents of ``self`` that have a
        contact and a set-up template."""
        to_record = []
        for document in self:
            doc_type = document._interaction_document_type()
            if not doc_type or not document._interaction_partner():
                continue
            # the setup is the system's, whatever the user's rights on templates
            template = (
                document._interaction_company().sudo()._interaction_template(doc_type)
            )
            if template:
                to_record.append((document, template, doc_type))
        if not to_record:
            return []
        documents = self.browse([document.id for document, *_rest in to_record])
        occurrences = documents._interaction_next_occurrences()
        user = self.env.user
        vals_list = []
        # read as the user who printed them: the report just read them in this
        # environment, so they are in its cache
        DocumentType = self.env["crm.interaction.document.type"]
        for document, template, doc_type in to_record:
            values = document._interaction_entry_values(template, correspondence_type)
            values.update(
                document_type_id=DocumentType._id_of(doc_type),
                document_occurrence=occurrences[document.id],
                logged_by_id=user.id,
                user_id=values["user_id"] or user.id,
            )
            vals_list.append(values)
        return vals_list

    def _interaction_record(self, correspondence_type):
        """Record one entry per document (``hard_copy`` or ``email``) that has
        a set-up template and a contact; the entries created. Portal and public
        users (a customer downloading their invoice) record nothing."""
        # created as superuser (recording is the system's job, whatever the
        # printing user's rights), but said to be logged by that user
        Entry = self.env["crm.interaction.log.entry"].sudo()
        documents = self.browse(list(dict.fromkeys(self.ids)))
        if not documents or self.env.user.share:
            return Entry.browse()
        entries = record_safely(
            self.env,
            lambda: Entry._bulk_create(
                documents._interaction_values_list(correspondence_type)
            ),
            "Could not record the interaction for %s %s",
            self._name,
            documents.ids,
        )
        return entries if entries is not None else Entry.browse()

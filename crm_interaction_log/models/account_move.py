# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, models

from .switches import CHATTER_EMAILS, PRINTS, switched

INVOICE_DOCUMENT_TYPES = {
    "out_invoice": "sales_invoice",
    "out_refund": "sales_credit_note",
    "in_invoice": "purchase_invoice",
    "in_refund": "purchase_credit_note",
}
# The sending methods of "Print & Send" that hand the invoice's PDF to the user
# to print ("Download"); "by Email" records an e-mail.
HARD_COPY_SENDING_METHODS = {"manual"}


class AccountMove(models.Model):
    """Invoices, credit notes and vendor bills; journal entries and receipts
    are not recorded.

    Odoo 18 prints an invoice in three ways: the Print menu's "PDF" downloads
    its legal PDF (``_get_invoice_legal_documents``), the other Print menu
    reports render it (``ir.actions.report``), "Print & Send" generates and
    sends it (``account.move.send`` below)."""

    _name = "account.move"
    _inherit = ["account.move", "crm.interaction.document.mixin"]

    def _interaction_document_type(self):
        return INVOICE_DOCUMENT_TYPES.get(self.move_type, False)

    def _interaction_salesperson(self):
        return self.invoice_user_id

    def _get_invoice_legal_documents(self, filetype, allow_fallback=False):
        documents = super()._get_invoice_legal_documents(
            filetype, allow_fallback=allow_fallback
        )
        # the Print menu's "PDF": the invoice's PDF, or its pro forma
        if filetype == "pdf" and documents:
            self._interaction_record("hard_copy")
        return documents


class AccountMoveSend(models.AbstractModel):
    """Invoices' "Print & Send", one at a time or as a batch job: one entry
    per invoice sent by e-mail, one per invoice downloaded to print. Making
    its PDF is neither, and its e-mail records the invoice, not an e-mail to
    each recipient."""

    _inherit = "account.move.send"

    @api.model
    def _generate_and_send_invoices(self, moves, from_cron=False, **kwargs):
        with switched(PRINTS, CHATTER_EMAILS):
            return super()._generate_and_send_invoices(
                moves, from_cron=from_cron, **kwargs
            )

    @api.model
    def _hook_if_success(self, moves_data):
        res = super()._hook_if_success(moves_data)
        to_record = defaultdict(lambda: self.env["account.move"])
        for move, move_data in moves_data.items():
            sender = self._interaction_sender(move)
            methods = set(move_data.get("sending_methods") or ())
            # the invoices that super() e-mailed
            if "email" in methods and self._is_applicable_to_move("email", move):
                to_record[sender, "email"] |= move
            if methods & HARD_COPY_SENDING_METHODS:
                to_record[sender, "hard_copy"] |= move
        for (sender, correspondence_type), moves in to_record.items():
            moves.with_user(sender)._interaction_record(correspondence_type)
        return res

    @api.model
    def _interaction_sender(self, move):
        """Who sends the invoice: the user who asked for it, also when the
        batch job sends it later for them (the job's ``sending_data``)."""
        author_id = (move.sending_data or {}).get("author_user_id")
        author = self.env["res.users"].browse(author_id).exists() if author_id else None
        return author or self.env.user

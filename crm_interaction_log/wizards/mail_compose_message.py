# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from ..models.crm_interaction_document_mixin import is_interaction_document
from ..models.switches import CHATTER_EMAILS, switched


class MailComposeMessage(models.TransientModel):
    """Sending a document ("Send by Email" of quotations, orders, transfers,
    or the composer of its chatter) records one e-mail entry per document,
    with the document type's template, instead of an e-mail entry per
    recipient. Hooked on the composer's Send button, not on
    ``_action_send_mail``: Odoo also sends automatic messages through it
    (``message_post_with_source``), which nobody sent to the contact. Logging
    a note sends nothing."""

    _inherit = "mail.compose.message"

    def action_send_mail(self):
        documents = []
        for wizard in self:
            if not is_interaction_document(self.env, wizard.model) or (
                wizard.composition_mode == "comment" and wizard.subtype_is_log
            ):
                continue
            if wizard.res_domain:
                ids = self.env[wizard.model].search(wizard._evaluate_res_domain()).ids
            else:
                ids = wizard._evaluate_res_ids()
            documents.append((wizard.model, ids))
        if not documents:
            return super().action_send_mail()
        with switched(CHATTER_EMAILS):
            res = super().action_send_mail()
        for model, ids in documents:
            self.env[model].browse(ids).exists()._interaction_record("email")
        return res

    def _action_send_mail(self, auto_commit=False):
        """An e-mail opened by Create Interaction (or Resend) logs that
        interaction, with the sent e-mail, instead of a chatter e-mail entry."""
        interaction = self.env["crm.interaction.create.wizard"]._from_composer_context()
        if not interaction:
            return super()._action_send_mail(auto_commit=auto_commit)
        # refused before anything is sent, not after
        interaction._entry_values(postponed=False)
        with switched(CHATTER_EMAILS):
            mails, messages = super()._action_send_mail(auto_commit=auto_commit)
        if messages:
            interaction._log_email(messages[:1])
        return mails, messages

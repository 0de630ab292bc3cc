# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MailComposeMessage(models.TransientModel):
    """Sending a document ("Send by Email") records one e-mail entry per
    document, with the document type's template. Hooked on the composer's
    Send button, not on ``send_mail``: Odoo also sends automatic messages
    through ``send_mail`` (``message_post_with_template``), which nobody sent
    to the contact."""

    _inherit = "mail.compose.message"

    @api.multi
    def send_mail_action(self):
        documents = []
        for wizard in self:
            if wizard.model and wizard.model in self.env and \
                    hasattr(self.env[wizard.model], "_interaction_record"):
                if wizard.composition_mode == "mass_mail":
                    ids = self.env.context.get("active_ids") or []
                else:
                    ids = [wizard.res_id] if wizard.res_id else []
                documents.append((wizard.model, ids))
        res = super(MailComposeMessage, self.with_context(
            crm_interaction_document_send=bool(documents))).send_mail_action()
        for model, ids in documents:
            self.env[model].browse(ids).exists()._interaction_record("email")
        return res

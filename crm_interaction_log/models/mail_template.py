# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MailTemplate(models.Model):
    _inherit = "mail.template"

    @api.multi
    def generate_email(self, res_ids, fields=None):
        # The PDF rendered as the e-mail's attachment is not a print: sending
        # records the document once, as an e-mail (mail.compose.message).
        return super(MailTemplate, self.with_context(crm_interaction_no_log=True)) \
            .generate_email(res_ids, fields=fields)

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from .switches import PRINTS, switched


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def _generate_template_attachments(
        self, res_ids, render_fields, render_results=None
    ):
        # The PDF rendered as the e-mail's attachment is not a print: sending
        # records the document once, as an e-mail (mail.compose.message), and
        # an automatic e-mail records nothing.
        with switched(PRINTS):
            return super()._generate_template_attachments(
                res_ids, render_fields, render_results=render_results
            )

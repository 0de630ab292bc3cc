# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # the company's own lines, as the company form shows them
    interaction_document_template_ids = fields.One2many(
        related="company_id.interaction_document_template_ids",
        readonly=False,
    )

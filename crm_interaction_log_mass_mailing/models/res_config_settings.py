# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.crm_interaction_log.models.res_company import TEMPLATE_DOMAIN


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    interaction_template_mailing_id = fields.Many2one(
        related="company_id.interaction_template_mailing_id",
        readonly=False,
        domain=TEMPLATE_DOMAIN,
        check_company=True,
    )

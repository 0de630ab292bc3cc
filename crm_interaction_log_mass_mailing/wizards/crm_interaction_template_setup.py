# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from ..models.res_company import TEMPLATE_FIELD, mailing_template_field


class CrmInteractionTemplateSetup(models.TransientModel):
    _inherit = "crm.interaction.template.setup"

    interaction_template_mailing_id = mailing_template_field(
        compute="_compute_interaction_templates",
        store=True,
        readonly=False,
        check_company=True,
    )

    def _template_fields(self):
        return super()._template_fields() + [TEMPLATE_FIELD]

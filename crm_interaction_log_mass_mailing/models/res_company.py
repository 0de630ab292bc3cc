# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from odoo.addons.crm_interaction_log.models.res_company import TEMPLATE_DOMAIN

TEMPLATE_FIELD = "interaction_template_mailing_id"


def mailing_template_field(**kwargs):
    """The company's template of mass mailings, as the company, the setup
    wizard and the settings declare it."""
    return fields.Many2one(
        comodel_name="crm.interaction.template",
        string="Mass Mailings",
        ondelete="set null",
        domain=TEMPLATE_DOMAIN,
        help="The interaction recorded for each contact a mass mailing is sent "
        "to. Blank: not recorded.",
        **kwargs,
    )


class ResCompany(models.Model):
    _inherit = "res.company"

    interaction_template_mailing_id = mailing_template_field()

    @api.constrains(TEMPLATE_FIELD)
    def _check_interaction_template_mailing(self):
        for company in self:
            company[TEMPLATE_FIELD]._check_can_record(company)

    def _interaction_template(self, document_type):
        if document_type == "mailing":
            self.ensure_one()
            return self[TEMPLATE_FIELD]
        return super()._interaction_template(document_type)

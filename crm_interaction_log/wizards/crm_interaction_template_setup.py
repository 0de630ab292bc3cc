# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..models.res_company import DOCUMENT_TYPES, _template_field


class CrmInteractionTemplateSetup(models.TransientModel):
    """Interaction Template Setup of a company, for interaction managers:
    which template records each document type when it is printed or sent.
    The values are the company's; managers may set them up without the
    right to change anything else of the company."""

    _name = "crm.interaction.template.setup"
    _description = "Interaction Template Setup"

    company_id = fields.Many2one(
        comodel_name="res.company", required=True,
        default=lambda self: self.env.user.company_id)
    locals().update({
        "interaction_template_%s_id" % key: _template_field(label)
        for key, label in DOCUMENT_TYPES})

    def _setup_fields(self):
        return ["interaction_template_%s_id" % key for key, _label in DOCUMENT_TYPES]

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        company = self.env["res.company"].browse(values.get("company_id"))
        values.update(self._company_values(company))
        return values

    def _company_values(self, company):
        return {name: company.sudo()[name].id for name in self._setup_fields()}

    @api.onchange("company_id")
    def _onchange_company_id(self):
        self.update(self._company_values(self.company_id))

    @api.multi
    def action_save(self):
        self.ensure_one()
        user = self.env.user
        if not user.has_group("crm_interaction_log.group_crm_interaction_manager"):
            raise AccessError(_("Only interaction managers can change the interaction "
                                "template setup."))
        if self.company_id not in user.company_ids:
            raise ValidationError(_("You can only set up the companies you work for."))
        for name in self._setup_fields():
            template = self[name]
            if template.company_id and template.company_id != self.company_id:
                raise ValidationError(
                    _("The interaction template %s belongs to another company.")
                    % template.display_name)
        self.company_id.sudo().write(
            {name: self[name].id for name in self._setup_fields()})
        return {"type": "ir.actions.act_window_close"}

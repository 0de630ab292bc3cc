# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..models.res_company import TEMPLATE_FIELDS, template_field


def _setup_field(document_type):
    """The company's template of a document type, to change in the wizard."""
    return template_field(
        document_type,
        compute="_compute_interaction_templates",
        store=True,
        readonly=False,
        check_company=True,
    )


class CrmInteractionTemplateSetup(models.TransientModel):
    """Interaction Template Setup of a company, for interaction managers:
    which template records each document type when it is printed or sent.
    The values are the company's; managers may set them up without the
    right to change anything else of the company."""

    _name = "crm.interaction.template.setup"
    _description = "Interaction Template Setup"
    _check_company_auto = True

    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    interaction_template_sales_invoice_id = _setup_field("sales_invoice")
    interaction_template_sales_credit_note_id = _setup_field("sales_credit_note")
    interaction_template_sales_quote_id = _setup_field("sales_quote")
    interaction_template_sales_order_id = _setup_field("sales_order")
    interaction_template_purchase_invoice_id = _setup_field("purchase_invoice")
    interaction_template_purchase_credit_note_id = _setup_field("purchase_credit_note")
    interaction_template_purchase_quote_id = _setup_field("purchase_quote")
    interaction_template_purchase_order_id = _setup_field("purchase_order")
    interaction_template_delivery_id = _setup_field("delivery")
    interaction_template_receipt_id = _setup_field("receipt")
    interaction_template_email_id = _setup_field("email")
    interaction_template_meeting_id = _setup_field("meeting")
    interaction_template_sms_id = _setup_field("sms")

    @api.depends("company_id")
    def _compute_interaction_templates(self):
        for wizard in self:
            # sudo: a manager reads the setup without reading the company's
            # other settings
            wizard.update(wizard._company_values(wizard.company_id.sudo()))

    def _setup_fields(self):
        return list(TEMPLATE_FIELDS.values())

    def _company_values(self, company):
        return {name: company[name].id for name in self._setup_fields()}

    def action_save(self):
        self.ensure_one()
        user = self.env.user
        if not user.has_group("crm_interaction_log.group_crm_interaction_manager"):
            raise AccessError(
                self.env._(
                    "Only interaction managers can change the interaction "
                    "template setup."
                )
            )
        if self.company_id not in user.company_ids:
            raise ValidationError(
                self.env._("You can only set up the companies you work for.")
            )
        for name in self._setup_fields():
            template = self[name]
            if template.company_id and template.company_id != self.company_id:
                raise ValidationError(
                    self.env._(
                        "The interaction template %(template)s belongs to another "
                        "company.",
                        template=template.display_name,
                    )
                )
        self.company_id.sudo().write(self._company_values(self))
        return {"type": "ir.actions.act_window_close"}

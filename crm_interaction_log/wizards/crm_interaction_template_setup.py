# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
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
    activity_template_ids = fields.One2many(
        comodel_name="crm.interaction.template.setup.activity",
        inverse_name="setup_id",
        string="Activities Done",
        compute="_compute_activity_template_ids",
        store=True,
        readonly=False,
    )

    @api.depends("company_id")
    def _compute_interaction_templates(self):
        for wizard in self:
            # sudo: a manager reads the setup without reading the company's
            # other settings
            wizard.update(wizard._company_values(wizard.company_id.sudo()))

    @api.depends("company_id")
    def _compute_activity_template_ids(self):
        for wizard in self:
            # sudo: as the company's setup, read by managers; the active
            # activity types, a handful
            types = (
                self.env["mail.activity.type"]
                .sudo()
                .with_company(wizard.company_id)
                .search([("active", "=", True)])
            )
            wizard.activity_template_ids = [Command.clear()] + [
                Command.create(
                    {
                        "activity_type_id": activity_type.id,
                        "template_id": activity_type.interaction_template_id.id,
                    }
                )
                for activity_type in types
            ]

    # not ``_setup_fields``: the ORM's own method, which sets up the fields
    def _template_fields(self):
        return list(TEMPLATE_FIELDS.values())

    def _company_values(self, company):
        return {name: company[name].id for name in self._template_fields()}

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
        for name in self._template_fields():
            self[name]._check_can_record(self.company_id)
        self.company_id.sudo().write(self._company_values(self))
        self._save_activity_templates()
        return {"type": "ir.actions.act_window_close"}

    def _save_activity_templates(self):
        """The templates of the activity types, for the wizard's company."""
        for template, lines in self.activity_template_ids.grouped(
            "template_id"
        ).items():
            template._check_can_record(self.company_id, activities=True)
            types = lines.activity_type_id.sudo().with_company(self.company_id)
            types.filtered(
                lambda activity_type, t=template: activity_type.interaction_template_id
                != t
            ).write({"interaction_template_id": template.id})


class CrmInteractionTemplateSetupActivity(models.TransientModel):
    """The template of an activity type in the Interaction Template Setup."""

    _name = "crm.interaction.template.setup.activity"
    _description = "Interaction Template Setup of an Activity Type"

    setup_id = fields.Many2one(
        comodel_name="crm.interaction.template.setup",
        required=True,
        ondelete="cascade",
    )
    activity_type_id = fields.Many2one(
        comodel_name="mail.activity.type", required=True, ondelete="cascade"
    )
    template_id = fields.Many2one(
        comodel_name="crm.interaction.template",
        string="Interaction Template",
        domain="[('has_attachments', '=', False), "
        "('company_id', 'in', [parent.company_id, False])]",
        help="The interaction recorded when an activity of this type is marked "
        "done. Blank: not recorded.",
    )

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, ValidationError


class CrmInteractionTemplateSetup(models.TransientModel):
    """Interaction Template Setup of a company, for interaction managers:
    which template records each document type when it is printed or sent.
    The values are the company's; managers may set them up without the
    right to change anything else of the company."""

    _name = "crm.interaction.template.setup"
    _inherit = "crm.interaction.checked.mixin"
    _description = "Interaction Template Setup"
    _check_company_auto = True

    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    document_template_ids = fields.One2many(
        comodel_name="crm.interaction.template.setup.document",
        inverse_name="setup_id",
        string="Documents",
        compute="_compute_document_template_ids",
        store=True,
        readonly=False,
    )
    activity_template_ids = fields.One2many(
        comodel_name="crm.interaction.template.setup.activity",
        inverse_name="setup_id",
        string="Activities Done",
        compute="_compute_activity_template_ids",
        store=True,
        readonly=False,
    )

    def _own_company(self):
        """The wizard's company when the user works for it, else none: the
        setup of another company is not shown (nor saved)."""
        self.ensure_one()
        return self.company_id & self.env.user.company_ids

    @api.depends("company_id")
    def _compute_document_template_ids(self):
        for wizard in self:
            # sudo: a manager reads the setup without reading the company's
            # other settings
            lines = wizard._own_company().sudo().interaction_document_template_ids
            wizard.document_template_ids = [Command.clear()] + [
                Command.create(
                    {
                        "document_type_id": line.document_type_id.id,
                        "template_id": line.template_id.id,
                    }
                )
                for line in lines
            ]

    @api.depends("company_id")
    def _compute_activity_template_ids(self):
        for wizard in self:
            if not wizard._own_company():
                wizard.activity_template_ids = [Command.clear()]
                continue
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
        if not self._own_company():
            raise ValidationError(
                self.env._("You can only set up the companies you work for.")
            )
        self._save_document_templates()
        self._save_activity_templates()
        return {"type": "ir.actions.act_window_close"}

    def _save_document_templates(self):
        """The templates of the document types, for the wizard's company."""
        chosen = {
            line.document_type_id: line.template_id
            for line in self.document_template_ids
        }
        for template in chosen.values():
            template._check_can_record(self.company_id)
        # sudo: checked above; managers set up the company's documents
        # without the right to change anything else of the company
        for line in self.company_id.sudo().interaction_document_template_ids:
            template = chosen.get(line.document_type_id)
            if template is not None and line.template_id != template:
                line.template_id = template

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
    _inherit = "crm.interaction.checked.mixin"
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


class CrmInteractionTemplateSetupDocument(models.TransientModel):
    """The template of a document type in the Interaction Template Setup."""

    _name = "crm.interaction.template.setup.document"
    _inherit = "crm.interaction.checked.mixin"
    _description = "Interaction Template Setup of a Document Type"
    _order = "sequence, id"

    setup_id = fields.Many2one(
        comodel_name="crm.interaction.template.setup",
        required=True,
        ondelete="cascade",
    )
    document_type_id = fields.Many2one(
        comodel_name="crm.interaction.document.type",
        required=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(related="document_type_id.sequence")
    template_id = fields.Many2one(
        comodel_name="crm.interaction.template",
        string="Interaction Template",
        domain="[('has_attachments', '=', False), "
        "('company_id', 'in', [parent.company_id, False])]",
        help="The interaction recorded when such a document is printed or sent. "
        "Blank: not recorded.",
    )

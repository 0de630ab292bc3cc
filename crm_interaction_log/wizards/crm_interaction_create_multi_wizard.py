# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.input_check import client_records
from .crm_interaction_create_wizard import _dialog


class CrmInteractionCreateMultiWizard(models.TransientModel):
    """Create Interaction on several contacts: one interaction each, logged
    at once as a segment is."""

    _name = "crm.interaction.create.multi.wizard"
    _inherit = "crm.interaction.checked.mixin"
    _description = "Create Interactions"

    partner_ids = fields.Many2many(
        comodel_name="res.partner", string="Contacts", required=True
    )
    partner_count = fields.Integer(compute="_compute_partner_count")
    template_id = fields.Many2one(
        comodel_name="crm.interaction.template",
        string="Interaction Template",
        required=True,
    )
    description = fields.Char(required=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        required=True,
        default=lambda self: self.env.user,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    campaign_id = fields.Many2one(comodel_name="utm.campaign", index="btree_not_null")

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        for wizard in self:
            wizard.partner_count = len(wizard.partner_ids)

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if self.template_id:
            if not self.description:
                self.description = self.template_id.name
            if self.template_id.campaign_id and not self.campaign_id:
                self.campaign_id = self.template_id.campaign_id

    @api.model
    def action_start(self, partners, template=None):
        """Open the wizard on contacts (and a template): records or, from a
        client, their ids."""
        partners = client_records(self.env["res.partner"], partners)
        if not partners:
            raise UserError(self.env._("Select the contacts to interact with."))
        context = {"default_partner_ids": [Command.set(partners.ids)]}
        if template:
            template = client_records(self.env["crm.interaction.template"], template)
            if len(template) != 1:
                raise UserError(self.env._("Select one interaction template."))
            context["default_template_id"] = template.id
        return _dialog(self.env._("Create Interactions"), self._name, context=context)

    def action_finish(self):
        """A segment of the contacts, logged: one entry each, in one go."""
        self.ensure_one()
        template = self.template_id
        segment = self.env["crm.segment"].create(
            {
                "description": self.description,
                "template_id": template.id,
                "user_id": self.user_id.id,
                "date": self.date,
                "campaign_id": self.campaign_id.id,
                "company_id": (template.company_id or self.env.company).id,
            }
        )
        segment._add_partners(self.partner_ids)
        logged, _followup = segment._log()
        count = self.env["crm.interaction.log.entry"].search_count(
            [("logged_segment_id", "=", logged.id)]
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Interactions logged"),
                "message": self.env._(
                    "%(count)d interactions logged, one for each of the %(contacts)d "
                    "contacts (logged segment %(segment)s).",
                    count=count,
                    contacts=len(self.partner_ids),
                    segment=logged.name,
                ),
                "type": "success",
                "sticky": False,
                "next": logged.action_view_log_entries(),
            },
        }

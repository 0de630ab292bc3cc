# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools

from .crm_interaction_template import TEMPLATE_DOMAIN


class MailActivityType(models.Model):
    """The template that records an activity of this type marked done, per
    company (Interaction Template Setup); blank: not recorded."""

    _inherit = "mail.activity.type"

    interaction_template_id = fields.Many2one(
        comodel_name="crm.interaction.template",
        company_dependent=True,
        ondelete="set null",
        domain=TEMPLATE_DOMAIN,
        groups="crm_interaction_log.group_crm_interaction_manager",
        help="The interaction recorded on the contact when an activity of this "
        "type is marked done, in the current company. Blank: not recorded.",
    )

    @api.constrains("interaction_template_id")
    def _check_interaction_template(self):
        company = self.env.company
        for activity_type in self:
            activity_type.sudo().interaction_template_id._check_can_record(
                company, activities=True
            )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("interaction_template_id") for vals in vals_list):
            self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if "interaction_template_id" in vals:
            self.env.registry.clear_cache()
        return super().write(vals)

    @api.model
    @tools.ormcache()
    def _interaction_recorded_type_ids(self):
        """The activity types that record an interaction in some company:
        marking done an activity of another type costs no query. Cleared
        when a type's template changes."""
        types = self.sudo().with_context(active_test=False)
        return frozenset(
            type_id
            for company in self.env["res.company"].sudo().search([])
            for type_id in types.with_company(company)
            .search([("interaction_template_id", "!=", False)])
            .ids
        )

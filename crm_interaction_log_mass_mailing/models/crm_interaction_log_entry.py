# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmInteractionLogEntry(models.Model):
    _inherit = "crm.interaction.log.entry"

    # how the statuses of a mailing's traces find their entries; most entries
    # are not of a mailing
    mailing_trace_id = fields.Many2one(
        comodel_name="mailing.trace",
        string="Mailing Trace",
        readonly=True,
        copy=False,
        ondelete="set null",
        index="btree_not_null",
        help="The mass mailing's e-mail to the contact, whose delivery the entry "
        "follows.",
    )

    @api.model
    def _audit_field_names(self):
        """The mailing trace records what happened, as the other audit fields."""
        return (*super()._audit_field_names(), "mailing_trace_id")

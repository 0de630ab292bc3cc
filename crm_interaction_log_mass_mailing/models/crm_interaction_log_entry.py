# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.crm_interaction_log.models.input_check import label
from odoo.addons.crm_interaction_log.models.switches import audit_fields_writable


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
    def _check_audit_fields(self, vals, create=False):
        """The mailing trace records what happened, as the other audit fields."""
        super()._check_audit_fields(vals, create=create)
        if vals.get("mailing_trace_id") and not audit_fields_writable(self.env):
            raise AccessError(
                self.env._(
                    "%(fields)s of an interaction log entry record what happened: "
                    "only the interaction log itself sets them.",
                    fields=label(self, self._fields["mailing_trace_id"]),
                )
            )

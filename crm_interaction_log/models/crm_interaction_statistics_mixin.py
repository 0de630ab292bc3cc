# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# What the statistics of a record depend on besides the entries: who reads
# them (record rules), in which companies, and the date filter of the context.
STATISTICS_CONTEXT = (
    "uid",
    "allowed_company_ids",
    "interaction_date_from",
    "interaction_date_to",
)


class CrmInteractionStatisticsMixin(models.AbstractModel):
    """Number, cost and duration of the interactions of a group or template:
    entries neither canceled nor postponed, optionally between the context's
    ``interaction_date_from`` and ``interaction_date_to``; one grouped query."""

    _name = "crm.interaction.statistics.mixin"
    _description = "Interaction Statistics"
    _interaction_statistics_column = None  # the entry column that points here

    entry_count = fields.Integer(
        string="No. of Interactions", compute="_compute_statistics"
    )
    total_cost = fields.Float(
        string="Cost", compute="_compute_statistics", digits=(16, 2)
    )
    total_duration = fields.Float(
        string="Duration (Min.)", compute="_compute_statistics"
    )

    @api.depends_context(*STATISTICS_CONTEXT)
    def _compute_statistics(self):
        # a record being edited in a form is a new record: its figures are
        # those of the saved record it stands for
        stats = self.env["crm.interaction.log.entry"]._statistics_by(
            self._interaction_statistics_column, self._origin.ids
        )
        for record in self:
            record.entry_count, record.total_cost, record.total_duration = stats.get(
                record._origin.id, (0, 0.0, 0.0)
            )[:3]

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .crm_interaction_period_mixin import PERIOD_FIELDS

# What the statistics of a record depend on besides the entries and the
# period chosen: who reads them (record rules, his timezone), in which
# companies, and the date filter of the context.
STATISTICS_CONTEXT = (
    "uid",
    "tz",
    "allowed_company_ids",
    "interaction_date_from",
    "interaction_date_to",
)


class CrmInteractionStatisticsMixin(models.AbstractModel):
    """Number, cost and duration of the interactions of a group, a template or
    a salesperson: entries neither canceled nor postponed, of the period
    chosen (``crm.interaction.period.mixin``); one grouped query a period."""

    _name = "crm.interaction.statistics.mixin"
    _inherit = "crm.interaction.period.mixin"
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

    @api.depends(*PERIOD_FIELDS)
    @api.depends_context(*STATISTICS_CONTEXT)
    def _compute_statistics(self):
        column = self._interaction_statistics_column
        stats = {}
        for counted, records in self._interaction_entries_by_period():
            by_id = counted._statistics_by(column, records._origin.ids)
            stats.update(
                (record, by_id[record._origin.id])
                for record in records
                if record._origin.id in by_id
            )
        for record in self:
            record.entry_count, record.total_cost, record.total_duration = stats.get(
                record, (0, 0.0, 0.0)
            )[:3]

    def _interaction_entries_domain(self):
        """The entries of these records, postponed ones left out."""
        return [
            (self._interaction_statistics_column, "in", self.ids),
            ("postponed", "=", False),
        ]

    def action_view_interaction_log_entries(self):
        """The entries of these records; canceled ones too, which the list
        greys out."""
        return self.env["crm.interaction.log.entry"]._action_view(
            self._interaction_entries_domain()
        )

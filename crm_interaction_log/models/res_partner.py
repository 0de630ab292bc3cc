# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .crm_interaction_statistics_mixin import STATISTICS_CONTEXT
from .crm_interaction_template import CORRESPONDENCE_TYPE


class ResPartner(models.Model):
    _inherit = "res.partner"

    interaction_correspondence_type = fields.Selection(
        selection=CORRESPONDENCE_TYPE,
        string="Correspondence Type",
        help="How this contact prefers to receive interactions of a segment.",
    )
    interaction_count = fields.Integer(
        string="No. of Interactions", compute="_compute_interaction_statistics"
    )
    interaction_cost = fields.Float(
        string="Cost of Interactions",
        compute="_compute_interaction_statistics",
        digits=(16, 2),
    )
    interaction_duration = fields.Float(
        string="Duration of Interactions (Min.)",
        compute="_compute_interaction_statistics",
    )
    interaction_last_attempt_date = fields.Datetime(
        string="Date of Last Interaction Attempt",
        compute="_compute_interaction_statistics",
        help="Latest interaction initiated by us.",
    )
    interaction_last_date = fields.Datetime(
        string="Date of Last Interaction",
        compute="_compute_interaction_statistics",
        help="Latest interaction whose attempt did not fail.",
    )

    @api.depends("is_company")
    @api.depends_context(*STATISTICS_CONTEXT)
    def _compute_interaction_statistics(self):
        """Canceled and postponed entries are not counted. A company counts
        its own entries and those of its persons (one grouped query each)."""
        Entry = self.env["crm.interaction.log.entry"]
        if not Entry.has_access("read"):
            self.update(
                {
                    "interaction_count": 0,
                    "interaction_cost": 0.0,
                    "interaction_duration": 0.0,
                    "interaction_last_attempt_date": False,
                    "interaction_last_date": False,
                }
            )
            return
        # a contact being edited in a form is a new record: its figures are
        # those of the saved contact it stands for
        saved = self.filtered(lambda p: p._origin.id)
        companies = saved.filtered("is_company")._origin
        persons = saved._origin - companies
        stats = {}
        stats.update(Entry._statistics_by("partner_id", persons.ids))
        stats.update(Entry._statistics_by("commercial_partner_id", companies.ids))
        for partner in self:
            count, cost, duration, last_attempt, last = stats.get(
                partner._origin.id, (0, 0.0, 0.0, False, False)
            )
            partner.interaction_count = count
            partner.interaction_cost = cost
            partner.interaction_duration = duration
            partner.interaction_last_attempt_date = last_attempt
            partner.interaction_last_date = last

    @api.ondelete(at_uninstall=False)
    def _unlink_except_interaction_entries(self):
        """A contact's entries are its history: it is archived, not deleted.
        Every entry counts, whoever may read it (one grouped query)."""
        groups = (
            self.env["crm.interaction.log.entry"]
            .sudo()
            ._read_group([("partner_id", "in", self.ids)], groupby=["partner_id"])
        )
        used = self.browse([partner.id for (partner,) in groups])
        if used:
            raise UserError(
                self.env._(
                    "You cannot delete a contact that has interaction log entries "
                    "(%s). Archive it instead.",
                    ", ".join(used.mapped("display_name")),
                )
            )

    def _interaction_entries_domain(self):
        """The contact's entries (a company's include its persons'), postponed
        ones left out."""
        self.ensure_one()
        field = "commercial_partner_id" if self.is_company else "partner_id"
        return [(field, "=", self.id), ("postponed", "=", False)]

    def action_view_interaction_log_entries(self):
        return self.env["crm.interaction.log.entry"]._action_view(
            self._interaction_entries_domain(), {"default_partner_id": self.id}
        )

    def _interaction_report_entries(self):
        """The entries the "Interaction Log" report lists: those of the contact
        (a company's include its persons') the user may read, newest first,
        postponed ones left out."""
        self.ensure_one()
        Entry = self.env["crm.interaction.log.entry"]
        if not Entry.has_access("read"):
            return Entry
        return Entry.search(self._interaction_entries_domain())

    def action_create_interaction(self):
        self.ensure_one()
        return self.env["crm.interaction.create.wizard"].action_start(self)

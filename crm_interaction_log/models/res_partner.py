# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    interaction_correspondence_type = fields.Selection(
        selection=[("hard_copy", "Hard Copy"), ("email", "Email")],
        string="Correspondence Type",
        help="How this contact prefers to receive interactions of a segment.")
    interaction_count = fields.Integer(
        string="No. of Interactions", compute="_compute_interaction_statistics")
    interaction_cost = fields.Float(
        string="Cost of Interactions", compute="_compute_interaction_statistics",
        digits=(16, 2))
    interaction_duration = fields.Float(
        string="Duration of Interactions (Min.)",
        compute="_compute_interaction_statistics")
    interaction_last_attempt_date = fields.Datetime(
        string="Date of Last Interaction Attempt",
        compute="_compute_interaction_statistics",
        help="Latest interaction initiated by us.")
    interaction_last_date = fields.Datetime(
        string="Date of Last Interaction",
        compute="_compute_interaction_statistics",
        help="Latest interaction whose attempt did not fail.")

    def _compute_interaction_statistics(self):
        """Canceled and postponed entries are not counted. A company counts
        its own entries and those of its persons (one grouped query each)."""
        Entry = self.env["crm.interaction.log.entry"]
        if not Entry.check_access_rights("read", raise_exception=False):
            self.update({"interaction_count": 0, "interaction_cost": 0.0,
                         "interaction_duration": 0.0,
                         "interaction_last_attempt_date": False,
                         "interaction_last_date": False})
            return
        companies = self.filtered(lambda p: p.is_company and p.id)
        persons = self.filtered(lambda p: not p.is_company and p.id)
        stats = {}
        stats.update(Entry._statistics_by("partner_id", persons.ids))
        stats.update(Entry._statistics_by("commercial_partner_id", companies.ids))
        for partner in self:
            count, cost, duration, last_attempt, last = stats.get(
                partner.id, (0, 0.0, 0.0, False, False))
            partner.interaction_count = count
            partner.interaction_cost = cost
            partner.interaction_duration = duration
            partner.interaction_last_attempt_date = last_attempt
            partner.interaction_last_date = last

    @api.multi
    def unlink(self):
        self.env.cr.execute(
            "SELECT DISTINCT partner_id FROM crm_interaction_log_entry "
            "WHERE partner_id IN %s", (tuple(self.ids) or (0,),))
        used = self.browse([row[0] for row in self.env.cr.fetchall()])
        if used:
            raise UserError(
                _("You cannot delete a contact that has interaction log entries "
                  "(%s). Archive it instead.") % ", ".join(used.mapped("display_name")))
        return super().unlink()

    @api.multi
    def _interaction_entries_domain(self):
        """The contact's entries (a company's include its persons'), postponed
        ones left out."""
        self.ensure_one()
        field = "commercial_partner_id" if self.is_company else "partner_id"
        return [(field, "=", self.id), ("postponed", "=", False)]

    @api.multi
    def action_view_interaction_log_entries(self):
        return self.env["crm.interaction.log.entry"]._action_view(
            self._interaction_entries_domain(), {"default_partner_id": self.id})

    @api.multi
    def _interaction_report_entries(self):
        """The entries the "Interaction Log" report lists: those of the contact
        (a company's include its persons') the user may read, newest first,
        postponed ones left out."""
        self.ensure_one()
        Entry = self.env["crm.interaction.log.entry"]
        if not Entry.check_access_rights("read", raise_exception=False):
            return Entry
        return Entry.search(self._interaction_entries_domain())

    @api.multi
    def action_create_interaction(self):
        self.ensure_one()
        return self.env["crm.interaction.create.wizard"].action_start(self)

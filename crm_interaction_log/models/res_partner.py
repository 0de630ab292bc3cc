# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

from .crm_interaction_period_mixin import PERIOD_FIELDS
from .crm_interaction_statistics_mixin import STATISTICS_CONTEXT
from .crm_interaction_template import CORRESPONDENCE_TYPE
from .utm_campaign import COUNTED


class ResPartner(models.Model):
    _name = "res.partner"
    # the period mixin first: choosing a period is no change of the contact
    _inherit = ["crm.interaction.period.mixin", "res.partner"]

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
    interaction_postponed_count = fields.Integer(
        string="Postponed Interactions",
        compute="_compute_interaction_postponed_count",
        groups="crm_interaction_log.group_crm_interaction_user",
    )

    @api.depends("is_company", *PERIOD_FIELDS)
    @api.depends_context(*STATISTICS_CONTEXT)
    def _compute_interaction_statistics(self):
        """Canceled and postponed entries are not counted. A company counts
        its own entries and those of its persons (one grouped query each per
        period)."""
        stats = {}
        if self.env["crm.interaction.log.entry"].has_access("read"):
            for counted, partners in self._interaction_entries_by_period():
                companies = partners.filtered("is_company")
                by_id = counted._statistics_by(
                    "partner_id", (partners - companies)._origin.ids
                )
                by_id.update(
                    counted._statistics_by(
                        "commercial_partner_id", companies._origin.ids
                    )
                )
                stats.update(
                    (partner, by_id[partner._origin.id])
                    for partner in partners
                    if partner._origin.id in by_id
                )
        for partner in self:
            count, cost, duration, last_attempt, last = stats.get(
                partner, (0, 0.0, 0.0, False, False)
            )
            partner.interaction_count = count
            partner.interaction_cost = cost
            partner.interaction_duration = duration
            partner.interaction_last_attempt_date = last_attempt
            partner.interaction_last_date = last

    @api.depends("is_company")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_interaction_postponed_count(self):
        """The postponed interactions the user may read (a company's include
        its persons'): one grouped query for persons, one for companies."""
        Entry = self.env["crm.interaction.log.entry"]
        counts = {}
        companies = self.filtered("is_company")
        for field, partners in (
            ("partner_id", self - companies),
            ("commercial_partner_id", companies),
        ):
            if partners._origin:
                counts.update(
                    Entry._read_group(
                        [(field, "in", partners._origin.ids), ("postponed", "=", True)],
                        groupby=[field],
                        aggregates=["__count"],
                    )
                )
        for partner in self:
            partner.interaction_postponed_count = counts.get(partner._origin, 0)

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
                    "(%s). Archive it instead, or have an administrator forget the "
                    "person with Privacy Lookup.",
                    ", ".join(used.mapped("display_name")),
                )
            )

    def _interaction_entries_domain(self, postponed=False):
        """The contact's entries (a company's include its persons'): the
        postponed ones, or all the others."""
        self.ensure_one()
        field = "commercial_partner_id" if self.is_company else "partner_id"
        return [(field, "=", self.id), ("postponed", "=", postponed)]

    def action_view_interaction_log_entries(self):
        """The entries of the selected contacts (a company's include its
        persons')."""
        domain = expression.OR(
            [partner._interaction_entries_domain() for partner in self]
        )
        context = {"default_partner_id": self.id} if len(self) == 1 else {}
        return self.env["crm.interaction.log.entry"]._action_view(domain, context)

    def action_view_postponed_interactions(self):
        """The contact's postponed interactions (a company's include its
        persons'), in the list that resumes or deletes them."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interaction_log.crm_interaction_log_entry_action_postponed"
        )
        action["domain"] = self._interaction_entries_domain(postponed=True)
        return action

    def _interaction_report_entries(self):
        """The entries the "Interaction Log" report lists: those of the contact
        (a company's include its persons') the user may read, newest first,
        postponed ones left out."""
        self.ensure_one()
        Entry = self.env["crm.interaction.log.entry"]
        if not Entry.has_access("read"):
            return Entry
        return Entry.search(self._interaction_entries_domain())

    def action_create_interaction(self, template=None):
        """Create Interaction on one contact; on several, one interaction
        each, logged at once."""
        if not self:
            raise UserError(self.env._("Select the contacts to interact with."))
        if len(self) == 1:
            return self.env["crm.interaction.create.wizard"].action_start(
                self, template=template
            )
        return self.env["crm.interaction.create.multi.wizard"].action_start(
            self, template=template
        )

    # ------------------------------------------------------------------
    # campaigns: the ones a contact was targeted by or responded on
    # ("Responded to Campaign" in the contacts' search)
    # ------------------------------------------------------------------
    interaction_targeted_campaign_ids = fields.Many2many(
        comodel_name="utm.campaign",
        string="Targeted by Campaign",
        compute="_compute_interaction_campaign_ids",
        search="_search_interaction_targeted_campaign_ids",
        groups="crm_interaction_log.group_crm_interaction_user",
    )
    interaction_responded_campaign_ids = fields.Many2many(
        comodel_name="utm.campaign",
        string="Responded to Campaign",
        compute="_compute_interaction_campaign_ids",
        search="_search_interaction_responded_campaign_ids",
        groups="crm_interaction_log.group_crm_interaction_user",
    )

    def _compute_interaction_campaign_ids(self):
        Entry = self.env["crm.interaction.log.entry"]
        partners = [("partner_id", "in", self._origin.ids)]
        for flag, field in (
            ("campaign_target", "interaction_targeted_campaign_ids"),
            ("campaign_response", "interaction_responded_campaign_ids"),
        ):
            campaigns = defaultdict(lambda: self.env["utm.campaign"])
            for partner, campaign in Entry._read_group(
                partners + COUNTED + [(flag, "=", True)], ["partner_id", "campaign_id"]
            ):
                campaigns[partner] |= campaign
            for partner in self:
                partner[field] = campaigns[partner._origin]

    def _search_interaction_targeted_campaign_ids(self, operator, value):
        return self._search_interaction_campaign("campaign_target", operator, value)

    def _search_interaction_responded_campaign_ids(self, operator, value):
        return self._search_interaction_campaign("campaign_response", operator, value)

    @api.model
    def _search_interaction_campaign(self, flag, operator, value):
        """The contacts with a counted entry marked ``flag`` for the campaigns
        of ``operator``/``value``; for a negative operator, those without one.
        ``= False`` finds the contacts without any such entry."""
        negative = operator in expression.NEGATIVE_TERM_OPERATORS
        if negative:
            operator = expression.TERM_OPERATORS_NEGATION[operator]
        entries = COUNTED + [(flag, "=", True)]
        if value is False:
            negative = not negative
        else:
            entries.append(("campaign_id", operator, value))
        Entry = self.env["crm.interaction.log.entry"]
        contacts = Entry._search(entries).subselect(
            SQL.identifier(Entry._table, "partner_id")
        )
        return [("id", "not in" if negative else "in", contacts)]

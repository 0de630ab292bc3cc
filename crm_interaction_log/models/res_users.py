# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

INTERACTION_USER = "crm_interaction_log.group_crm_interaction_user"


class ResUsers(models.Model):
    """The salesperson's interaction statistics: the entries he is the
    salesperson of, as the reference's salesperson card shows them."""

    _name = "res.users"
    # the mixins first: choosing a period is no change of the user
    _inherit = ["crm.interaction.statistics.mixin", "res.users"]
    _interaction_statistics_column = "user_id"

    # every user reads users: only those who may read entries see these; the
    # user's own contact brings its "No. of Interactions" (as a contact)
    entry_count = fields.Integer(
        string="No. of Interactions as Salesperson", groups=INTERACTION_USER
    )
    total_cost = fields.Float(groups=INTERACTION_USER)
    total_duration = fields.Float(groups=INTERACTION_USER)
    interaction_period = fields.Selection(groups=INTERACTION_USER)
    interaction_date_from = fields.Date(groups=INTERACTION_USER)
    interaction_date_to = fields.Date(groups=INTERACTION_USER)

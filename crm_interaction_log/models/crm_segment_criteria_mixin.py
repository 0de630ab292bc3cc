# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

STEP_MODES = [
    ("add", "Add Contacts"),
    ("remove", "Remove Contacts"),
    ("refine", "Refine Contacts"),
    ("add_selected", "Add to Segment"),
]
# The wizard whose values are the criteria of each kind of step: it says them
# in words and applies them again.
STEP_WIZARDS = {
    "add": "crm.segment.contacts.wizard",
    "remove": "crm.segment.contacts.wizard",
    "refine": "crm.segment.contacts.wizard",
    "add_selected": "crm.segment.add.wizard",
}


class CrmSegmentCriteriaMixin(models.AbstractModel):
    """A step that selects the contacts of a segment: an action (add, remove,
    refine) and the criteria it applies, the values of the wizard that
    applied it (``crm.segment.criteria.wizard.mixin``). The steps of a
    segment and those of saved criteria are both such steps."""

    _name = "crm.segment.criteria.mixin"
    _description = "Segment Criteria Step"

    mode = fields.Selection(
        selection=STEP_MODES, string="Action", required=True, readonly=True
    )
    # the wizard's values: many2many as lists of ids, dates as text
    criteria = fields.Json(string="Criteria Values", readonly=True)
    name = fields.Char(string="Criteria", compute="_compute_name")

    @api.depends("mode", "criteria")
    def _compute_name(self):
        actions = dict(self._fields["mode"]._description_selection(self.env))
        for step in self:
            if step.mode not in STEP_WIZARDS:
                step.name = False
                continue
            words = self.env[STEP_WIZARDS[step.mode]]._criteria_words(step.criteria)
            step.name = self.env._(
                "%(action)s: %(criteria)s",
                action=actions[step.mode],
                criteria="; ".join(words) or self.env._("all contacts"),
            )

    def _apply_to(self, segment):
        """Apply the steps to the open ``segment``, in order: each is a step
        of the segment, which Go Back undoes on its own."""
        for step in self:
            self.env[STEP_WIZARDS[step.mode]]._replay(segment, step.mode, step.criteria)
        return True

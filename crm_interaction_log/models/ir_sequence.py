# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

ENTRY_SEQUENCE = "crm.interaction.log.entry"


class IrSequence(models.Model):
    """The entry sequence is read once a process (the entries'
    ``_number_sequence``): a change to it is seen at once."""

    _inherit = "ir.sequence"

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("code") == ENTRY_SEQUENCE for vals in vals_list):
            self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        entry_sequence = vals.get("code") == ENTRY_SEQUENCE or any(
            sequence.code == ENTRY_SEQUENCE for sequence in self
        )
        res = super().write(vals)
        if entry_sequence:
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        if any(sequence.code == ENTRY_SEQUENCE for sequence in self):
            self.env.registry.clear_cache()
        return super().unlink()

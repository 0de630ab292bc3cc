# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ReportInteractionLetter(models.AbstractModel):
    """The values of an interaction's letter: the body of its template's
    letter in the entry's language, merged with the entry by Odoo's mail
    rendering (``mail.render.mixin``)."""

    _name = "report.crm_interaction_log.report_interaction_letter"
    _description = "Interaction Letter"

    @api.model
    def _get_report_values(self, docids, data=None):
        entries = self.env["crm.interaction.log.entry"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": entries._name,
            "docs": entries,
            "letters": entries._interaction_letter_bodies(),
        }

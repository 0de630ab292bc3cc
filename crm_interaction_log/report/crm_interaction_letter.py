# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ReportInteractionLetter(models.AbstractModel):
    """The values of interactions' letters: the body of each one's template
    letter in the entry's language, merged with the entry by Odoo's mail
    rendering (``mail.render.mixin``). The entries come in the report's data
    (``entry_ids``): printed as one document, not a document per record."""

    _name = "report.crm_interaction_log.report_interaction_letter"
    _description = "Interaction Letters"

    @api.model
    def _get_report_values(self, docids, data=None):
        entries = self.env["crm.interaction.log.entry"].browse(
            (data or {}).get("entry_ids") or docids
        )
        return {
            "doc_ids": entries.ids,
            "doc_model": entries._name,
            "docs": entries,
            "letters": entries._interaction_letter_bodies(),
        }

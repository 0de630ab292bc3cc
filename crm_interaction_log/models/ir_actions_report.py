# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class IrActionsReport(models.Model):
    """Printing: every PDF of a recorded document type made for a person --
    the Print menu, the print buttons, many records at once -- goes through
    ``render_qweb_pdf``. HTML previews (``render_qweb_html``) do not."""

    _inherit = "ir.actions.report"

    @api.model
    def render_qweb_pdf(self, res_ids=None, data=None):
        result = super().render_qweb_pdf(res_ids=res_ids, data=data)
        # recorded only once the PDF exists: a print that fails records nothing
        if res_ids and self.model in self.env and \
                hasattr(self.env[self.model], "_interaction_record"):
            ids = [res_ids] if isinstance(res_ids, int) else res_ids
            self.env[self.model].browse(ids).exists()._interaction_record("hard_copy")
        return result

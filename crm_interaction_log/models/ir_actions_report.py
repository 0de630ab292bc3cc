# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from .crm_interaction_document_mixin import is_interaction_document
from .switches import PRINTS, is_switched


class IrActionsReport(models.Model):
    """Printing: every PDF of a recorded document type made for a person --
    the Print menu, the print buttons, many records at once -- goes through
    ``_render_qweb_pdf``. HTML previews (``_render_qweb_html``) do not, nor
    do the PDFs Odoo makes as e-mail attachments (``mail.template``)."""

    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        result = super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        # recorded only once the PDF exists: a print that fails records nothing
        if res_ids and not is_switched(PRINTS):
            report = self._get_report(report_ref)
            if is_interaction_document(self.env, report.model):
                Document = self.env[report.model]
                if Document._interaction_report_is_document(report):
                    ids = [res_ids] if isinstance(res_ids, int) else res_ids
                    documents = Document.browse(ids).exists()
                    documents._interaction_printed_with(report)._interaction_record(
                        "hard_copy"
                    )
        return result

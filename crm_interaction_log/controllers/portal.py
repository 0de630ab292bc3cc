# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.switches import PRINTS, switched


class InteractionCustomerPortal(CustomerPortal):
    """A customer opening or downloading a document from the portal (an
    invoice, a quotation, a purchase order) is not a document we handed out:
    nothing is recorded, whoever follows the link."""

    def _show_report(self, model, report_type, report_ref, download=False):
        with switched(PRINTS):
            return super()._show_report(
                model, report_type, report_ref, download=download
            )

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from ..models.sms_sms import sms_documents


class SmsComposer(models.TransientModel):
    """SMS sent in mass mode record the record each was sent from as the
    document of its entry."""

    _inherit = "sms.composer"

    def _prepare_mass_sms(self, records, sms_record_values):
        documents = {sms_record_values[record.id]["uuid"]: record for record in records}
        with sms_documents(documents):
            return super()._prepare_mass_sms(records, sms_record_values)

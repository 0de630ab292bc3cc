# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MailMail(models.Model):
    """The e-mails of a mass mailing's send batch are created at once, with
    their traces: the batch's entries are recorded from these traces."""

    _inherit = "mail.mail"

    @api.model_create_multi
    def create(self, vals_list):
        mails = super().create(vals_list)
        Trace = self.env["mailing.trace"]
        for (mailing, model), batch in (
            mails.filtered("mailing_id")
            .grouped(lambda mail: (mail.mailing_id, mail.model))
            .items()
        ):
            Trace._interaction_record(mailing, model, batch)
        return mails

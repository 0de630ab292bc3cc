# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each company's template of mass mailings moves from its field
``interaction_template_mailing_id`` to its line of the Interaction Template
Setup, made when the document type was loaded."""

from odoo.tools import SQL
from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not version or not column_exists(
        cr, "res_company", "interaction_template_mailing_id"
    ):
        return
    cr.execute(
        SQL(
            """
            UPDATE crm_interaction_document_template line
               SET template_id = company.interaction_template_mailing_id
              FROM res_company company, crm_interaction_document_type document_type
             WHERE line.company_id = company.id
               AND line.document_type_id = document_type.id
               AND document_type.code = 'mailing'
               AND company.interaction_template_mailing_id IS NOT NULL
            """
        )
    )

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each company's templates of document types move from its fields
``interaction_template_<code>_id`` to its lines of the Interaction Template
Setup, made when the document types were loaded. Odoo drops the fields'
columns after the update."""

from odoo.tools import SQL
from odoo.tools.sql import column_exists

CODES = (
    "sales_invoice",
    "sales_credit_note",
    "sales_quote",
    "sales_order",
    "purchase_invoice",
    "purchase_credit_note",
    "purchase_quote",
    "purchase_order",
    "delivery",
    "receipt",
    "email",
    "meeting",
    "sms",
)


def copy_company_templates(cr, codes):
    for code in codes:
        column = f"interaction_template_{code}_id"
        if not column_exists(cr, "res_company", column):
            continue
        cr.execute(
            SQL(
                """
                UPDATE crm_interaction_document_template line
                   SET template_id = company.%(column)s
                  FROM res_company company, crm_interaction_document_type document_type
                 WHERE line.company_id = company.id
                   AND line.document_type_id = document_type.id
                   AND document_type.code = %(code)s
                   AND company.%(column)s IS NOT NULL
                """,
                column=SQL.identifier(column),
                code=code,
            )
        )


def migrate(cr, version):
    if version:
        copy_company_templates(cr, CODES)

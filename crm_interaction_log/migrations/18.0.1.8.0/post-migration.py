# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The entries of printed or sent documents keep their document type from now
on. Those recorded before get it where it is known for sure: invoices and
credit notes by the move's type, transfers by their operation type, quotes and
orders by the set-up template they were recorded with, when only one type of
the entry's company has it. The others keep none."""

import json

from odoo.tools import SQL

from odoo.addons.crm_interaction_log.models.account_move import (
    INVOICE_DOCUMENT_TYPES,
)
from odoo.addons.crm_interaction_log.models.stock_picking import (
    PICKING_DOCUMENT_TYPES,
)

KINDS = (
    ("account.move", "SELECT id, move_type FROM account_move", INVOICE_DOCUMENT_TYPES),
    (
        "stock.picking",
        """SELECT p.id, t.code FROM stock_picking p
             JOIN stock_picking_type t ON t.id = p.picking_type_id""",
        PICKING_DOCUMENT_TYPES,
    ),
)
BY_TEMPLATE = {
    "sale.order": ["sales_quote", "sales_order"],
    "purchase.order": ["purchase_quote", "purchase_order"],
}


def migrate(cr, version):
    if not version:
        return
    for model, kinds, codes in KINDS:
        cr.execute(
            SQL(
                """
            UPDATE crm_interaction_log_entry e
               SET document_type_id = dt.id
              FROM (%(kinds)s) AS d(id, kind)
              JOIN jsonb_each_text(%(codes)s::jsonb) AS m(kind, code)
                ON m.kind = d.kind
              JOIN crm_interaction_document_type dt ON dt.code = m.code
             WHERE e.res_model = %(model)s AND e.res_id = d.id
               AND e.document_type_id IS NULL""",
                kinds=SQL(kinds),
                codes=json.dumps(codes),
                model=model,
            )
        )
    for model, codes in BY_TEMPLATE.items():
        cr.execute(
            SQL(
                """
            UPDATE crm_interaction_log_entry e
               SET document_type_id = m.type_id
              FROM (SELECT l.company_id, l.template_id,
                           MIN(l.document_type_id) AS type_id
                      FROM crm_interaction_document_template l
                      JOIN crm_interaction_document_type dt
                        ON dt.id = l.document_type_id
                     WHERE dt.code = ANY(%(codes)s) AND l.template_id IS NOT NULL
                  GROUP BY l.company_id, l.template_id
                    HAVING COUNT(*) = 1) m
             WHERE e.res_model = %(model)s AND e.document_type_id IS NULL
               AND e.company_id = m.company_id AND e.template_id = m.template_id""",
                codes=codes,
                model=model,
            )
        )

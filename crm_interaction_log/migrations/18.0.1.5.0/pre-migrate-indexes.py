# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools.sql import drop_index

# The statistics indexes of earlier versions did not include company_id: the
# company record rule then read the table. They are dropped here and built
# again, with it, by the entries' init.
OLD_STATISTICS_INDEXES = (
    "crm_interaction_log_entry_partner_stat_idx",
    "crm_interaction_log_entry_company_stat_idx",
)
# Single-column indexes that the (column, date) indexes of the entries' init
# serve as well; each index makes every update of an entry slower.
OLD_COLUMN_INDEXES = (
    "crm_interaction_log_entry__template_id_index",
    "crm_interaction_log_entry__user_id_index",
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "SELECT indexname FROM pg_indexes WHERE indexname IN %s"
        " AND indexdef NOT LIKE %s",
        (OLD_STATISTICS_INDEXES, "%company_id)%"),
    )
    for (name,) in cr.fetchall():
        drop_index(cr, name, "crm_interaction_log_entry")
    for name in OLD_COLUMN_INDEXES:
        drop_index(cr, name, "crm_interaction_log_entry")

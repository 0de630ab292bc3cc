# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tools import SQL

# the functions of the triggers that keep the statistics by contact and the
# analysis
TRIGGER_FUNCTIONS = (
    "crm_interaction_statistics_insert",
    "crm_interaction_statistics_recompute",
    "crm_interaction_analysis_insert",
    "crm_interaction_analysis_update",
    "crm_interaction_analysis_delete",
)


def uninstall_hook(env):
    """Uninstalling drops the module's tables, and with them the triggers
    that keep the statistics; the trigger functions go here."""
    for name in TRIGGER_FUNCTIONS:
        env.cr.execute(
            SQL("DROP FUNCTION IF EXISTS %s() CASCADE", SQL.identifier(name))
        )
    env.cr.execute("DROP FUNCTION IF EXISTS crm_interaction_analysis_slot(timestamp)")

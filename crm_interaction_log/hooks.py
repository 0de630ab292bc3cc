# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def uninstall_hook(env):
    """Uninstalling drops the module's tables, and with them the triggers
    that keep the statistics; the trigger functions go here."""
    env.cr.execute(
        "DROP FUNCTION IF EXISTS crm_interaction_statistics_insert() CASCADE"
    )
    env.cr.execute(
        "DROP FUNCTION IF EXISTS crm_interaction_statistics_recompute() CASCADE"
    )

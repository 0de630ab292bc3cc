# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def migrate(cr, version):
    """The summary by period that answered the entries' grouping gives way to
    the Interaction Analysis (``crm.interaction.analysis``), which the module
    builds from the entries when it creates its table: the summary's triggers,
    their functions and its table go first, so that no entry written during
    the upgrade is summed into a table that is going away."""
    if not version:
        return
    cr.execute("""
        DROP TRIGGER IF EXISTS crm_interaction_period_statistics_insert
            ON crm_interaction_log_entry;
        DROP TRIGGER IF EXISTS crm_interaction_period_statistics_update
            ON crm_interaction_log_entry;
        DROP TRIGGER IF EXISTS crm_interaction_period_statistics_delete
            ON crm_interaction_log_entry;
        DROP FUNCTION IF EXISTS crm_interaction_period_statistics_insert() CASCADE;
        DROP FUNCTION IF EXISTS crm_interaction_period_statistics_update() CASCADE;
        DROP FUNCTION IF EXISTS crm_interaction_period_statistics_delete() CASCADE;
        DROP TABLE IF EXISTS crm_interaction_period_statistics CASCADE""")

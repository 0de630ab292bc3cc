# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def migrate(cr, version):
    """Logged segments canceled before entries kept the mark "canceled with
    the segment": their canceled entries are taken as canceled with it, so
    that restoring the segment restores them."""
    if not version:
        return
    cr.execute("""
        UPDATE crm_interaction_log_entry e
           SET canceled_with_segment = TRUE
          FROM crm_logged_segment s
         WHERE s.id = e.logged_segment_id
           AND s.canceled IS TRUE
           AND e.canceled IS TRUE
           AND e.canceled_with_segment IS NOT TRUE""")

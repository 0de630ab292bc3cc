# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def migrate(cr, version):
    """The entries' channel, for the entries of earlier versions: from what
    they recorded, in one statement (the ORM would fill the new required
    column with its default, then the timeline would call every entry
    manual)."""
    if not version:
        return
    cr.execute("""
        ALTER TABLE crm_interaction_log_entry
        ADD COLUMN IF NOT EXISTS channel varchar""")
    cr.execute("""
        UPDATE crm_interaction_log_entry
           SET channel = CASE
                   WHEN logged_segment_id IS NOT NULL THEN 'segment'
                   WHEN document_occurrence IS NOT NULL THEN 'document'
                   WHEN correspondence_type = 'email'
                        AND (res_model IS NOT NULL OR mail_message_id IS NOT NULL)
                       THEN 'email'
                   ELSE 'manual'
               END
         WHERE channel IS NULL""")

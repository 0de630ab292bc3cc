# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def migrate(cr, version):
    """The logged segments of earlier versions sent their e-mails while they
    were logged: those whose entries went by e-mail with a delivery status
    are the ones logged with "send attachments", their e-mails all queued."""
    if not version:
        return
    cr.execute("""
        UPDATE crm_logged_segment s
           SET send_attachments = TRUE
         WHERE send_attachments IS NOT TRUE
           AND EXISTS (
               SELECT 1 FROM crm_interaction_log_entry e
                WHERE e.logged_segment_id = s.id
                  AND e.correspondence_type = 'email'
                  AND e.delivery_status IS NOT NULL)""")

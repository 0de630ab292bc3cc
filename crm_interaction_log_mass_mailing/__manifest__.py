# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Contact Interaction Log - Mass Mailing",
    "summary": "Record a mass mailing as an interaction log entry on each contact "
    "it is sent to, following its delivery",
    "version": "18.0.1.2.0",
    "category": "Marketing/Email Marketing",
    "website": "https://github.com/crm-interaction-log/crm_interaction_log",
    "author": "crm_interaction_log contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_interaction_log",
        "mass_mailing",
    ],
    "data": [
        "data/crm_interaction_document_type_data.xml",
        "views/crm_interaction_log_entry_views.xml",
        "views/crm_segment_wizard_views.xml",
    ],
    "auto_install": True,
}

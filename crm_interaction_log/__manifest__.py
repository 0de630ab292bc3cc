# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Contact Interaction Log",
    "summary": "Record every letter, call, e-mail, meeting and printed document "
               "as an interaction log entry on the contact",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://github.com/crm-interaction-log/crm_interaction_log",
    "author": "crm_interaction_log contributors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": [
        "contacts",
        "crm",
        "mail",
        "utm",
    ],
    "data": [
    ],
    "demo": [
    ],
}

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Contact Interaction Log - Repairs",
    "summary": "Record a printed or sent repair quotation or repair order as an "
    "interaction log entry on its customer",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/crm-interaction-log/crm_interaction_log",
    "author": "crm_interaction_log contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_interaction_log",
        "repair",
    ],
    "data": [
        "data/crm_interaction_document_type_data.xml",
    ],
    "auto_install": True,
}

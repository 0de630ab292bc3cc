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
        "account_invoicing",
        "contacts",
        "crm",
        "mail",
        "purchase",
        "sale_crm",
        "sale_management",
        "utm",
    ],
    "data": [
        "security/crm_interaction_log_security.xml",
        "security/ir.model.access.csv",
        "security/crm_interaction_log_rules.xml",
        "data/ir_sequence_data.xml",
        "views/crm_interaction_group_views.xml",
        "views/crm_interaction_template_views.xml",
        "views/crm_interaction_log_entry_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/crm_interaction_create_wizard_views.xml",
        "wizards/crm_interaction_misc_wizard_views.xml",
        "views/crm_segment_views.xml",
        "wizards/crm_segment_wizard_views.xml",
        "views/crm_interaction_log_menus.xml",
    ],
    "demo": [
        "demo/crm_interaction_log_demo.xml",
    ],
}

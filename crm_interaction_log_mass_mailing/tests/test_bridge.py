# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_interaction_log.tests.bridge_checks import BridgeChecks


@tagged("post_install", "-at_install")
class TestBridge(BridgeChecks, TransactionCase):
    """Its translations, complete in the five languages, and its test modules,
    each seen by Odoo's runner."""

    module = "crm_interaction_log_mass_mailing"
    term = "Mass Mailings"
    document_type = "document_type_mailing"

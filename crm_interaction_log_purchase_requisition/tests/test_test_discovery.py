# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import os

from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_interaction_log.tests.test_test_discovery import (
    unimported_test_modules,
)

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))


@tagged("post_install", "-at_install")
class TestTestDiscovery(TransactionCase):
    def test_every_test_module_is_imported(self):
        self.assertEqual(
            unimported_test_modules(TESTS_DIR),
            [],
            "test modules that Odoo's test runner does not see: import them in "
            f"{os.path.join(TESTS_DIR, '__init__.py')}",
        )

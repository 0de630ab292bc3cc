# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The checks every bridge addon runs on itself: mixed into a test case of
the bridge, which says which bridge it is (a mixin, not a test case, so that
no runner runs it on its own)."""

import os
import re

import polib

from odoo.modules.module import get_module_path

from .test_test_discovery import unimported_test_modules

PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdrf]")
LANGUAGES = ("sv", "nb", "fi", "nl", "ru")


class BridgeChecks:
    """``module``: the bridge; ``term``: a term of its .pot;
    ``document_type``: the XML id, in the bridge, of a document type it adds."""

    module = None
    term = None
    document_type = None

    def read_po(self, name):
        i18n = os.path.join(get_module_path(self.module), "i18n")
        return {
            entry.msgid: entry.msgstr
            for entry in polib.pofile(os.path.join(i18n, name))
            if not entry.obsolete
        }

    def test_every_term_is_translated_in_every_language(self):
        """The bridge speaks the five languages of the core, every term."""
        template = self.read_po(self.module + ".pot")
        self.assertIn(self.term, template)
        for code in LANGUAGES:
            with self.subTest(code=code):
                translations = self.read_po(code + ".po")
                self.assertEqual(set(translations), set(template))
                self.assertFalse(
                    [source for source, value in translations.items() if not value]
                )
                for source, value in translations.items():
                    self.assertEqual(
                        sorted(PLACEHOLDER.findall(source)),
                        sorted(PLACEHOLDER.findall(value)),
                        source,
                    )

    def test_swedish_user_reads_the_setup_in_swedish(self):
        self.assertTrue(self.env["res.lang"]._activate_lang("sv_SE"))
        self.env["ir.module.module"]._load_module_terms(
            [self.module], ["sv_SE"], overwrite=True
        )
        document_type = self.env.ref(f"{self.module}.{self.document_type}")
        label = document_type.with_context(lang="sv_SE").name
        self.assertEqual(label, self.read_po("sv.po")[document_type.name])
        self.assertNotEqual(label, document_type.name)

    def test_every_test_module_is_imported(self):
        tests_dir = os.path.join(get_module_path(self.module), "tests")
        self.assertEqual(
            unimported_test_modules(tests_dir),
            [],
            "test modules that Odoo's test runner does not see: import them in "
            f"{os.path.join(tests_dir, '__init__.py')}",
        )

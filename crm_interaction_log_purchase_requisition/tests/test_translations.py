# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import os
import re

import polib

from odoo.tests import TransactionCase, tagged

MODULE = "crm_interaction_log_purchase_requisition"
I18N = os.path.join(os.path.dirname(os.path.dirname(__file__)), "i18n")
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdrf]")
LANGUAGES = ("sv", "nb", "fi", "nl", "ru")


def read_po(name):
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(os.path.join(I18N, name))
        if not entry.obsolete
    }


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_every_term_is_translated_in_every_language(self):
        """The bridge speaks the five languages of the core, every term."""
        template = read_po(MODULE + ".pot")
        self.assertIn("Purchase Agreements", template)
        for code in LANGUAGES:
            with self.subTest(code=code):
                translations = read_po(code + ".po")
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
            [MODULE], ["sv_SE"], overwrite=True
        )
        document_type = self.env.ref(MODULE + ".document_type_purchase_agreement")
        label = document_type.with_context(lang="sv_SE").name
        self.assertEqual(label, read_po("sv.po")[document_type.name])
        self.assertNotEqual(label, document_type.name)

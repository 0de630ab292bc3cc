# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import os
import re

from odoo.exceptions import ValidationError
from odoo.tools.translate import PoFile

from .common import InteractionCase

I18N = os.path.join(os.path.dirname(os.path.dirname(__file__)), "i18n")
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdrf]")
# the terminology of the reference's pages in each language (shared/seeds)
TERMS = {
    "sv_SE": ("sv", "Interaktionsmallar", "Interaktionsloggposter"),
    "nb_NO": ("nb", "Samhandlingsmaler", "Samhandlingsposter"),
    "fi_FI": ("fi", "Vuorovaikutusmallit", "Vuorovaikutuslokin tapahtumat"),
    "nl_NL": ("nl", "Interactiesjablonen", "Interactielogposten"),
    "ru_RU": ("ru", "Шаблоны взаимодействий", "Журналы взаимодействий"),
}
# terms that read the same in the language: left empty, as OCA's .po files do
SAME_IN = {
    "sv": {"Filter", "ID", "Neutral", "Segment"},
    "nb": {"Filter", "ID", "Segment"},
    "fi": set(),
    "nl": {"Code", "Contact", "Details", "Document", "E-mail", "E-mails", "Filter", "ID",
           "Manager", "Open", "Segment"},
    "ru": set(),
}
MODEL_NAMES = {"ir.actions.report", "ir.attachment", "res.config.settings"}


def read_po(name):
    """{source: translation} as Odoo's own .po reader reads the file."""
    with open(os.path.join(I18N, name), "rb") as f:
        return {source: value for _type, _name, _id, source, value, _c in PoFile(f)}


class TestTranslations(InteractionCase):

    def load(self, lang):
        self.env["res.lang"].load_lang(lang)
        self.env["ir.module.module"].search(
            [("name", "=", "crm_interaction_log")])._update_translations(lang)

    def test_swedish_user_sees_swedish_menus(self):
        self.load("sv_SE")
        self.salesman.lang = "sv_SE"
        Menu = self.env["ir.ui.menu"].sudo(self.salesman).with_context(
            lang=self.salesman.lang)
        names = set(Menu.search([]).mapped("name"))
        for swedish in ("Interaktioner", "Interaktionsloggposter", "Segment",
                        "Uppskjutna interaktioner", "Interaktionsanalys"):
            self.assertIn(swedish, names)
        self.assertNotIn("Interaction Log Entries", names)
        managers = self.env["ir.ui.menu"].sudo(self.manager).with_context(lang="sv_SE")
        self.assertEqual(managers.browse(self.env.ref(
            "crm_interaction_log.crm_interaction_template_menu").id).name,
            "Interaktionsmallar")

    def test_each_language_has_the_reference_terminology(self):
        templates = self.env.ref("crm_interaction_log.crm_interaction_template_menu")
        entries = self.env.ref("crm_interaction_log.crm_interaction_log_entry_action")
        for lang, (_code, template_term, entries_term) in TERMS.items():
            self.load(lang)
            self.assertEqual(templates.with_context(lang=lang).name, template_term)
            self.assertEqual(entries.with_context(lang=lang).name, entries_term)

    def test_errors_speak_the_users_language(self):
        self.load("nl_NL")
        self.manager.lang = "nl_NL"
        Template = self.env["crm.interaction.template"].sudo(self.manager).with_context(
            lang="nl_NL")
        with self.assertRaisesRegex(ValidationError, "Omschrijving is verplicht"):
            Template.create({"code": "NEG"})
        with self.assertRaisesRegex(ValidationError,
                                    "Eenheidskosten kan niet negatief zijn"):
            Template.create({"code": "NEG", "name": "Negative", "unit_cost": -1.0,
                             "group_id": self.group.id})
        with self.assertRaisesRegex(ValidationError, "Informatiestroom: 'sideways' is niet"):
            Template.create({"code": "NEG", "name": "Sideways", "information_flow": "sideways",
                             "group_id": self.group.id})

    def test_every_term_is_translated_in_every_language(self):
        template = read_po("crm_interaction_log.pot")
        self.assertGreater(len(template), 300)
        for _lang, (code, _t, _e) in TERMS.items():
            translations = read_po(code + ".po")
            self.assertEqual(set(translations), set(template), code)
            untranslated = {src for src, value in translations.items() if not value}
            self.assertEqual(untranslated, SAME_IN[code] | MODEL_NAMES, code)
            for src, value in translations.items():
                if value:
                    self.assertEqual(sorted(PLACEHOLDER.findall(src)),
                                     sorted(PLACEHOLDER.findall(value)), (code, src))

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import os
import re

import polib
from babel.messages.extract import extract_python

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import InteractionCase

MODULE = "crm_interaction_log"
I18N = os.path.join(os.path.dirname(os.path.dirname(__file__)), "i18n")
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdrf]")
# the terminology of the reference's pages in each language (shared/seeds)
TERMS = {
    "sv_SE": ("sv", "Interaktionsmallar", "Interaktionslogg"),
    "nb_NO": ("nb", "Samhandlingsmaler", "Samhandlingsposter"),
    "fi_FI": ("fi", "Vuorovaikutusmallit", "Vuorovaikutuslokin tapahtumat"),
    "nl_NL": ("nl", "Interactiesjablonen", "Interactielogposten"),
    "ru_RU": ("ru", "Шаблоны взаимодействия", "Журналы взаимодействий"),
}
# terms that read the same in the language: left empty, as OCA's .po files do
SAME_IN = {
    "sv": {"Filter", "ID", "Neutral", "Segment"},
    "nb": {"Filter", "ID", "Segment", "SMS"},
    "fi": set(),
    "nl": {
        "Code",
        "Contact",
        "Criteria",
        "Details",
        "Document",
        '<span class="o_stat_text">Document</span>',
        "E-mail",
        "E-mails",
        "Filter",
        "ID",
        "Manager",
        "Open",
        "Segment",
    },
    "ru": {"SMS"},
}
# The names of Odoo's own models this module extends (ir.actions.report,
# res.config.settings, ...) are exported with its terms; Odoo translates them.
ODOO_MODEL_NAME = re.compile(rf"model:ir\.model,name:{MODULE}\.model_(?!crm_)\w+$")


def read_po(name):
    """{source: (translation, occurrences)} of a .po or .pot file."""
    return {
        entry.msgid: (entry.msgstr, [place for place, _line in entry.occurrences])
        for entry in polib.pofile(os.path.join(I18N, name))
        if not entry.obsolete
    }


def has_words(source):
    """Whether a term has words to translate: placeholders, tags, numbers
    (a date as an example of a format) and punctuation alone read the same
    in every language."""
    text = re.sub(r"<[^>]*>", "", PLACEHOLDER.sub("", source))
    return bool(re.search(r"[^\W\d_]", text))


def may_stay_untranslated(code, source, occurrences):
    return (
        source in SAME_IN[code]
        or not has_words(source)
        or (occurrences and all(ODOO_MODEL_NAME.match(place) for place in occurrences))
    )


@tagged("post_install", "-at_install")
class TestTranslations(InteractionCase):
    def load(self, lang):
        """Activate a language and load the module's terms in it, as Settings >
        Languages does."""
        self.assertTrue(self.env["res.lang"]._activate_lang(lang))
        self.env["ir.module.module"]._load_module_terms(
            [MODULE], [lang], overwrite=True
        )

    def test_swedish_user_sees_swedish_menus(self):
        self.load("sv_SE")
        self.salesman.lang = "sv_SE"
        Menu = (
            self.env["ir.ui.menu"]
            .with_user(self.salesman)
            .with_context(lang=self.salesman.lang)
        )
        names = set(Menu.search([]).mapped("name"))
        for swedish in (
            "Interaktioner",
            "Interaktionslogg",
            "Segment",
            "Uppskjutna interaktioner",
            "Interaktionsanalys",
        ):
            self.assertIn(swedish, names)
        self.assertNotIn("Interaction Log Entries", names)
        managers = (
            self.env["ir.ui.menu"].with_user(self.manager).with_context(lang="sv_SE")
        )
        menu = managers.browse(
            self.env.ref("crm_interaction_log.crm_interaction_template_menu").id
        )
        self.assertEqual(menu.name, "Interaktionsmallar")
        # the clean-up as the Swedish reference page names it
        self.assertIn(
            "Ta bort avbrutna interaktionsloggar",
            managers.search([]).mapped("name"),
        )

    def test_each_language_has_the_reference_terminology(self):
        templates = self.env.ref("crm_interaction_log.crm_interaction_template_menu")
        entries = self.env.ref("crm_interaction_log.crm_interaction_log_entry_action")
        for lang, (_code, template_term, entries_term) in TERMS.items():
            with self.subTest(lang=lang):
                self.load(lang)
                self.assertEqual(templates.with_context(lang=lang).name, template_term)
                self.assertEqual(entries.with_context(lang=lang).name, entries_term)

    def test_errors_speak_the_users_language(self):
        self.load("nl_NL")
        self.manager.lang = "nl_NL"
        Template = (
            self.env["crm.interaction.template"]
            .with_user(self.manager)
            .with_context(lang="nl_NL")
        )
        with self.assertRaisesRegex(ValidationError, "Omschrijving is verplicht"):
            Template.create({"code": "NEG"})
        with self.assertRaisesRegex(
            ValidationError, "Eenheidskosten kan niet negatief zijn"
        ):
            Template.create(
                {
                    "code": "NEG",
                    "name": "Negative",
                    "unit_cost": -1.0,
                    "group_id": self.group.id,
                }
            )
        with self.assertRaisesRegex(
            ValidationError, "Informatiestroom: 'sideways' is niet"
        ):
            Template.create(
                {
                    "code": "NEG",
                    "name": "Sideways",
                    "information_flow": "sideways",
                    "group_id": self.group.id,
                }
            )

    def test_the_export_reads_every_python_file_to_its_end(self):
        """Odoo's export reads the terms of the code with Babel, which gives up
        on a file at a call of ``_()`` it cannot read (an f-string among its
        arguments) and drops that file's later terms from the .pot."""
        addon = os.path.dirname(I18N)
        for folder, _dirs, files in os.walk(addon):
            for name in files:
                if not name.endswith(".py"):
                    continue
                path = os.path.join(folder, name)
                with (
                    self.subTest(path=os.path.relpath(path, addon)),
                    open(path, "rb") as f,
                ):
                    list(extract_python(f, ["_", "_lt"], [], {}))

    def test_every_term_is_translated_in_every_language(self):
        template = read_po(MODULE + ".pot")
        self.assertGreater(len(template), 300)
        for _lang, (code, _t, _e) in TERMS.items():
            with self.subTest(code=code):
                translations = read_po(code + ".po")
                self.assertEqual(set(translations), set(template))
                untranslated = {
                    source
                    for source, (value, occurrences) in translations.items()
                    if not value
                    and not may_stay_untranslated(code, source, occurrences)
                }
                self.assertFalse(untranslated)
                for source, (value, _occurrences) in translations.items():
                    if value:
                        self.assertEqual(
                            sorted(PLACEHOLDER.findall(source)),
                            sorted(PLACEHOLDER.findall(value)),
                            source,
                        )

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import InteractionCase


class TestTranslations(InteractionCase):

    def test_swedish_user_sees_swedish_menus(self):
        self.env["res.lang"].load_lang("sv_SE")
        self.env["ir.module.module"].search(
            [("name", "=", "crm_interaction_log")])._update_translations("sv_SE")
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

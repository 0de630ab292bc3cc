# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..models.switches import AUDIT_FIELDS, switched
from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestInteractionLogEntry(InteractionCase):
    def test_entry_takes_template_values(self):
        entry = self.log(self.person, description="Called about the offer")
        self.assertTrue(entry.name.startswith("INT"))
        self.assertEqual(entry.commercial_partner_id, self.company)
        self.assertEqual(entry.group_id, self.group)
        self.assertEqual((entry.cost, entry.duration), (2.5, 15))
        self.assertEqual(entry.information_flow, "outbound")
        self.assertEqual(entry.initiated_by, "us")
        self.assertEqual(entry.correspondence_type, "hard_copy")
        self.assertEqual(entry.subject, "Called about the offer")
        self.assertEqual(entry.user_id, self.salesman)
        self.assertEqual(entry.logged_by_id, self.salesman)
        self.assertEqual(entry.company_id, self.salesman.company_id)

    def test_given_values_win_over_template(self):
        entry = self.log(self.person, cost=9, duration=1, subject="Other subject")
        self.assertEqual(
            (entry.cost, entry.duration, entry.subject), (9, 1, "Other subject")
        )

    def test_entry_numbers_are_unique(self):
        names = {self.log(self.person).name for _i in range(5)}
        self.assertEqual(len(names), 5)

    def test_negative_values_refused(self):
        with self.assertRaises(ValidationError):
            self.log(self.person, cost=-1)
        with self.assertRaises(ValidationError):
            self.log(self.person, duration=-1)
        self.assertFalse(
            self.env["crm.interaction.log.entry"].search(
                [("partner_id", "=", self.person.id)]
            )
        )

    def test_switch_canceled_mark_on_many(self):
        entries = self.log(self.person) | self.log(self.person2)
        entries = entries.with_user(self.salesman)
        action = entries.action_toggle_canceled()
        self.env[action["res_model"]].with_user(self.salesman).browse(
            action["res_id"]
        ).action_confirm()
        self.assertEqual(entries.mapped("canceled"), [True, True])
        entries[0].action_toggle_canceled()
        self.assertEqual(entries.mapped("canceled"), [False, True])

    def test_postponed_entry_cannot_be_canceled(self):
        entry = self.log(self.person, postponed=True)
        with self.assertRaises(UserError):
            entry.with_user(self.salesman).action_toggle_canceled()
        self.assertFalse(entry.canceled)

    def test_evaluate_many_at_once(self):
        entries = self.log(self.person) | self.log(self.person2) | self.log(self.other)
        Wizard = self.env["crm.interaction.evaluate.wizard"].with_user(self.salesman)
        wizard = Wizard.with_context(
            active_model="crm.interaction.log.entry", active_ids=entries[:2].ids
        ).create({"evaluation": "very_positive"})
        wizard.action_apply()
        self.assertEqual(
            entries.mapped("evaluation"), ["very_positive", "very_positive", False]
        )

    def test_create_task_on_contact(self):
        entry = self.log(self.person, description="Send the brochure")
        entry.with_user(self.salesman).action_create_task()
        activity = entry.activity_id
        self.assertEqual(
            (activity.res_model, activity.res_id), ("res.partner", self.person.id)
        )
        self.assertEqual(activity.summary, "Send the brochure")
        self.assertEqual(activity.user_id, self.salesman)
        # done, the task goes; the entry stays as it was
        activity.with_user(self.salesman).action_feedback(feedback="Sent")
        entry.invalidate_recordset()
        self.assertTrue(entry.exists())
        self.assertFalse(entry.activity_id)
        # a task is linked to an interaction by who may change it
        theirs = self.log(self.other, user=self.manager)
        with self.assertRaises(AccessError):
            self.env["mail.activity"].with_user(self.salesman).create(
                {
                    "res_id": self.person.id,
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "summary": "Forged link",
                    "interaction_entry_id": theirs.id,
                }
            )

    def test_create_opportunity(self):
        entry = self.log(self.person, description="Interested in 20 chairs")
        action = entry.with_user(self.salesman).action_create_opportunity()
        lead = entry.lead_id
        self.assertEqual(action["res_id"], lead.id)
        self.assertEqual(
            (lead.type, lead.partner_id, lead.name),
            ("opportunity", self.person, "Interested in 20 chairs"),
        )
        with self.assertRaises(UserError):  # one opportunity per entry
            entry.with_user(self.salesman).action_create_opportunity()
        self.assertEqual(entry.lead_id, lead)

    def test_no_opportunity_for_canceled_entry(self):
        entry = self.log(self.person)
        entry.action_toggle_canceled()
        with self.assertRaises(UserError):
            entry.with_user(self.salesman).action_create_opportunity()
        self.assertFalse(entry.lead_id)

    def test_open_source_document_and_attachment(self):
        entry = self.log(self.person)
        with self.assertRaises(UserError):
            entry.with_user(self.salesman).action_open_document()
        with self.assertRaises(UserError):
            entry.with_user(self.salesman).action_open_attachment()
        lead = self.env["crm.lead"].create({"name": "Doc"})
        # as printing the document records it
        with switched(AUDIT_FIELDS):
            entry.write(
                {"res_model": "crm.lead", "res_id": lead.id, "document_name": "Doc"}
            )
        action = entry.with_user(self.salesman).action_open_document()
        self.assertEqual((action["res_model"], action["res_id"]), ("crm.lead", lead.id))

    def test_only_canceled_entries_can_be_deleted(self):
        entry = self.log(self.person)
        with self.assertRaises(UserError):
            entry.with_user(self.manager).unlink()
        self.assertTrue(entry.exists())
        entry.action_toggle_canceled()
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            entry.with_user(self.salesman).unlink()  # deleting is for managers
        entry.with_user(self.manager).unlink()
        self.assertFalse(entry.exists())

    def test_contact_with_entries_cannot_be_deleted(self):
        self.log(self.person2)
        with self.assertRaises(UserError):
            self.person2.unlink()
        self.assertTrue(self.person2.exists())
        lonely = self.env["res.partner"].create({"name": "No interactions"})
        lonely.unlink()
        self.assertFalse(lonely.exists())

    def test_template_of_another_company_refused(self):
        company_b = self.env["res.company"].create({"name": "Company B Interactions"})
        group_b = self.env["crm.interaction.group"].create(
            {"code": "BGRP", "name": "B", "company_id": company_b.id}
        )
        template_b = self.env["crm.interaction.template"].create(
            {
                "code": "BTPL",
                "name": "B",
                "group_id": group_b.id,
                "company_id": company_b.id,
            }
        )
        # refused by the ORM's company check (check_company of template_id)
        with self.assertRaises(UserError) as refused:
            self.env["crm.interaction.log.entry"].create(
                {
                    "partner_id": self.person.id,
                    "template_id": template_b.id,
                    "description": "x",
                    "company_id": self.env.company.id,
                }
            )
        self.assertIn("belongs to another company", str(refused.exception))
        self.assertFalse(
            self.env["crm.interaction.log.entry"].search(
                [("template_id", "=", template_b.id)]
            )
        )

    def test_multi_company_isolation(self):
        company_b = self.env["res.company"].create({"name": "Company B Isolation"})
        user_b = new_test_user(
            self.env,
            login="bob.b.interactions",
            groups="sales_team.group_sale_salesman",
            name="Bob B",
            company_id=company_b.id,
            company_ids=[(6, 0, company_b.ids)],
        )
        entry_a = self.log(self.person)
        Entry_b = self.env["crm.interaction.log.entry"].with_user(user_b)
        self.assertFalse(Entry_b.search([("id", "=", entry_a.id)]))
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            entry_a.with_user(user_b).read(["description"])
        self.assertFalse(
            self.env["crm.interaction.template"]
            .with_user(user_b)
            .search([("id", "=", self.template.id)])
        )

    def test_employee_without_interaction_rights(self):
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["crm.interaction.log.entry"].with_user(self.employee).search([])

    def test_menus_and_actions_exist(self):
        for xmlid in (
            "crm_interaction_log_entry_menu",
            "crm_interaction_log_entry_menu_postponed",
            "crm_interaction_group_menu",
            "crm_interaction_template_menu",
            "crm_interaction_delete_canceled_wizard_menu",
        ):
            self.assertTrue(self.env.ref("crm_interaction_log." + xmlid).action)
        menus = self.env["ir.ui.menu"].with_user(self.salesman)._visible_menu_ids()
        self.assertIn(
            self.env.ref("crm_interaction_log.crm_interaction_log_entry_menu").id, menus
        )
        self.assertNotIn(
            self.env.ref(
                "crm_interaction_log.crm_interaction_delete_canceled_wizard_menu"
            ).id,
            menus,
        )
        managers = self.env["ir.ui.menu"].with_user(self.manager)._visible_menu_ids()
        self.assertIn(
            self.env.ref(
                "crm_interaction_log.crm_interaction_delete_canceled_wizard_menu"
            ).id,
            managers,
        )

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from ..wizards.crm_interaction_create_wizard import _next_minute
from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestCreateInteractionWizard(InteractionCase):
    def _wizard(self, user=None, partner=None, **values):
        """The Create Interaction form as the user fills it in: opened on a
        contact, a template chosen (its onchanges fill in the rest), then
        ``values`` typed over them."""
        Wizard = (
            self.env["crm.interaction.create.wizard"]
            .with_user(user or self.salesman)
            .with_context(default_partner_id=(partner or self.person).id)
        )
        form = Form(Wizard)
        form.template_id = self.template
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def test_next_minute_rounding(self):
        self.assertEqual(
            _next_minute(datetime(2026, 1, 1, 12, 0, 0)),
            datetime(2026, 1, 1, 12, 0, 0),
        )
        self.assertEqual(
            _next_minute(datetime(2026, 1, 1, 12, 0, 0, 1)),
            datetime(2026, 1, 1, 12, 1, 0),
        )
        self.assertEqual(
            _next_minute(datetime(2026, 1, 1, 23, 59, 30)),
            datetime(2026, 1, 2, 0, 0, 0),
        )

    def test_defaults(self):
        before = fields.Datetime.now()
        wizard = self._wizard(description="Phoned")
        date = fields.Datetime.to_datetime(wizard.date)
        self.assertEqual(date.second, 0)
        self.assertTrue(before <= date <= before + timedelta(minutes=1, seconds=1))
        self.assertTrue(wizard.successful)
        self.assertEqual(wizard.user_id, self.salesman)  # current user, a salesperson
        # cost and duration from the template
        self.assertEqual((wizard.cost, wizard.duration), (2.5, 15))
        self.assertEqual(wizard.correspondence_type, "hard_copy")
        self.assertEqual(wizard.contact_via, "+46 8 123")
        self.assertEqual(wizard.description, "Phoned")

    def test_description_defaults_to_the_template_name(self):
        wizard = self._wizard()
        self.assertEqual(wizard.description, self.template.name)

    def test_salesperson_defaults_to_contacts_when_user_is_not_one(self):
        wizard = self._wizard(user=self.plain_user, partner=self.other, description="x")
        self.assertEqual(wizard.user_id, self.manager)

    def test_finish_logs_entry_and_offers_opportunity(self):
        wizard = self._wizard(
            description="Discussed the renewal", successful=False, cost=7.0, duration=45
        )
        action = wizard.action_finish()
        entry = wizard.entry_id
        self.assertEqual(action["res_id"], wizard.id)
        self.assertEqual(wizard.state, "offer_opportunity")
        self.assertTrue(entry.attempt_failed)  # not successful
        # subject = description
        self.assertEqual(entry.subject, "Discussed the renewal")
        # as edited in the wizard
        self.assertEqual((entry.cost, entry.duration), (7.0, 45))
        self.assertFalse(entry.postponed)
        self.assertEqual(entry.partner_id, self.person)
        self.assertEqual(entry.user_id, self.salesman)
        self.assertEqual(entry.logged_by_id, self.salesman)
        wizard.action_create_opportunity()
        self.assertEqual(entry.lead_id.partner_id, self.person)

    def test_comment_is_kept(self):
        wizard = self._wizard(description="With a comment", comment="Call back in May")
        wizard.action_finish()
        self.assertEqual(wizard.entry_id.comment_ids.comment, "Call back in May")

    def test_cancel_then_finish_later_logs_postponed_entry(self):
        wizard = self._wizard(description="Half-done call")
        wizard.action_cancel()
        self.assertEqual(wizard.state, "confirm_cancel")
        self.assertFalse(wizard.entry_id)
        wizard.action_finish_later()
        postponed = wizard.entry_id
        self.assertTrue(postponed.postponed)
        # the "Postponed Interactions" list shows it
        action = self.env.ref(
            "crm_interaction_log.crm_interaction_log_entry_action_postponed"
        )
        domain = safe_eval(action.domain or "[]", {"uid": self.salesman.id})
        self.assertIn(("postponed", "=", True), domain)
        Entry = self.env["crm.interaction.log.entry"].with_user(self.salesman)
        self.assertIn(postponed, Entry.search(domain))
        # postponed ones don't count
        self.assertEqual(self.statistics_as(self.person, self.salesman)[0], 0)
        # resume: the wizard reopens on the entry; finishing completes the same entry
        action = postponed.with_user(self.salesman).action_resume()
        resumed = self.env["crm.interaction.create.wizard"].browse(action["res_id"])
        self.assertEqual(resumed.description, "Half-done call")
        resumed.with_user(self.salesman).action_finish()
        self.assertEqual(resumed.entry_id, postponed)
        self.assertFalse(postponed.postponed)
        self.assertEqual(self.statistics_as(self.person, self.salesman)[0], 1)
        with self.assertRaises(UserError):
            postponed.with_user(self.salesman).action_resume()

    def test_cancel_and_discard_logs_nothing(self):
        wizard = self._wizard(description="Never mind")
        wizard.action_cancel()
        wizard.action_discard()
        self.assertFalse(
            self.env["crm.interaction.log.entry"].search(
                [("partner_id", "=", self.person.id)]
            )
        )

    def test_delete_postponed_entry(self):
        wizard = self._wizard(description="Postponed then dropped")
        wizard.action_cancel()
        wizard.action_finish_later()
        entry = wizard.entry_id
        entry.with_user(self.salesman).action_delete_postponed()
        self.assertFalse(entry.exists())

    def test_negative_cost_refused(self):
        wizard = self._wizard(description="Bad", cost=-3)
        with self.assertRaises(UserError):
            wizard.action_finish()
        self.assertFalse(wizard.entry_id)

    def test_start_from_contact(self):
        action = self.person.with_user(self.salesman).action_create_interaction()
        self.assertEqual(action["res_model"], "crm.interaction.create.wizard")
        self.assertEqual(action["context"]["default_partner_id"], self.person.id)

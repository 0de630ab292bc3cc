# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import UserError

from .common import InteractionCase
from ..wizards.crm_interaction_create_wizard import _next_minute


class TestCreateInteractionWizard(InteractionCase):

    def _wizard(self, user=None, partner=None, **values):
        Wizard = self.env["crm.interaction.create.wizard"].sudo(user or self.salesman)
        Wizard = Wizard.with_context(default_partner_id=(partner or self.person).id)
        defaults = Wizard.default_get(list(Wizard._fields))
        wizard = Wizard.new(dict(defaults, template_id=self.template.id))
        wizard._onchange_template_id()
        wizard._onchange_contact_via()
        vals = wizard._convert_to_write(wizard._cache)
        vals.update(values)
        return Wizard.create(vals)

    def test_next_minute_rounding(self):
        self.assertEqual(_next_minute(datetime(2026, 1, 1, 12, 0, 0)),
                         datetime(2026, 1, 1, 12, 0, 0))
        self.assertEqual(_next_minute(datetime(2026, 1, 1, 12, 0, 0, 1)),
                         datetime(2026, 1, 1, 12, 1, 0))
        self.assertEqual(_next_minute(datetime(2026, 1, 1, 23, 59, 30)),
                         datetime(2026, 1, 2, 0, 0, 0))

    def test_defaults(self):
        before = datetime.now().replace(microsecond=0)
        wizard = self._wizard(description="Phoned")
        date = fields.Datetime.from_string(wizard.date)
        self.assertEqual(date.second, 0)
        self.assertTrue(before <= date <= before + timedelta(minutes=1, seconds=1))
        self.assertTrue(wizard.successful)
        self.assertEqual(wizard.user_id, self.salesman)  # current user, a salesperson
        # cost and duration from the template
        self.assertEqual((wizard.cost, wizard.duration), (2.5, 15))
        self.assertEqual(wizard.correspondence_type, "hard_copy")
        self.assertEqual(wizard.contact_via, "+46 8 123")

    def test_salesperson_defaults_to_contacts_when_user_is_not_one(self):
        wizard = self._wizard(user=self.plain_user, partner=self.other, description="x")
        self.assertEqual(wizard.user_id, self.manager)

    def test_finish_logs_entry_and_offers_opportunity(self):
        wizard = self._wizard(description="Discussed the renewal", successful=False,
                              cost=7.0, duration=45)
        action = wizard.action_finish()
        entry = wizard.entry_id
        self.assertEqual(action["res_id"], wizard.id)
        self.assertEqual(wizard.state, "offer_opportunity")
        self.assertTrue(entry.attempt_failed)  # not successful
        self.assertEqual(entry.subject, "Discussed the renewal")  # subject = description
        self.assertEqual((entry.cost, entry.duration), (7.0, 45))  # edited in the wizard
        self.assertFalse(entry.postponed)
        self.assertEqual(entry.partner_id, self.person)
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
        Entry = self.env["crm.interaction.log.entry"].sudo(self.salesman)
        listed = Entry.search(self.env.ref(
            "crm_interaction_log.crm_interaction_log_entry_action_postponed").domain and
            [("postponed", "=", True)])
        self.assertIn(postponed, listed)
        self.assertEqual(self.person.interaction_count, 0)  # postponed ones don't count
        # resume: the wizard reopens on the entry; finishing completes the same entry
        action = postponed.sudo(self.salesman).action_resume()
        resumed = self.env["crm.interaction.create.wizard"].browse(action["res_id"])
        self.assertEqual(resumed.description, "Half-done call")
        resumed.sudo(self.salesman).action_finish()
        self.assertEqual(resumed.entry_id, postponed)
        self.assertFalse(postponed.postponed)
        self.person.invalidate_cache()
        self.assertEqual(self.person.interaction_count, 1)
        with self.assertRaises(UserError):
            postponed.action_resume()

    def test_cancel_and_discard_logs_nothing(self):
        wizard = self._wizard(description="Never mind")
        wizard.action_cancel()
        wizard.action_discard()
        self.assertFalse(self.env["crm.interaction.log.entry"].search(
            [("partner_id", "=", self.person.id)]))

    def test_delete_postponed_entry(self):
        wizard = self._wizard(description="Postponed then dropped")
        wizard.action_cancel()
        wizard.action_finish_later()
        entry = wizard.entry_id
        entry.sudo(self.salesman).action_delete_postponed()
        self.assertFalse(entry.exists())

    def test_negative_cost_refused(self):
        wizard = self._wizard(description="Bad", cost=-3)
        with self.assertRaises(UserError):
            wizard.action_finish()

    def test_start_from_contact(self):
        action = self.person.sudo(self.salesman).action_create_interaction()
        self.assertEqual(action["res_model"], "crm.interaction.create.wizard")
        self.assertEqual(action["context"]["default_partner_id"], self.person.id)

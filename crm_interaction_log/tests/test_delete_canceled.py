# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestDeleteCanceled(InteractionCase):
    def _attachment(self, name):
        """A file the module made: one of a template's files."""
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(name.encode()),
                "res_model": "crm.interaction.template",
                "res_id": self.template.id,
            }
        )

    def test_deletes_only_canceled_with_comments_and_unused_attachments(self):
        shared = self._attachment("shared.txt")
        own = self._attachment("own.txt")
        keep = self.log(self.person, attachment_id=shared.id)
        drop1 = self.log(
            self.person,
            attachment_id=shared.id,
            comment_ids=[Command.create({"comment": "gone too"})],
        )
        drop2 = self.log(self.person2, attachment_id=own.id)
        other_template = self.log(self.person, template=self.template_in)
        for entry in (drop1, drop2, other_template):
            entry.action_toggle_canceled()
        comment = drop1.comment_ids
        self.assertTrue(comment)

        Wizard = self.env["crm.interaction.delete.canceled.wizard"].with_user(
            self.manager
        )
        wizard = Wizard.create({"template_ids": [Command.set(self.template.ids)]})
        wizard.action_delete()

        self.assertEqual(wizard.deleted_count, 2)
        self.assertIn("2", wizard._message())
        self.assertFalse(drop1.exists() or drop2.exists() or comment.exists())
        self.assertTrue(keep.exists())
        self.assertTrue(other_template.exists())  # canceled, but filtered out
        self.assertTrue(shared.exists())  # still used by `keep`
        self.assertFalse(own.exists())

    def test_filters(self):
        e1 = self.log(self.person, date="2026-01-01 10:00:00")
        e2 = self.log(self.person, date="2026-06-01 10:00:00")
        e3 = self.log(self.other, date="2026-06-01 10:00:00", user=self.manager)
        for entry in (e1, e2, e3):
            entry.action_toggle_canceled()
        Wizard = self.env["crm.interaction.delete.canceled.wizard"].with_user(
            self.manager
        )
        Wizard.create(
            {
                "date_from": "2026-05-01 00:00:00",
                "partner_ids": [Command.set(self.person.ids)],
            }
        ).action_delete()
        self.assertEqual((e1.exists(), e2.exists(), e3.exists()), (e1, e2.browse(), e3))
        Wizard.create({"user_ids": [Command.set(self.manager.ids)]}).action_delete()
        self.assertFalse(e3.exists())
        Wizard.create({"entry_from": e1.name, "entry_to": e1.name}).action_delete()
        self.assertFalse(e1.exists())

    def test_never_deletes_an_entry_that_is_not_canceled(self):
        entry = self.log(self.person)
        wizard = (
            self.env["crm.interaction.delete.canceled.wizard"]
            .with_user(self.manager)
            .create({"partner_ids": [Command.set(self.person.ids)]})
        )
        wizard.action_delete()
        self.assertEqual(wizard.deleted_count, 0)
        self.assertTrue(entry.exists())

    def test_salesman_may_not_delete(self):
        entry = self.log(self.person)
        entry.action_toggle_canceled()
        # the wizard is the managers' own: a salesperson cannot even open it
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["crm.interaction.delete.canceled.wizard"].with_user(
                self.salesman
            ).create({})
        self.assertTrue(entry.exists())

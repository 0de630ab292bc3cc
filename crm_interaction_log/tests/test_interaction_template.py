# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestInteractionTemplate(InteractionCase):
    def test_manager_configures_groups_and_templates(self):
        group = (
            self.env["crm.interaction.group"]
            .with_user(self.manager)
            .create({"code": "MGR", "name": "Manager group"})
        )
        template = (
            self.env["crm.interaction.template"]
            .with_user(self.manager)
            .create({"code": "MGRT", "name": "Manager template", "group_id": group.id})
        )
        self.assertEqual(template.correspondence_type, "email")  # the reference default
        self.assertEqual(template.information_flow, "outbound")
        self.assertEqual(template.initiated_by, "us")
        self.assertEqual(template.company_id, self.manager.company_id)
        self.assertEqual(group.company_id, self.manager.company_id)
        self.assertEqual(template.display_name, "MGRT - Manager template")

    def test_template_found_by_code_or_name(self):
        Template = self.env["crm.interaction.template"].with_user(self.salesman)
        self.assertIn(
            self.template, Template.search([("display_name", "ilike", "TCA")])
        )
        self.assertIn(
            self.template, Template.search([("display_name", "ilike", "outgoing call")])
        )
        self.assertNotIn(
            self.template_in, Template.search([("display_name", "ilike", "TCA")])
        )

    def test_salesman_cannot_configure(self):
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["crm.interaction.template"].with_user(self.salesman).create(
                {"code": "NO", "name": "No", "group_id": self.group.id}
            )
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["crm.interaction.group"].with_user(self.salesman).create(
                {"code": "NO", "name": "No"}
            )
        # but reads them, to record interactions
        self.assertEqual(self.template.with_user(self.salesman).group_id, self.group)

    def test_negative_cost_refused(self):
        with self.assertRaises(ValidationError):
            self.template.with_user(self.manager).write({"unit_cost": -1})
        with self.assertRaises(ValidationError):
            self.template.with_user(self.manager).write({"unit_duration": -5})
        self.assertEqual(self.template.unit_cost, 2.5)
        self.assertEqual(self.template.unit_duration, 15)

    def test_duplicate_codes_are_clear_errors(self):
        Template = self.env["crm.interaction.template"].with_user(self.manager)
        with self.assertRaisesRegex(ValidationError, "must be unique per company"):
            Template.create(
                {"code": "TCALL", "name": "Again", "group_id": self.group.id}
            )
        other = Template.create(
            {"code": "TCALL2", "name": "Other", "group_id": self.group.id}
        )
        with self.assertRaisesRegex(ValidationError, "must be unique per company"):
            other.write({"code": "TCALL"})
        with self.assertRaisesRegex(ValidationError, "must be unique per company"):
            self.env["crm.interaction.group"].with_user(self.manager).create(
                {"code": "TPHONE", "name": "Again"}
            )
        # another company may use the same code
        company = self.env["res.company"].create({"name": "Code Company"})
        elsewhere = self.env["crm.interaction.group"].create(
            {"code": "TPHONE", "name": "Elsewhere", "company_id": company.id}
        )
        self.assertEqual(elsewhere.code, self.group.code)

    def test_group_is_required(self):
        with self.assertRaises(ValidationError):
            self.env["crm.interaction.template"].with_user(self.manager).create(
                {"code": "NOGRP", "name": "No group"}
            )
        self.assertFalse(
            self.env["crm.interaction.template"].search([("code", "=", "NOGRP")])
        )

    def test_attachments_per_language(self):
        lang_line = (
            self.env["crm.interaction.template.language"]
            .with_user(self.manager)
            .create(
                {
                    "template_id": self.template.id,
                    "lang": "en_US",
                    "description": "Letter",
                    "upload_file": base64.b64encode(b"Dear customer"),
                    "upload_filename": "letter_en.txt",
                }
            )
        )
        attachment = lang_line.attachment_id
        self.assertTrue(attachment)
        self.assertEqual(lang_line._attachment_bytes(), b"Dear customer")
        self.assertTrue(self.template.has_attachments)
        self.assertEqual(self.template._get_language("en_US"), lang_line)
        action = lang_line.with_user(self.manager).action_open_attachment()
        self.assertIn(f"/web/content/{attachment.id}", action["url"])
        # copy to another template: a copy of the file, not a shared one
        self.template_in.with_user(self.manager)._copy_attachments_from(self.template)
        copied = self.template_in.language_ids
        self.assertEqual(copied.lang, "en_US")
        self.assertNotEqual(copied.attachment_id, attachment)
        self.assertEqual(copied._attachment_bytes(), b"Dear customer")
        # remove: the unused attachment is gone
        lang_line.with_user(self.manager).action_remove_attachment()
        self.assertFalse(attachment.exists())
        self.assertFalse(self.template.has_attachments)
        self.assertTrue(copied.attachment_id.exists())

    def test_copy_from_itself_refused(self):
        with self.assertRaises(UserError):
            self.template.with_user(self.manager)._copy_attachments_from(self.template)

    def test_group_and_template_statistics(self):
        self.log(self.person, cost=10, duration=20)
        self.log(self.person, cost=5, duration=10)
        canceled = self.log(self.person, cost=100, duration=100)
        canceled.action_toggle_canceled()
        self.log(self.person, template=self.template_in, cost=1, duration=1)
        self.log(self.person, cost=50, duration=50, postponed=True)
        self.assertEqual(self.template.entry_count, 2)
        self.assertEqual(self.template.total_cost, 15)
        self.assertEqual(self.template.total_duration, 30)
        self.group.invalidate_recordset()
        self.assertEqual(self.group.entry_count, 3)
        self.assertEqual(self.group.total_cost, 16)
        # the same figures for the salesman, who sees his own entries
        template = self.template.with_user(self.salesman)
        template.invalidate_recordset()
        self.assertEqual((template.entry_count, template.total_cost), (2, 15))

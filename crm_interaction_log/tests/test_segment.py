# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestSegment(InteractionCase):
    """Segments, as the marketer (a salesperson) works with them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketer = cls.salesman
        cls.tag = cls.env["res.partner.category"].create({"name": "Segment VIP"})
        cls.norway = cls.env.ref("base.no")
        Partner = cls.env["res.partner"]
        cls.vip1 = Partner.create(
            {
                "name": "VIP One",
                "email": "vip1@example.com",
                "category_id": [Command.set(cls.tag.ids)],
                "lang": "en_US",
                "interaction_correspondence_type": "email",
            }
        )
        cls.vip2 = Partner.create(
            {
                "name": "VIP Two",
                "category_id": [Command.set(cls.tag.ids)],
                "country_id": cls.norway.id,
                "interaction_correspondence_type": "hard_copy",
            }
        )
        cls.noemail = Partner.create(
            {
                "name": "No Mail",
                "country_id": cls.norway.id,
                "interaction_correspondence_type": "email",
            }
        )
        cls.Segment = cls.env["crm.segment"].with_user(cls.marketer)

    def segment(self, partners=None, **values):
        vals = {
            "description": "Spring mailing",
            "template_id": self.template.id,
            "unit_cost": 1.5,
            "unit_duration": 3,
            "correspondence_type": "email",
            "information_flow": "outbound",
            "initiated_by": "us",
        }
        vals.update(values)
        segment = self.Segment.create(vals)
        if partners:
            segment._add_partners(partners)
        return segment

    def test_add_contacts_gives_the_lines_the_orm_would(self):
        """Add Contacts writes its lines with one INSERT ... SELECT: each line
        has what the lines' ORM create gives it (contact company, language,
        header values, correspondence rule), for every kind of contact."""
        Partner = self.env["res.partner"]
        company = Partner.create({"name": "Rule Co", "is_company": True})
        contacts = Partner.create(
            [
                {"name": "Rule mail", "email": "r1@example.com", "lang": "en_US"},
                {"name": "Rule no address", "interaction_correspondence_type": "email"},
                {
                    "name": "Rule paper",
                    "email": "r3@example.com",
                    "interaction_correspondence_type": "hard_copy",
                    "parent_id": company.id,
                },
                {"name": "Rule no lang", "email": "r4@example.com", "lang": False},
            ]
        )
        fields_ = [
            "partner_id",
            "commercial_partner_id",
            "template_id",
            "unit_cost",
            "unit_duration",
            "date",
            "information_flow",
            "initiated_by",
            "lang",
            "subject",
            "description",
            "correspondence_type",
            "wanted_correspondence_type",
            "company_id",
        ]
        for header in (
            {},
            {"ignore_contact_correspondence_type": True},
            {"correspondence_type": "hard_copy", "lang": "en_US", "subject": "S"},
        ):
            with self.subTest(header=header):
                added = self.segment(**header)
                self.assertEqual(added._add_partners(contacts | contacts[0]), 4)
                self.assertEqual(added._add_partners(contacts), 0)
                created = self.segment(**header)
                self.env["crm.segment.line"].with_user(self.marketer).create(
                    [
                        {"segment_id": created.id, "partner_id": contact.id}
                        for contact in contacts
                    ]
                )
                self.assertEqual(
                    added.line_ids.read(fields_, load=None),
                    [
                        dict(values, id=line_id)
                        for line_id, values in zip(
                            added.line_ids.ids,
                            [
                                {k: v for k, v in vals.items() if k != "id"}
                                for vals in created.line_ids.read(fields_, load=None)
                            ],
                            strict=True,
                        )
                    ],
                )
                self.assertEqual(added.line_count, 4)
                self.assertEqual(added.line_ids.create_uid, self.marketer)

    def contacts_wizard(self, segment, mode, **values):
        wizard = (
            self.env["crm.segment.contacts.wizard"]
            .with_user(self.marketer)
            .create(dict(values, segment_id=segment.id, mode=mode))
        )
        wizard.action_apply()

    # --- segment and lines --------------------------------------------------
    def test_lines_take_header_values_and_statistics(self):
        segment = self.segment(self.vip1 | self.vip2)
        self.assertTrue(segment.name.startswith("SEG"))
        self.assertEqual(segment.line_count, 2)
        self.assertEqual((segment.total_cost, segment.total_duration), (3.0, 6.0))
        line = segment.line_ids.filtered(lambda line: line.partner_id == self.vip1)
        self.assertEqual(
            (line.template_id, line.unit_cost, line.description),
            (self.template, 1.5, "Spring mailing"),
        )

    def test_segment_without_the_form_takes_the_template_values(self):
        # created over RPC or in data files: no onchange ran
        segment = self.Segment.create(
            {"description": "Calls", "template_id": self.template.id, "unit_cost": 9.0}
        )
        template = self.template
        self.assertEqual(
            (
                segment.unit_cost,
                segment.unit_duration,
                segment.information_flow,
                segment.initiated_by,
                segment.correspondence_type,
            ),
            (
                9.0,
                template.unit_duration,
                template.information_flow,
                template.initiated_by,
                template.correspondence_type,
            ),
        )
        self.assertTrue(segment.information_flow and segment.unit_duration)

    def test_correspondence_type_rule(self):
        segment = self.segment(self.vip1 | self.vip2 | self.noemail | self.other)
        types = {line.partner_id: line.correspondence_type for line in segment.line_ids}
        self.assertEqual(types[self.vip1], "email")  # the contact's own
        self.assertEqual(types[self.vip2], "hard_copy")  # the contact's own
        self.assertEqual(types[self.noemail], False)  # e-mail without address: blank
        self.assertEqual(types[self.other], "hard_copy")  # none on contact: template's
        ignoring = self.segment(
            self.vip2,
            ignore_contact_correspondence_type=True,
            correspondence_type="email",
        )
        self.assertEqual(ignoring.line_ids.correspondence_type, False)  # no address
        ignoring2 = self.segment(
            self.vip1,
            ignore_contact_correspondence_type=True,
            correspondence_type="hard_copy",
        )
        self.assertEqual(ignoring2.line_ids.correspondence_type, "hard_copy")

    def test_header_change_is_offered_then_applied(self):
        segment = self.segment(self.vip1 | self.vip2)
        result = segment._onchange_header_for_lines()
        self.assertIn("Apply to Lines", result["warning"]["message"])
        segment.write({"unit_cost": 4.0, "subject": "New subject"})
        self.assertEqual(set(segment.line_ids.mapped("unit_cost")), {1.5})
        segment.action_apply_to_lines()
        self.assertEqual(set(segment.line_ids.mapped("unit_cost")), {4.0})
        self.assertEqual(set(segment.line_ids.mapped("subject")), {"New subject"})
        self.assertEqual(segment.total_cost, 8.0)

    def test_contact_at_most_once(self):
        segment = self.segment(self.vip1)
        self.assertEqual(segment._add_partners(self.vip1 | self.vip2), 1)
        self.assertEqual(segment.line_count, 2)
        with self.assertRaisesRegex(ValidationError, "at most once"):
            self.env["crm.segment.line"].with_user(self.marketer).create(
                {"segment_id": segment.id, "partner_id": self.vip1.id}
            )
        self.assertEqual(segment.line_count, 2)

    # --- filling ------------------------------------------------------------
    def test_add_remove_refine_with_filters(self):
        segment = self.segment()
        self.contacts_wizard(segment, "add", category_ids=[Command.set(self.tag.ids)])
        self.assertEqual(segment.line_ids.mapped("partner_id"), self.vip1 | self.vip2)
        self.contacts_wizard(segment, "add", country_ids=[Command.set(self.norway.ids)])
        self.assertEqual(segment.line_count, 3)  # vip2 not twice
        self.contacts_wizard(
            segment, "refine", category_ids=[Command.set(self.tag.ids)]
        )
        self.assertEqual(segment.line_ids.mapped("partner_id"), self.vip1 | self.vip2)
        self.contacts_wizard(segment, "remove", domain="[('name', '=', 'VIP One')]")
        self.assertEqual(segment.line_ids.mapped("partner_id"), self.vip2)
        self.contacts_wizard(segment, "add", user_ids=[Command.set(self.manager.ids)])
        self.assertIn(self.other, segment.line_ids.mapped("partner_id"))

    def test_company_with_its_persons(self):
        segment = self.segment()
        self.contacts_wizard(
            segment,
            "add",
            domain=f"[('id', '=', {self.company.id})]",
            include_persons=True,
        )
        self.assertEqual(
            segment.line_ids.mapped("partner_id"),
            self.company | self.person | self.person2,
        )

    def test_bad_domain_is_a_clear_error(self):
        segment = self.segment()
        with self.assertRaises(UserError):
            self.contacts_wizard(segment, "add", domain="[('name', '=')")
        with self.assertRaises(UserError):
            self.contacts_wizard(segment, "add", domain="[('no_such_field', '=', 1)]")
        self.assertFalse(segment.line_ids)

    def test_add_to_segment_from_contacts_list(self):
        Wizard = (
            self.env["crm.segment.add.wizard"]
            .with_user(self.marketer)
            .with_context(
                active_model="res.partner", active_ids=(self.vip1 | self.company).ids
            )
        )
        action = Wizard.create(
            {"description": "From the list", "include_persons": True}
        ).action_add()
        segment = self.env["crm.segment"].browse(action["res_id"])
        self.assertEqual(segment.description, "From the list")
        self.assertEqual(
            segment.line_ids.mapped("partner_id"),
            self.vip1 | self.company | self.person | self.person2,
        )

    # --- logging ------------------------------------------------------------
    def log(self, segment, **options):
        wizard = (
            self.env["crm.segment.log.wizard"]
            .with_user(self.marketer)
            .create(dict(options, segment_id=segment.id))
        )
        return wizard.action_log()

    def test_log_segment(self):
        campaign = self.env["utm.campaign"].create({"name": "Spring"})
        segment = self.segment(
            self.vip1 | self.vip2 | self.person, campaign_id=campaign.id
        )
        action = self.log(segment)
        logged = self.env["crm.logged.segment"].browse(action["res_id"])
        entries = self.env["crm.interaction.log.entry"].search(
            [("logged_segment_id", "=", logged.id)]
        )
        self.assertEqual(len(entries), 3)
        self.assertEqual(logged.entry_count, 3)
        self.assertEqual(segment.state, "logged")
        self.assertEqual(segment.logged_segment_id, logged)
        by_partner = {e.partner_id: e for e in entries}
        entry = by_partner[self.person]
        self.assertEqual(entry.commercial_partner_id, self.company)
        self.assertEqual(
            (entry.template_id, entry.group_id), (self.template, self.group)
        )
        self.assertEqual((entry.cost, entry.duration), (1.5, 3))
        self.assertEqual(entry.description, "Spring mailing")
        self.assertEqual(entry.campaign_id, campaign)
        self.assertEqual(entry.segment_id, segment)
        self.assertEqual(entry.user_id, self.marketer)
        self.assertEqual(entry.logged_by_id, self.marketer)
        self.assertTrue(entry.name.startswith("INT"))
        self.assertEqual(len(set(entries.mapped("name"))), 3)
        self.assertEqual(by_partner[self.vip1].correspondence_type, "email")
        self.assertEqual(by_partner[self.vip1].contact_via, "vip1@example.com")
        # statistics see them
        self.assertEqual(self.statistics_as(self.person, self.marketer)[:2], (1, 1.5))
        # the segment is read-only now
        with self.assertRaises(UserError):
            segment.write({"unit_cost": 9})
        with self.assertRaises(UserError):
            segment._add_partners(self.other)
        with self.assertRaises(UserError):
            segment.line_ids[0].unlink()
        with self.assertRaises(UserError):
            segment.unlink()
        self.assertEqual(segment.line_count, 3)
        # "Interaction Log Entries" on the segment and the logged segment
        Entry = self.env["crm.interaction.log.entry"]
        self.assertEqual(
            Entry.search(segment.action_view_log_entries()["domain"]), entries
        )
        self.assertEqual(
            Entry.search(logged.action_view_log_entries()["domain"]), entries
        )

    def test_log_refused_when_logged_without_description_or_lines(self):
        with self.assertRaises(UserError):
            self.segment().action_log()  # no lines
        with self.assertRaises(UserError):
            self.segment(self.vip1, description=False).action_log()
        segment = self.segment(self.vip1)
        self.log(segment)
        with self.assertRaises(UserError):
            segment.action_log()
        with self.assertRaises(UserError):
            segment._log()
        self.assertEqual(
            self.env["crm.interaction.log.entry"].search_count(
                [("segment_id", "=", segment.id)]
            ),
            1,
        )

    def test_follow_up_segment(self):
        segment = self.segment(self.vip1 | self.vip2)
        action = self.log(segment, create_followup=True)
        followup = self.env["crm.segment"].browse(action["res_id"])
        self.assertNotEqual(followup, segment)
        self.assertEqual(followup.description, f"Follow-up on segment {segment.name}")
        self.assertEqual(followup.state, "draft")
        self.assertEqual(followup.line_ids.mapped("partner_id"), self.vip1 | self.vip2)

    def test_send_attachments_by_email(self):
        self.env["crm.interaction.template.language"].create(
            {
                "template_id": self.template.id,
                "lang": "en_US",
                "description": "Letter",
                "upload_file": base64.b64encode(b"Spring offer"),
                "upload_filename": "offer.txt",
            }
        )
        segment = self.segment(self.vip1 | self.vip2)
        self.log(segment, send_attachments=True)
        entries = self.env["crm.interaction.log.entry"].search(
            [("segment_id", "=", segment.id)]
        )
        email_entry = entries.filtered(lambda e: e.partner_id == self.vip1)
        paper_entry = entries.filtered(lambda e: e.partner_id == self.vip2)
        # logging queues the e-mail: the scheduled job creates it
        self.assertEqual(email_entry.delivery_status, "in_progress")
        self.assertFalse(email_entry.mail_message_id)
        self.assertEqual(segment.send_state, "sending")
        self.assertEqual(self.run_send_job(), 1)
        self.assertEqual(segment.send_state, "done")
        self.assertEqual(email_entry.delivery_status, "in_progress")
        self.assertFalse(paper_entry.delivery_status)
        mail = self.env["mail.mail"].search(
            [("mail_message_id", "=", email_entry.mail_message_id.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.vip1)
        self.assertEqual(base64.b64decode(mail.attachment_ids.datas), b"Spring offer")
        self.assertEqual(mail.state, "outgoing")  # in Odoo's mail queue
        mail.write({"state": "exception"})
        email_entry.invalidate_recordset()
        self.assertEqual(email_entry.delivery_status, "error")
        mail.write({"state": "sent"})
        email_entry.invalidate_recordset()
        self.assertEqual(email_entry.delivery_status, "sent")
        # a canceled e-mail never reaches the contact
        mail.write({"state": "cancel"})
        email_entry.invalidate_recordset()
        self.assertEqual(email_entry.delivery_status, "canceled")

    def test_send_refused_when_email_line_has_no_address(self):
        segment = self.segment(self.vip1 | self.noemail)
        with self.assertRaises(UserError):
            self.log(segment, send_attachments=True)
        self.assertEqual(segment.state, "draft")
        self.assertFalse(
            self.env["crm.interaction.log.entry"].search(
                [("segment_id", "=", segment.id)]
            )
        )

    # --- canceling ----------------------------------------------------------
    def test_cancel_logged_segment(self):
        segment = self.segment(self.vip1 | self.vip2)
        action = self.log(segment)
        logged = (
            self.env["crm.logged.segment"]
            .with_user(self.marketer)
            .browse(action["res_id"])
        )
        logged.action_cancel()
        entries = (
            self.env["crm.interaction.log.entry"]
            .with_user(self.marketer)
            .search([("logged_segment_id", "=", logged.id)])
        )
        self.assertEqual(entries.mapped("canceled"), [True, True])
        self.assertTrue(logged.canceled)
        with self.assertRaises(UserError):
            entries[0].action_toggle_canceled()
        self.assertTrue(entries[0].canceled)
        self.assertEqual(self.statistics_as(self.vip1, self.marketer)[0], 0)

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestWizardInput(InteractionCase):
    """What a client sends to the wizards and to the contact's methods is
    refused clearly when it is wrong, and a wizard never links (nor shows)
    what its user may not read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Wizard Input B"})
        group_b = cls.env["crm.interaction.group"].create(
            {"code": "WIB", "name": "Group of B", "company_id": cls.company_b.id}
        )
        cls.template_b = cls.env["crm.interaction.template"].create(
            {
                "code": "WIB",
                "name": "Letter of B",
                "group_id": group_b.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.partner_b = cls.env["res.partner"].create(
            {"name": "Contact of B", "company_id": cls.company_b.id}
        )
        cls.Wizard = cls.env["crm.interaction.create.wizard"].with_user(cls.salesman)

    def wizard_values(self, **values):
        return dict(
            {
                "partner_id": self.person.id,
                "template_id": self.template.id,
                "description": "Wrong values",
            },
            **values,
        )

    def assert_no_new(self, model, error, call):
        """``call`` raises ``error`` and leaves no new record of ``model``."""
        before = self.env[model].search_count([])
        with self.assertRaises(error), mute_logger("odoo.models"):
            call()
        self.assertEqual(self.env[model].search_count([]), before)

    # --- the contact's timeline ---------------------------------------------------
    def test_timeline_cursor_takes_an_entry_id_only(self):
        self.log(self.person, description="On the timeline")
        partner = self.person.with_user(self.salesman)
        self.assertEqual(len(partner.interaction_timeline()["items"]), 1)
        for before in (
            ["2025-01-01 00:00:00", True],
            ["2025-01-01 00:00:00", 2**70],
            ["2025-01-01 00:00:00", 0],
            ["2025-01-01 00:00:00", "1"],
            ["2025-13-45 00:00:00", 1],
            [True, 1],
            True,
        ):
            with self.subTest(before=before), self.assertRaises(ValidationError):
                partner.interaction_timeline(before=before)
        for template_id in (True, 2**70, "1", [self.template.id]):
            with self.subTest(template_id=template_id):
                with self.assertRaises(ValidationError):
                    partner.interaction_timeline(template_id=template_id)

    # --- opening the wizards ---------------------------------------------------
    def test_start_takes_ids_from_a_client(self):
        action = self.Wizard.action_start(self.person.id, template=self.template.id)
        self.assertEqual(
            (
                action["context"]["default_partner_id"],
                action["context"]["default_template_id"],
            ),
            (self.person.id, self.template.id),
        )
        action = self.person.with_user(self.salesman).action_create_interaction(
            template=self.template.id
        )
        self.assertEqual(action["context"]["default_template_id"], self.template.id)
        Multi = self.env["crm.interaction.create.multi.wizard"].with_user(self.salesman)
        action = Multi.action_start([self.person.id, self.person2.id], self.template.id)
        self.assertEqual(
            action["context"]["default_partner_ids"],
            [Command.set([self.person.id, self.person2.id])],
        )

    def test_start_refuses_what_is_not_a_record(self):
        partners = self.person | self.person2
        for partner in ("abc", True, 0, 2**70, [], [999999999], {"id": 1}, partners):
            with self.subTest(partner=partner), self.assertRaises(UserError):
                self.Wizard.action_start(partner)
        for template in ("abc", True, 999999999, [self.template.id] * 2, 1.5):
            with self.subTest(template=template), self.assertRaises(UserError):
                self.Wizard.action_start(self.person.id, template=template)
            with self.subTest(template=template), self.assertRaises(UserError):
                self.person.with_user(self.salesman).action_create_interaction(
                    template=template
                )
            with self.subTest(template=template), self.assertRaises(UserError):
                (self.person | self.person2).with_user(
                    self.salesman
                ).action_create_interaction(template=template)
        with self.assertRaises(UserError):
            self.Wizard.action_start(self.person.id, no_such_field=1)
        Multi = self.env["crm.interaction.create.multi.wizard"].with_user(self.salesman)
        for partners in ([], "abc", [self.person.id, "x"], [True]):
            with self.subTest(partners=partners), self.assertRaises(UserError):
                Multi.action_start(partners)

    def test_start_refuses_what_the_user_may_not_read(self):
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.Wizard.action_start(self.person.id, template=self.template_b.id)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.Wizard.action_start(self.partner_b.id)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["crm.interaction.create.multi.wizard"].with_user(
                self.salesman
            ).action_start([self.person.id, self.partner_b.id])

    def test_default_get_takes_field_names(self):
        for fields_list in (5, "partner_id", [1], None):
            with self.subTest(fields_list=fields_list):
                with self.assertRaises(ValidationError):
                    self.Wizard.default_get(fields_list)
        self.assertEqual(
            self.Wizard.with_context(default_partner_id=self.person.id).default_get(
                ["partner_id", "user_id"]
            ),
            {"partner_id": self.person.id, "user_id": self.salesman.id},
        )

    # --- the wizards' values ---------------------------------------------------
    def test_create_wizard_refuses_wrong_values(self):
        Model = "crm.interaction.create.wizard"
        for values in (
            {"correspondence_type": "phone"},
            {"cost": "abc"},
            {"date": "garbage"},
            {"date": "2026-02-30 10:00:00"},
            {"duration": float("inf")},
            {"partner_id": "abc"},
            {"template_id": 999999999},
            {"description": False},
        ):
            with self.subTest(values=values):
                self.assert_no_new(
                    Model,
                    ValidationError,
                    lambda values=values: self.Wizard.create(
                        self.wizard_values(**values)
                    ),
                )
        wizard = self.Wizard.create(self.wizard_values())
        with self.assertRaises(ValidationError):
            wizard.write({"cost": "abc"})
        self.assertEqual(wizard.cost, 0)

    def entry_with_file(self, name, partner, user, description):
        """An entry of ``user`` on ``partner`` that keeps a file ``name``."""
        attachment = self.env["ir.attachment"].create(
            {"name": name, "raw": b"%PDF " + name.encode()}
        )
        entry = self.env["crm.interaction.log.entry"].create(
            {
                "partner_id": partner.id,
                "template_id": self.template.id,
                "description": description,
                "user_id": user.id,
                "attachment_id": attachment.id,
            }
        )
        return entry, attachment

    def test_no_wizard_on_an_entry_the_user_may_not_read(self):
        entry, _attachment = self.entry_with_file(
            "secret-offer.pdf",
            self.other,
            self.salesman_all,
            "Another salesperson's offer",
        )
        self.assertFalse(entry.with_user(self.salesman).has_access("read"))
        Model = "crm.interaction.create.wizard"
        for name in ("resend_entry_id", "entry_id"):
            with self.subTest(name=name):
                self.assert_no_new(
                    Model,
                    AccessError,
                    lambda name=name: self.Wizard.create(
                        self.wizard_values(**{name: entry.id})
                    ),
                )
        self.assert_no_new(
            Model,
            AccessError,
            lambda: self.Wizard.create(
                self.wizard_values(template_id=self.template_b.id)
            ),
        )
        # nor by writing it afterwards
        wizard = self.Wizard.create(self.wizard_values())
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            wizard.write({"resend_entry_id": entry.id})
        self.assertFalse(wizard.resend_entry_id)
        self.assertFalse(wizard.attachment_id)

    def test_resend_reads_the_attachment_as_the_user(self):
        entry, attachment = self.entry_with_file(
            "offer.pdf", self.person, self.salesman, "Offer"
        )
        wizard = self.Wizard.create(self.wizard_values(resend_entry_id=entry.id))
        self.assertEqual(
            (wizard.attachment_id, wizard.attachment_name), (attachment, "offer.pdf")
        )

    def test_multi_wizard_checks_contacts(self):
        Multi = self.env["crm.interaction.create.multi.wizard"].with_user(self.salesman)
        base = {"template_id": self.template.id, "description": "Several"}
        Model = "crm.interaction.create.multi.wizard"
        for partner_ids in (
            "abc",
            [(6, 0, "abc")],
            [(4, "abc")],
            [(4, 999999999)],
            [(0, 0, {"name": "Created through a wizard"})],
            [(1, self.person.id, {"name": "Renamed through a wizard"})],
            [(7, 1)],
            [[]],
            [(True, 1)],
            [self.person.id, "abc"],
        ):
            with self.subTest(partner_ids=partner_ids):
                self.assert_no_new(
                    Model,
                    ValidationError,
                    lambda p=partner_ids: Multi.create(dict(base, partner_ids=p)),
                )
        self.assert_no_new(
            Model,
            AccessError,
            lambda: Multi.create(dict(base, partner_ids=[(6, 0, self.partner_b.ids)])),
        )
        self.assertEqual(self.person.name, "Paula Person")
        wizard = Multi.create(dict(base, partner_ids=[(6, 0, self.person.ids)]))
        self.assertEqual(wizard.partner_ids, self.person)

    # --- Interaction Template Setup ----------------------------------------------
    def test_setup_of_a_company_the_user_is_not_in(self):
        Setup = self.env["crm.interaction.template.setup"].with_user(self.manager)
        self.assert_no_new(
            "crm.interaction.template.setup",
            AccessError,
            lambda: Setup.create({"company_id": self.company_b.id}),
        )
        # made without the checks: it shows nothing of the company, saves nothing
        setup = Setup.sudo().create({"company_id": self.company_b.id})
        self.assertFalse(setup.document_template_ids)
        self.assertFalse(setup.activity_template_ids)
        with self.assertRaises(ValidationError):
            setup.with_user(self.manager).action_save()
        own = Setup.create({})
        self.assertTrue(own.document_template_ids)
        self.assertTrue(own.activity_template_ids)

    # --- Add Contacts to a segment -----------------------------------------------
    def test_add_contacts_refuses_a_domain_the_database_cannot_run(self):
        marketer = new_test_user(
            self.env,
            login="wendy.interactions",
            groups="sales_team.group_sale_salesman_all_leads",
            name="Wendy Wizard",
        )
        segment = (
            self.env["crm.segment"]
            .with_user(marketer)
            .create({"description": "Domains", "template_id": self.template.id})
        )
        Contacts = self.env["crm.segment.contacts.wizard"].with_user(marketer)
        for domain, named in (
            ("[('id', '=', 'abc')]", "'abc'"),
            ("[('id', '=', 2**70)]", str(2**70)),
            ("[('id', 'in', [1, 'x'])]", "'x'"),
            ("[('create_date', '>', '2025-13-45')]", "2025-13-45"),
            ("[('date', '=', 'soon')]", "soon"),
            ("[('partner_latitude', '>', 'north')]", "north"),
            ("[('active', '=', 'abc')]", "abc"),
            ("[('name', '=', 5)]", "5"),
            ("[('parent_id.create_date', '<', '9999-99-99')]", "9999-99-99"),
            ("[('child_ids', 'any', [('id', '=', 'abc')])]", "abc"),
            ("[('name', '=')", "[('name', '=')"),
            ("[('no_such_field', '=', 1)]", "no_such_field"),
            ("5", "5"),
        ):
            wizard = Contacts.create(
                {"segment_id": segment.id, "mode": "add", "domain": domain}
            )
            with self.subTest(domain=domain):
                with self.assertRaises(UserError) as caught:
                    wizard.action_apply()
                self.assertIn(named, str(caught.exception))
        self.assertFalse(segment.line_ids)
        wizard = Contacts.create(
            {
                "segment_id": segment.id,
                "mode": "add",
                "domain": f"[('id', '=', {self.person.id}), "
                "('create_date', '>', '2000-01-01')]",
            }
        )
        wizard.action_apply()
        self.assertEqual(segment.line_ids.partner_id, self.person)

    def test_segment_wizards_check_their_links(self):
        Contacts = self.env["crm.segment.contacts.wizard"].with_user(self.salesman)
        segment = (
            self.env["crm.segment"]
            .with_user(self.salesman)
            .create({"description": "Links", "template_id": self.template.id})
        )
        Model = "crm.segment.contacts.wizard"
        for values, error in (
            ({"category_ids": "abc"}, ValidationError),
            ({"category_ids": [(6, 0, [2**40])]}, ValidationError),
            ({"category_ids": [(0, 0, {"name": "New tag"})]}, ValidationError),
            ({"company_ids": [(6, 0, self.partner_b.ids)]}, AccessError),
            ({"mode": "everything"}, ValidationError),
            ({"domain": ["not", "a", "string"]}, ValidationError),
        ):
            with self.subTest(values=values):
                self.assert_no_new(
                    Model,
                    error,
                    lambda values=values: Contacts.create(
                        dict(values, segment_id=segment.id)
                    ),
                )

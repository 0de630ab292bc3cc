# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestMultiCompany(InteractionCase):
    """Templates, setup, segments and entries belong to a company; a user of
    company B never sees company A's; recording uses the document's company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Interaction Company B"})
        groups = "sales_team.group_sale_manager,base.group_multi_company"
        cls.user_b = new_test_user(
            cls.env,
            login="bea.interactions",
            groups=groups,
            name="Bea of B",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )
        cls.user_ab = new_test_user(
            cls.env,
            login="abe.interactions",
            groups=groups,
            name="Abe of A and B",
            company_id=cls.company_a.id,
            company_ids=[(6, 0, (cls.company_a | cls.company_b).ids)],
        )
        Template = cls.env["crm.interaction.template"]
        cls.template_a = Template.create(
            {
                "code": "TMCA",
                "name": "Quote of A",
                "group_id": cls.group.id,
                "company_id": cls.company_a.id,
                "unit_cost": 1,
            }
        )
        cls.group_b = cls.env["crm.interaction.group"].create(
            {"code": "TMCB", "name": "Group of B", "company_id": cls.company_b.id}
        )
        cls.template_b = Template.create(
            {
                "code": "TMCB",
                "name": "Quote of B",
                "group_id": cls.group_b.id,
                "company_id": cls.company_b.id,
                "unit_cost": 2,
            }
        )
        cls.company_a._set_interaction_templates({"sales_quote": cls.template_a})
        cls.company_b._set_interaction_templates({"sales_quote": cls.template_b})

    def test_user_of_b_never_sees_a(self):
        entry_a = self.log(self.person, template=self.template_a, user=self.manager)
        segment_a = self.env["crm.segment"].create(
            {"description": "Segment of A", "company_id": self.company_a.id}
        )
        for model, record in (
            ("crm.interaction.template", self.template_a),
            ("crm.interaction.log.entry", entry_a),
            ("crm.segment", segment_a),
        ):
            found = (
                self.env[model].with_user(self.user_b).search([("id", "=", record.id)])
            )
            self.assertFalse(found, model)
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                record.with_user(self.user_b).read(["display_name"])
        self.assertEqual(self.statistics_as(self.person, self.user_b)[0], 0)
        self.assertEqual(self.statistics_as(self.person, self.manager)[0], 1)
        # the setup of A is not shown to B
        setup = (
            self.env["crm.interaction.template.setup"].with_user(self.user_b).create({})
        )
        self.assertEqual(setup.company_id, self.company_b)
        self.assertEqual(
            self.template_of(setup.document_template_ids, "sales_quote"),
            self.template_b,
        )
        with self.assertRaises(AccessError):
            setup.company_id = self.company_a
        self.assertEqual(
            self.company_a._interaction_template("sales_quote"), self.template_a
        )

    def test_user_of_both_sees_what_the_company_switcher_shows(self):
        entry_a = self.log(self.person, template=self.template_a, user=self.manager)
        entry_b = self.log(self.person, template=self.template_b, user=self.user_b)
        self.assertEqual(entry_b.company_id, self.company_b)
        Entry = self.env["crm.interaction.log.entry"].with_user(self.user_ab)
        entries = entry_a | entry_b
        domain = [("id", "in", entries.ids)]
        for companies, visible in (
            (self.company_a, entry_a),
            (self.company_b, entry_b),
            (self.company_a | self.company_b, entries),
        ):
            switched = Entry.with_context(allowed_company_ids=companies.ids)
            self.assertEqual(switched.search(domain), visible, companies.mapped("name"))
            self.assertEqual(
                self.statistics_as(
                    self.person, self.user_ab, allowed_company_ids=companies.ids
                )[0],
                len(visible),
            )

    def test_template_of_another_company_is_refused(self):
        with self.assertRaises(ValidationError):
            self.company_a._set_interaction_templates({"sales_order": self.template_b})
        # refused by the ORM's company check (check_company of template_id)
        with self.assertRaises(UserError) as refused:
            self.log(
                self.person,
                template=self.template_b,
                user=self.env.user,
                company_id=self.company_a.id,
            )
        self.assertIn("belongs to another company", str(refused.exception))
        # a user of A does not even reach B's template
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.log(self.person, template=self.template_b, user=self.manager)
        self.assertFalse(
            self.env["crm.interaction.log.entry"].search(
                [("template_id", "=", self.template_b.id)]
            )
        )

    def quotation(self, company, user):
        return self.env["sale.order"].create(
            {"partner_id": self.person.id, "company_id": company.id, "user_id": user.id}
        )

    def test_recording_uses_the_documents_company(self):
        Entry = self.env["crm.interaction.log.entry"]
        order_b = self.quotation(self.company_b, self.user_ab)
        order_a = self.quotation(self.company_a, self.user_ab)
        # printed together by a user whose current company is A
        orders = (
            (order_a | order_b)
            .with_user(self.user_ab)
            .with_context(allowed_company_ids=(self.company_a | self.company_b).ids)
        )
        self.assertEqual(orders.env.company, self.company_a)
        entries = orders._interaction_record("hard_copy")
        self.assertEqual(len(entries), 2)
        by_order = {e.res_id: e for e in entries}
        self.assertEqual(by_order[order_b.id].template_id, self.template_b)
        self.assertEqual(by_order[order_b.id].company_id, self.company_b)
        self.assertEqual(by_order[order_b.id].cost, 2)
        self.assertEqual(by_order[order_a.id].template_id, self.template_a)
        self.assertEqual(by_order[order_a.id].company_id, self.company_a)
        self.assertEqual(by_order[order_a.id].logged_by_id, self.user_ab)
        # B's user sees B's entry only
        self.assertEqual(
            Entry.with_user(self.user_b).search([("id", "in", entries.ids)]),
            by_order[order_b.id],
        )

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import InteractionCase

MODELS = [
    "crm.interaction.group",
    "crm.interaction.template",
    "crm.interaction.template.language",
    "crm.interaction.log.entry",
    "crm.interaction.log.comment",
    "crm.segment",
    "crm.segment.line",
    "crm.logged.segment",
    "crm.interaction.statistics",
]
OPERATIONS = ["read", "write", "create", "unlink"]
CONFIGURATION = [
    "crm.interaction.group",
    "crm.interaction.template",
    "crm.interaction.template.language",
]

# Who may do what, by model; what is not listed is refused.
MATRIX = {
    "public": {},
    "portal": {},
    "employee": {},
    "salesman": dict(
        {model: "r" for model in CONFIGURATION},
        **{
            "crm.interaction.log.entry": "rwc",
            "crm.interaction.log.comment": "rwcu",
            "crm.segment": "rwcu",
            "crm.segment.line": "rwcu",
            "crm.logged.segment": "rwc",
        },
    ),
    "manager": dict(
        {model: "rwcu" for model in CONFIGURATION},
        **{
            "crm.interaction.log.entry": "rwcu",
            "crm.interaction.log.comment": "rwcu",
            "crm.segment": "rwcu",
            "crm.segment.line": "rwcu",
            "crm.logged.segment": "rwcu",
        },
    ),
}
MATRIX["salesman_all"] = MATRIX["plain_user"] = MATRIX["salesman"]


@tagged("post_install", "-at_install")
class TestAccess(InteractionCase):
    """Who may do what: the access rights by group, model and operation, and
    the record rules of salespeople who see their own documents only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env,
            login="polly.interactions",
            groups="base.group_portal",
            name="Polly Portal",
        )
        cls.public = new_test_user(
            cls.env,
            login="pablo.interactions",
            groups="base.group_public",
            name="Pablo Public",
        )
        cls.salesman2 = new_test_user(
            cls.env,
            login="simon.interactions",
            groups="sales_team.group_sale_salesman",
            name="Simon Salesman",
        )
        Partner = cls.env["res.partner"]
        cls.customer_of_sally = Partner.create(
            {"name": "Sally's Customer", "user_id": cls.salesman.id}
        )
        cls.customer_of_simon = Partner.create(
            {"name": "Simon's Customer", "user_id": cls.salesman2.id}
        )

    def test_access_rights_matrix(self):
        for role, rights in MATRIX.items():
            user = getattr(self, role)
            for model in MODELS:
                for operation in OPERATIONS:
                    allowed = operation[0] in rights.get(model, "")
                    with self.subTest(role=role, model=model, operation=operation):
                        self.assertEqual(
                            self.env[model].with_user(user).has_access(operation),
                            allowed,
                        )

    def test_portal_and_public_see_nothing(self):
        entry = self.log(self.person)
        for user in (self.portal, self.public):
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                entry.with_user(user).read(["description"])
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                self.env["crm.interaction.log.entry"].with_user(user).search([])
            self.assertEqual(self.statistics_as(self.person, user)[0], 0)

    def entries(self):
        return {
            "sally's as salesperson": self.log(
                self.other, user=self.salesman2, user_id=self.salesman.id
            ),
            "sally's as author": self.log(self.other, user_id=self.salesman2.id),
            "of sally's customer": self.log(
                self.customer_of_sally, user=self.salesman2, user_id=self.salesman2.id
            ),
            "simon's": self.log(
                self.customer_of_simon, user=self.salesman2, user_id=self.salesman2.id
            ),
        }

    def test_own_documents_only(self):
        entries = self.entries()
        Entry = self.env["crm.interaction.log.entry"]
        visible = Entry.with_user(self.salesman).search(
            [("id", "in", [e.id for e in entries.values()])]
        )
        self.assertEqual(
            visible,
            Entry.browse(
                [
                    entries["sally's as salesperson"].id,
                    entries["sally's as author"].id,
                    entries["of sally's customer"].id,
                ]
            ),
        )
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            entries["simon's"].with_user(self.salesman).read(["description"])
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            entries["simon's"].with_user(self.salesman).write(
                {"evaluation": "positive"}
            )
        self.assertFalse(entries["simon's"].evaluation)
        # the comments follow their entries
        comment = self.env["crm.interaction.log.comment"].create(
            {"entry_id": entries["simon's"].id, "comment": "Call back"}
        )
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            comment.with_user(self.salesman).read(["comment"])
        # the statistics count what the user may see
        self.assertEqual(self.statistics_as(self.other, self.salesman)[0], 2)
        self.assertEqual(self.statistics_as(self.other, self.salesman_all)[0], 2)
        self.assertEqual(
            self.statistics_as(self.customer_of_simon, self.salesman)[0], 0
        )
        self.assertEqual(
            self.statistics_as(self.customer_of_simon, self.salesman_all)[0], 1
        )

    def test_other_salespeople_see_all_entries(self):
        entries = self.entries()
        for user in (self.salesman_all, self.plain_user, self.manager):
            self.assertEqual(
                len(
                    self.env["crm.interaction.log.entry"]
                    .with_user(user)
                    .search([("id", "in", [e.id for e in entries.values()])])
                ),
                4,
                user.name,
            )

    def test_only_managers_configure(self):
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.template.with_user(self.salesman_all).write({"unit_cost": 9})
        self.template.with_user(self.manager).write({"unit_cost": 9})
        self.assertEqual(self.template.unit_cost, 9)
        # the Interaction Template Setup of the company
        company = self.manager.company_id
        Setup = self.env["crm.interaction.template.setup"]
        setup = Setup.with_user(self.manager).create({})
        self.set_setup_line(setup, "sales_invoice", self.template)
        setup.action_save()
        self.assertEqual(company._interaction_template("sales_invoice"), self.template)
        reopened = Setup.with_user(self.manager).create({})
        self.assertEqual(reopened.company_id, company)
        self.assertEqual(
            self.template_of(reopened.document_template_ids, "sales_invoice"),
            self.template,
        )
        setup = Setup.with_user(self.salesman_all).create({})
        self.set_setup_line(setup, "sales_invoice", False)
        with self.assertRaises(AccessError):
            setup.action_save()
        company.invalidate_recordset()
        self.assertEqual(company._interaction_template("sales_invoice"), self.template)
        # nor do they write the company's lines themselves
        line = company.interaction_document_template_ids.filtered(
            lambda line: line.document_type_id.code == "sales_invoice"
        )
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            line.with_user(self.salesman_all).write({"template_id": False})
        self.assertEqual(company._interaction_template("sales_invoice"), self.template)

    def test_only_managers_delete_canceled_entries(self):
        entry = self.log(self.person, user_id=self.salesman_all.id)
        entry.with_user(self.salesman_all).action_toggle_canceled()
        self.assertTrue(entry.canceled)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            entry.with_user(self.salesman_all).unlink()
        # the wizard is the managers' own: a salesperson cannot even open it
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["crm.interaction.delete.canceled.wizard"].with_user(
                self.salesman_all
            ).create({})
        self.assertTrue(entry.exists())
        entry.with_user(self.manager).unlink()
        self.assertFalse(entry.exists())

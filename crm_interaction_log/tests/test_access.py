# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import InteractionCase

MODELS = ["crm.interaction.group", "crm.interaction.template",
          "crm.interaction.template.language", "crm.interaction.log.entry",
          "crm.interaction.log.comment", "crm.segment", "crm.segment.line",
          "crm.logged.segment", "crm.interaction.statistics"]
OPERATIONS = ["read", "write", "create", "unlink"]
CONFIGURATION = ["crm.interaction.group", "crm.interaction.template",
                 "crm.interaction.template.language"]

# Who may do what, by model; what is not listed is refused.
MATRIX = {
    "public": {},
    "portal": {},
    "employee": {},
    "salesman": dict(
        {model: "r" for model in CONFIGURATION},
        **{"crm.interaction.log.entry": "rwc", "crm.interaction.log.comment": "rwcu",
           "crm.segment": "rwcu", "crm.segment.line": "rwcu",
           "crm.logged.segment": "rwc"}),
    "manager": dict(
        {model: "rwcu" for model in CONFIGURATION},
        **{"crm.interaction.log.entry": "rwcu", "crm.interaction.log.comment": "rwcu",
           "crm.segment": "rwcu", "crm.segment.line": "rwcu",
           "crm.logged.segment": "rwcu"}),
}
MATRIX["salesman_all"] = MATRIX["plain_user"] = MATRIX["salesman"]


class TestAccess(InteractionCase):
    """Who may do what: the access rights by group, model and operation, and
    the record rules of salespeople who see their own documents only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.portal = Users.create({
            "name": "Polly Portal", "login": "polly.interactions",
            "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])]})
        cls.public = Users.create({
            "name": "Pablo Public", "login": "pablo.interactions",
            "groups_id": [(6, 0, [cls.env.ref("base.group_public").id])]})
        cls.salesman2 = Users.create({
            "name": "Simon Salesman", "login": "simon.interactions",
            "groups_id": [(6, 0, [cls.env.ref("sales_team.group_sale_salesman").id])]})
        cls.customer_of_sally = cls.env["res.partner"].create(
            {"name": "Sally's Customer", "user_id": cls.salesman.id})
        cls.customer_of_simon = cls.env["res.partner"].create(
            {"name": "Simon's Customer", "user_id": cls.salesman2.id})

    def test_access_rights_matrix(self):
        for role, rights in MATRIX.items():
            user = getattr(self, role)
            for model in MODELS:
                for operation in OPERATIONS:
                    allowed = operation[0] in rights.get(model, "")
                    with self.subTest(role=role, model=model, operation=operation):
                        self.assertEqual(
                            self.env[model].sudo(user).check_access_rights(
                                operation, raise_exception=False),
                            allowed)

    def test_portal_and_public_see_nothing(self):
        entry = self.log(self.person)
        for user in (self.portal, self.public):
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                entry.sudo(user).read(["description"])
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                self.env["crm.interaction.log.entry"].sudo(user).search([])
            partner = self.person.sudo(user)
            self.assertEqual(partner.interaction_count, 0)

    def entries(self):
        return {
            "sally's as salesperson": self.log(self.other, user=self.salesman2,
                                               user_id=self.salesman.id),
            "sally's as author": self.log(self.other, user_id=self.salesman2.id),
            "of sally's customer": self.log(self.customer_of_sally, user=self.salesman2,
                                            user_id=self.salesman2.id),
            "simon's": self.log(self.customer_of_simon, user=self.salesman2,
                                user_id=self.salesman2.id),
        }

    def test_own_documents_only(self):
        entries = self.entries()
        Entry = self.env["crm.interaction.log.entry"]
        visible = Entry.sudo(self.salesman).search([("id", "in", [
            e.id for e in entries.values()])])
        self.assertEqual(visible, Entry.browse([
            entries["sally's as salesperson"].id, entries["sally's as author"].id,
            entries["of sally's customer"].id]))
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            entries["simon's"].sudo(self.salesman).read(["description"])
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            entries["simon's"].sudo(self.salesman).write({"evaluation": "positive"})
        # the comments follow their entries
        comment = self.env["crm.interaction.log.comment"].create(
            {"entry_id": entries["simon's"].id, "comment": "Call back"})
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            comment.sudo(self.salesman).read(["comment"])
        # the statistics count what the user may see
        other = self.other.sudo(self.salesman)
        self.assertEqual(other.interaction_count, 2)
        self.assertEqual(self.other.sudo(self.salesman_all).interaction_count, 2)
        self.assertEqual(self.customer_of_simon.sudo(self.salesman).interaction_count, 0)

    def test_other_salespeople_see_all_entries(self):
        entries = self.entries()
        for user in (self.salesman_all, self.plain_user, self.manager):
            self.assertEqual(
                len(self.env["crm.interaction.log.entry"].sudo(user).search(
                    [("id", "in", [e.id for e in entries.values()])])), 4, user.name)

    def test_only_managers_configure(self):
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.template.sudo(self.salesman_all).write({"unit_cost": 9})
        self.template.sudo(self.manager).write({"unit_cost": 9})
        self.assertEqual(self.template.unit_cost, 9)
        # the Interaction Template Setup of the company
        Setup = self.env["crm.interaction.template.setup"]
        setup = Setup.sudo(self.manager).create(
            {"interaction_template_sales_invoice_id": self.template.id})
        setup.action_save()
        self.assertEqual(self.env.user.company_id.interaction_template_sales_invoice_id,
                         self.template)
        reopened = Setup.sudo(self.manager).create({})
        self.assertEqual(reopened.interaction_template_sales_invoice_id, self.template)
        setup = Setup.sudo(self.salesman_all).create(
            {"interaction_template_sales_invoice_id": False})
        with self.assertRaises(AccessError):
            setup.action_save()
        self.assertEqual(self.env.user.company_id.interaction_template_sales_invoice_id,
                         self.template)

    def test_only_managers_delete_canceled_entries(self):
        entry = self.log(self.person, user_id=self.salesman_all.id)
        entry.sudo(self.salesman_all).action_toggle_canceled()
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            entry.sudo(self.salesman_all).unlink()
        wizard = self.env["crm.interaction.delete.canceled.wizard"].sudo(
            self.salesman_all).create({})
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            wizard.action_delete()
        self.assertTrue(entry.exists())
        entry.sudo(self.manager).unlink()
        self.assertFalse(entry.exists())

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests.common import SavepointCase


class InteractionCase(SavepointCase):
    """Users of each role and a small configuration, made by the tests. The
    salesman sees his own documents only; salesman_all sees all of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True,
                                                  tracking_disable=True)
        cls.salesman = Users.create({
            "name": "Sally Salesman", "login": "sally.interactions",
            "email": "sally@example.com",
            "groups_id": [(6, 0, [cls.env.ref("sales_team.group_sale_salesman").id])],
        })
        cls.salesman_all = Users.create({
            "name": "Sam All-Documents", "login": "sam.interactions",
            "email": "sam@example.com",
            "groups_id": [(6, 0, [
                cls.env.ref("sales_team.group_sale_salesman_all_leads").id])],
        })
        cls.manager = Users.create({
            "name": "Manny Manager", "login": "manny.interactions",
            "email": "manny@example.com",
            "groups_id": [(6, 0, [
                cls.env.ref("crm_interaction_log.group_crm_interaction_manager").id])],
        })
        cls.plain_user = Users.create({
            "name": "Ursula User", "login": "ursula.interactions",
            "groups_id": [(6, 0, [
                cls.env.ref("crm_interaction_log.group_crm_interaction_user").id])],
        })
        cls.employee = Users.create({
            "name": "Eve Employee", "login": "eve.interactions",
            "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])],
        })
        cls.group = cls.env["crm.interaction.group"].create(
            {"code": "TPHONE", "name": "Test Phone Calls"})
        cls.template = cls.env["crm.interaction.template"].create({
            "code": "TCALL", "name": "Test outgoing call", "group_id": cls.group.id,
            "unit_cost": 2.5, "unit_duration": 15, "information_flow": "outbound",
            "initiated_by": "us", "correspondence_type": "hard_copy",
        })
        cls.template_in = cls.env["crm.interaction.template"].create({
            "code": "TIN", "name": "Test incoming call", "group_id": cls.group.id,
            "unit_cost": 1.0, "unit_duration": 5, "information_flow": "inbound",
            "initiated_by": "them",
        })
        Partner = cls.env["res.partner"]
        cls.company = Partner.create({"name": "Interaction Test Corp", "is_company": True})
        cls.person = Partner.create({"name": "Paula Person", "parent_id": cls.company.id,
                                     "email": "paula@example.com", "phone": "+46 8 123"})
        cls.person2 = Partner.create({"name": "Peter Person", "parent_id": cls.company.id})
        cls.other = Partner.create({"name": "Olga Other", "user_id": cls.manager.id})

    def log(self, partner, template=None, user=None, **values):
        """An entry created as ``user`` (the salesman by default)."""
        vals = {"partner_id": partner.id, "template_id": (template or self.template).id,
                "description": values.pop("description", "Test interaction")}
        vals.update(values)
        return self.env["crm.interaction.log.entry"].sudo(user or self.salesman).create(vals)

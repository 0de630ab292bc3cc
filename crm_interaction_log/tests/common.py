# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import SQL

from ..models.crm_interaction_log_entry import AUDIT_FIELD_NAMES
from ..models.switches import AUDIT_FIELDS, switched


class InteractionCase(TransactionCase):
    """Users of each role and a small configuration, made by the tests. The
    salesman sees his own documents only; salesman_all sees all of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.salesman = new_test_user(
            cls.env,
            login="sally.interactions",
            groups="sales_team.group_sale_salesman",
            name="Sally Salesman",
            email="sally@example.com",
        )
        cls.salesman_all = new_test_user(
            cls.env,
            login="sam.interactions",
            groups="sales_team.group_sale_salesman_all_leads",
            name="Sam All-Documents",
            email="sam@example.com",
        )
        cls.manager = new_test_user(
            cls.env,
            login="manny.interactions",
            groups="crm_interaction_log.group_crm_interaction_manager",
            name="Manny Manager",
            email="manny@example.com",
        )
        cls.plain_user = new_test_user(
            cls.env,
            login="ursula.interactions",
            groups="crm_interaction_log.group_crm_interaction_user",
            name="Ursula User",
        )
        cls.employee = new_test_user(
            cls.env,
            login="eve.interactions",
            groups="base.group_user",
            name="Eve Employee",
        )
        cls.group = cls.env["crm.interaction.group"].create(
            {"code": "TPHONE", "name": "Test Phone Calls"}
        )
        Template = cls.env["crm.interaction.template"]
        cls.template = Template.create(
            {
                "code": "TCALL",
                "name": "Test outgoing call",
                "group_id": cls.group.id,
                "unit_cost": 2.5,
                "unit_duration": 15,
                "information_flow": "outbound",
                "initiated_by": "us",
                "correspondence_type": "hard_copy",
            }
        )
        cls.template_in = Template.create(
            {
                "code": "TIN",
                "name": "Test incoming call",
                "group_id": cls.group.id,
                "unit_cost": 1.0,
                "unit_duration": 5,
                "information_flow": "inbound",
                "initiated_by": "them",
            }
        )
        Partner = cls.env["res.partner"]
        cls.company = Partner.create(
            {"name": "Interaction Test Corp", "is_company": True}
        )
        cls.person = Partner.create(
            {
                "name": "Paula Person",
                "parent_id": cls.company.id,
                "email": "paula@example.com",
                "phone": "+46 8 123",
            }
        )
        cls.person2 = Partner.create(
            {"name": "Peter Person", "parent_id": cls.company.id}
        )
        cls.other = Partner.create({"name": "Olga Other", "user_id": cls.manager.id})

    def setUp(self):
        super().setUp()
        # The entries a test finds by channel are those it made, not those of
        # the database (demo data, end-to-end runs, a server in use): the ids
        # of the entries made by the test are above this one.
        self.env.cr.execute(
            "SELECT COALESCE(MAX(id), 0) FROM crm_interaction_log_entry"
        )
        [self.last_entry_id] = self.env.cr.fetchone()

    @staticmethod
    def template_of(lines, code):
        """The template of the document type ``code`` in the setup ``lines``
        (of a company, of the settings or of the setup wizard)."""
        return lines.filtered(
            lambda line: line.document_type_id.code == code
        ).template_id

    def set_setup_line(self, setup, code, template):
        """Choose ``template`` for the document type ``code`` in the setup
        wizard ``setup``, as its user does."""
        setup.document_template_ids.filtered(
            lambda line: line.document_type_id.code == code
        ).template_id = template

    def break_setup(self, company, code):
        """Set up, behind the ORM's back, a template of another company for
        the document type ``code`` of ``company``'s setup: recording with it
        fails."""
        elsewhere = self.env["res.company"].create({"name": "Elsewhere Interactions"})
        group = self.env["crm.interaction.group"].create(
            {"code": "ELSE", "name": "Elsewhere", "company_id": elsewhere.id}
        )
        foreign = self.env["crm.interaction.template"].create(
            {
                "code": "ELSE",
                "name": "Elsewhere",
                "group_id": group.id,
                "company_id": elsewhere.id,
            }
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """UPDATE crm_interaction_document_template line
                      SET template_id = %s
                     FROM crm_interaction_document_type document_type
                    WHERE document_type.id = line.document_type_id
                      AND document_type.code = %s
                      AND line.company_id = %s""",
                foreign.id,
                code,
                company.id,
            )
        )
        self.env.invalidate_all()
        self.env.registry.clear_cache()

    def log(self, partner, template=None, user=None, **values):
        """An entry created as ``user`` (the salesman by default)."""
        vals = {
            "partner_id": partner.id,
            "template_id": (template or self.template).id,
            "description": values.pop("description", "Test interaction"),
        }
        vals.update(values)
        Entry = self.env["crm.interaction.log.entry"].with_user(user or self.salesman)
        if set(vals) & set(AUDIT_FIELD_NAMES):
            # an entry as the module's own methods leave it (canceled,
            # postponed, of a document): users cannot set these fields
            with switched(AUDIT_FIELDS):
                return Entry.create(vals)
        return Entry.create(vals)

    def run_send_job(self, **options):
        """Run the scheduled job that e-mails the logged segments'
        attachments, as the scheduler does (as the superuser), until it has
        nothing left unless ``max_batches`` says otherwise."""
        options.setdefault("max_batches", None)
        return self.env["crm.logged.segment"].sudo()._cron_send_attachments(**options)

    def statistics_as(self, partner, user, **context):
        """The contact's statistics as ``user`` sees them in a new request
        (nothing left in the cache from another user or filter)."""
        partner = partner.with_user(user).with_context(**context)
        partner.invalidate_recordset()
        return (
            partner.interaction_count,
            partner.interaction_cost,
            partner.interaction_duration,
            partner.interaction_last_attempt_date,
            partner.interaction_last_date,
        )

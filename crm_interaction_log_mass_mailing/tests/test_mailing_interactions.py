# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.mass_mailing.tests.common import MassMailCommon


@tagged("post_install", "-at_install")
class TestMailingInteractions(MassMailCommon):
    """A mailing sent by a marketing user (no interaction rights, no admin)
    records one entry per recipient contact, following its trace."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group = cls.env["crm.interaction.group"].create(
            {"code": "TMARKET", "name": "Test Marketing"}
        )
        cls.template = cls.env["crm.interaction.template"].create(
            {
                "code": "TMAIL",
                "group_id": cls.group.id,
                "name": "Test newsletter",
                "unit_cost": 0.5,
                "unit_duration": 1,
                "information_flow": "outbound",
                "initiated_by": "us",
                "correspondence_type": "email",
            }
        )
        cls.company = cls.user_marketing.company_id
        cls.company._set_interaction_templates({"mailing": cls.template})
        cls.campaign = cls.env["utm.campaign"].create({"name": "Spring Campaign"})
        cls.partners = cls.env["res.partner"].create(
            [
                {"name": f"Mailing Contact {n}", "email": f"contact{n}@example.com"}
                for n in range(3)
            ]
        )
        cls.manager = new_test_user(
            cls.env,
            login="mia.mailing",
            groups="crm_interaction_log.group_crm_interaction_manager",
            name="Mia Manager",
        )

    def _mailing(self, model, domain, **values):
        return (
            self.env["mailing.mailing"]
            .with_user(self.user_marketing)
            .create(
                {
                    "subject": "Our spring catalogue",
                    "body_html": "<p>Hello, here is our catalogue.</p>",
                    "mailing_model_id": self.env["ir.model"]._get(model).id,
                    "mailing_domain": domain,
                    **values,
                }
            )
        )

    def _send(self, mailing):
        with self.mock_mail_gateway(mail_unlink_sent=False):
            mailing.with_user(self.user_marketing).action_send_mail()

    def _entries(self, mailing):
        return self.env["crm.interaction.log.entry"].search(
            [("res_model", "=", "mailing.mailing"), ("res_id", "=", mailing.id)],
            order="id",
        )

    def _trace(self, mailing, record):
        return mailing.mailing_trace_ids.filtered(
            lambda t: t.model == record._name and t.res_id == record.id
        )

    def _status(self, entry):
        entry.invalidate_recordset()
        return entry.delivery_status

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_mailing_to_contacts(self):
        mailing = self._mailing(
            "res.partner",
            [("id", "in", self.partners.ids)],
            campaign_id=self.campaign.id,
        )
        self._send(mailing)

        entries = self._entries(mailing)
        self.assertEqual(entries.partner_id, self.partners)
        self.assertEqual(len(entries), 3)
        for entry in entries:
            trace = self._trace(mailing, entry.partner_id)
            self.assertRecordValues(
                entry,
                [
                    {
                        "template_id": self.template.id,
                        "channel": "mailing",
                        "correspondence_type": "email",
                        "description": "Our spring catalogue",
                        "user_id": self.user_marketing.id,
                        "logged_by_id": self.user_marketing.id,
                        "campaign_id": self.campaign.id,
                        "contact_via": entry.partner_id.email,
                        "mailing_trace_id": trace.id,
                        "res_model": "mailing.mailing",
                        "res_id": mailing.id,
                        "document_name": "Our spring catalogue",
                        "company_id": self.company.id,
                        "cost": 0.5,
                        "duration": 1,
                        "delivery_status": "sent",
                        "canceled": False,
                        "postponed": False,
                    }
                ],
            )
            self.assertNotEqual(entry.name, "/")
        self.assertEqual(len(set(entries.mapped("name"))), 3)

        # the entries follow their traces, as Odoo's tracking changes them
        opened, replied, bounced = (
            entries.filtered(lambda e, p=partner: e.partner_id == p)
            for partner in self.partners
        )
        self.gateway_mail_open(mailing, self.partners[0])
        self.assertEqual(self._status(opened), "opened")
        # a reply through the mail gateway, as mass_mailing's routing marks it
        references = [self._trace(mailing, self.partners[1]).message_id]
        Trace = self.env["mailing.trace"]
        Trace.set_opened(domain=[("message_id", "in", references)])
        self.assertEqual(self._status(replied), "opened")
        Trace.set_replied(domain=[("message_id", "in", references)])
        self.assertEqual(self._status(replied), "replied")
        self.gateway_mail_bounce(mailing, self.partners[2])
        self.assertEqual(self._status(bounced), "bounced")
        self.assertEqual(bounced.delivery_info, "This is the bounce email")
        self.assertEqual(self._status(opened), "opened")

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_scheduled_mailing_in_batches(self):
        """The mailing's scheduled job sends it in batches: each batch records
        its own contacts, once."""
        self.env["ir.config_parameter"].sudo().set_param("mail.batch_size", 2)
        mailing = self._mailing("res.partner", [("id", "in", self.partners.ids)])
        mailing.action_put_in_queue()
        with self.mock_mail_gateway(mail_unlink_sent=False):
            self.env["mailing.mailing"].sudo()._process_mass_mailing_queue()

        self.assertEqual(mailing.state, "done")
        entries = self._entries(mailing)
        self.assertEqual(entries.partner_id, self.partners)
        self.assertEqual(len(entries), 3)
        self.assertEqual(entries.user_id, self.user_marketing)
        self.assertEqual(entries.mailing_trace_id, mailing.mailing_trace_ids)

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_mailing_to_leads(self):
        """Leads record on their contact; a lead without contact records nothing."""
        self.user_marketing.groups_id += self.env.ref(
            "sales_team.group_sale_salesman_all_leads"
        )
        Lead = self.env["crm.lead"]
        leads = Lead.create(
            [
                {"name": "Lead A", "partner_id": self.partners[0].id},
                {"name": "Lead B", "partner_id": self.partners[1].id},
                {"name": "Lead C", "email_from": "nobody@example.com"},
            ]
        )
        mailing = self._mailing("crm.lead", [("id", "in", leads.ids)])
        self._send(mailing)

        self.assertEqual(len(mailing.mailing_trace_ids), 3)
        entries = self._entries(mailing)
        self.assertEqual(entries.partner_id, self.partners[:2])
        for entry in entries:
            self.assertEqual(entry.mailing_trace_id.model, "crm.lead")
            self.assertEqual(
                Lead.browse(entry.mailing_trace_id.res_id).partner_id, entry.partner_id
            )
        self.assertEqual(set(entries.mapped("delivery_status")), {"sent"})

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_blacklisted_contact(self):
        """An address on the blacklist is not mailed: its entry is canceled."""
        self.env["mail.blacklist"].create({"email": self.partners[2].email})
        mailing = self._mailing("res.partner", [("id", "in", self.partners.ids)])
        self._send(mailing)

        entries = self._entries(mailing)
        self.assertEqual(len(entries), 3)
        blocked = entries.filtered(lambda e: e.partner_id == self.partners[2])
        self.assertEqual(blocked.delivery_status, "canceled")
        self.assertEqual(blocked.delivery_info, "Blacklisted Address")
        self.assertEqual(set((entries - blocked).mapped("delivery_status")), {"sent"})

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_template_off(self):
        self.company._set_interaction_templates({"mailing": False})
        mailing = self._mailing("res.partner", [("id", "in", self.partners.ids)])
        self._send(mailing)

        self.assertEqual(len(mailing.mailing_trace_ids), 3)
        self.assertFalse(self._entries(mailing))

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_mailing_list_contacts(self):
        """Mailing list contacts are not contacts: nothing is recorded."""
        mailing_list = self.env["mailing.list"].create(
            {
                "name": "Newsletter",
                "contact_ids": [
                    (0, 0, {"name": "Listed", "email": "contact0@example.com"})
                ],
            }
        )
        mailing = self._mailing(
            "mailing.list", [], contact_list_ids=[(6, 0, mailing_list.ids)]
        )
        self._send(mailing)

        self.assertTrue(mailing.mailing_trace_ids)
        self.assertEqual(
            set(mailing.mailing_trace_ids.mapped("model")), {"mailing.contact"}
        )
        self.assertFalse(self._entries(mailing))

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_trace_not_forged(self):
        """Users cannot link an entry to a trace: only the log does."""
        mailing = self._mailing("res.partner", [("id", "in", self.partners.ids)])
        self._send(mailing)
        trace = mailing.mailing_trace_ids[0]
        Entry = self.env["crm.interaction.log.entry"].with_user(self.manager)
        with self.assertRaises(AccessError):
            Entry.create(
                {
                    "partner_id": self.partners[0].id,
                    "template_id": self.template.id,
                    "description": "Forged",
                    "mailing_trace_id": trace.id,
                }
            )
        entry = Entry.create(
            {
                "partner_id": self.partners[0].id,
                "template_id": self.template.id,
                "description": "Call",
            }
        )
        with self.assertRaises(AccessError):
            entry.write({"mailing_trace_id": trace.id})
        entry.invalidate_recordset()
        self.assertFalse(entry.mailing_trace_id)
        self.assertEqual(
            self.env["crm.interaction.log.entry"].search_count(
                [("mailing_trace_id", "=", trace.id)]
            ),
            1,
        )

    @mute_logger(
        "odoo.addons.mail.models.mail_mail",
        "odoo.addons.crm_interaction_log.models.crm_interaction_document_mixin",
        "odoo.sql_db",
    )
    def test_log_failure_does_not_stop_mailing(self):
        """The recording fails in the database: the mailing is sent all the
        same, with nothing recorded."""
        Trace = type(self.env["mailing.trace"])

        def broken(trace, *args):
            trace.env.cr.execute("SELECT 1 / 0")

        patcher = patch.object(Trace, "_interaction_create_entries", broken)
        self.startPatcher(patcher)
        mailing = self._mailing("res.partner", [("id", "in", self.partners.ids)])
        self._send(mailing)

        self.assertEqual(mailing.state, "done")
        self.assertEqual(
            set(mailing.mailing_trace_ids.mapped("trace_status")), {"sent"}
        )
        self.assertEqual(len(self._mails), 3)
        self.assertFalse(self._entries(mailing))

    def _send_cost(self, partners):
        """The queries of sending a mailing to ``partners`` (created, then
        sent at once), counted the second time (Odoo's caches warm)."""
        cost = None
        for _counted in (False, True):
            mailing = self._mailing("res.partner", [("id", "in", partners.ids)])
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            self._send(mailing)
            self.env.flush_all()
            cost = self.cr.sql_log_count - start
        return cost, mailing

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_recording_a_mailing_costs_the_same_for_three_contacts_and_ten(self):
        """What recording adds to a mailing does not grow with its contacts:
        the entries of the batch by one statement in a savepoint when its
        e-mails are made (with the mailing's campaign read), and their
        delivery status by one UPDATE once the batch is sent: 5 queries when
        both happen at once."""
        partners = self.partners | self.env["res.partner"].create(
            [
                {"name": f"Mailing Contact {n}", "email": f"contact{n}@example.com"}
                for n in range(3, 10)
            ]
        )
        added = {}
        for contacts in (self.partners, partners):
            self.company._set_interaction_templates({"mailing": False})
            without, _mailing = self._send_cost(contacts)
            self.company._set_interaction_templates({"mailing": self.template})
            recorded, mailing = self._send_cost(contacts)
            entries = self._entries(mailing)
            self.assertEqual(len(entries), len(contacts))
            self.assertEqual(set(entries.mapped("delivery_status")), {"sent"})
            added[len(contacts)] = recorded - without
        self.assertEqual(added, {3: 5, 10: 5})

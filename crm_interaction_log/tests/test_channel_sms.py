# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.sms.tests.common import MockSMS

from .common import InteractionCase

RECORD_LOGGER = "odoo.addons.crm_interaction_log.models.crm_interaction_document_mixin"


@tagged("post_install", "-at_install")
class TestChannelSms(InteractionCase, MockSMS):
    """SMS to contacts, from a chatter or in bulk, through Odoo's SMS composer;
    only the paid gateway is Odoo's own fake (``mockSMSGateway``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["iap.account"].get("sms")
        cls.template_sms = cls.env["crm.interaction.template"].create(
            {
                "code": "TSMS",
                "name": "Test SMS",
                "group_id": cls.group.id,
                "unit_cost": 0.1,
                "information_flow": "outbound",
                "initiated_by": "us",
            }
        )
        cls.env.company._set_interaction_templates({"sms": cls.template_sms})
        Partner = cls.env["res.partner"]
        cls.anna, cls.bert, cls.carl = Partner.create(
            [
                {"name": name, "parent_id": cls.company.id, "mobile": mobile}
                for name, mobile in (
                    ("Anna SMS", "+32 456 00 11 01"),
                    ("Bert SMS", "+32 456 00 11 02"),
                    ("Carl SMS", "+32 456 00 11 03"),
                )
            ]
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "SMS Opportunity",
                "type": "opportunity",
                "partner_id": cls.anna.id,
                "user_id": cls.salesman.id,
            }
        )
        cls.Entry = cls.env["crm.interaction.log.entry"]

    def entries(self):
        return self.Entry.search(
            [("channel", "=", "sms"), ("id", ">", self.last_entry_id)], order="id"
        )

    def composer(self, model, res_ids, **values):
        """The SMS composer as the salesman opens it on ``res_ids``."""
        context = {"active_model": model}
        if len(res_ids) == 1:
            context["active_id"] = res_ids[0]
        else:
            context["active_ids"] = res_ids
        return (
            self.env["sms.composer"]
            .with_user(self.salesman)
            .with_context(**context)
            .create(values)
        )

    def send_from_chatter(self, record, body="Your order is ready for pick-up."):
        composer = self.composer(record._name, record.ids, body=body)
        self.assertEqual(composer.composition_mode, "comment")
        composer.action_send_sms()
        return self.env["mail.message"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)],
            order="id desc",
            limit=1,
        )

    def test_chatter_of_contact(self):
        with self.mockSMSGateway():
            message = self.send_from_chatter(self.anna)
        self.assertEqual(message.message_type, "sms")
        self.assertEqual([sms["number"] for sms in self._sms], ["+32456001101"])
        entry = self.entries()
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.anna.id,
                    "commercial_partner_id": self.company.id,
                    "template_id": self.template_sms.id,
                    "group_id": self.group.id,
                    "cost": 0.1,
                    "correspondence_type": "sms",
                    "channel": "sms",
                    "contact_via": "+32456001101",
                    "lang": self.anna.lang,
                    "description": "Your order is ready for pick-up.",
                    "user_id": self.salesman.id,
                    "logged_by_id": self.salesman.id,
                    "company_id": self.env.company.id,
                    # the contact's own chatter is no document
                    "res_model": False,
                    "res_id": 0,
                    "mail_message_id": message.id,
                    "sms_uuid": self._new_sms.uuid,
                    "delivery_status": "sent",
                    "delivery_info": False,
                }
            ],
        )
        self.assertNotEqual(entry.name, "/")

    def test_chatter_of_document(self):
        long_body = "Hello Anna, " + "we have news about your opportunity. " * 5
        with self.mockSMSGateway():
            message = self.send_from_chatter(self.lead, body=long_body)
        entry = self.entries()
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.anna.id,
                    "res_model": "crm.lead",
                    "res_id": self.lead.id,
                    "document_name": "SMS Opportunity",
                    "mail_message_id": message.id,
                    "user_id": self.salesman.id,
                    "delivery_status": "sent",
                }
            ],
        )
        # the body, shortened
        self.assertEqual(len(entry.description), 100)
        self.assertTrue(entry.description.startswith("Hello Anna, we have news"))
        self.assertTrue(entry.description.endswith("…"))

    def test_mass_queued_then_sent(self):
        contacts = self.anna | self.bert | self.carl
        composer = self.composer(
            "res.partner",
            contacts.ids,
            body="Our shop opens on Sunday.",
            mass_keep_log=True,
        )
        self.assertEqual(composer.composition_mode, "mass")
        with self.mockSMSGateway():
            composer.action_send_sms()
            entries = self.entries()
            self.assertEqual(entries.partner_id, contacts)
            self.assertEqual(set(entries.mapped("delivery_status")), {"in_progress"})
            self.assertEqual(
                sorted(entries.mapped("contact_via")),
                ["+32456001101", "+32456001102", "+32456001103"],
            )
            self.assertEqual(set(entries.mapped("channel")), {"sms"})
            self.assertEqual(entries.user_id, self.salesman)
            self.assertEqual(
                set(entries.mapped("description")), {"Our shop opens on Sunday."}
            )
            self.assertEqual(
                set(entries.mapped("sms_uuid")), set(self._new_sms.mapped("uuid"))
            )
            self.assertFalse(self._sms)
            # the queue's scheduled job sends them
            self.env["sms.sms"].sudo()._process_queue()
        self.assertEqual(len(self._sms), 3)
        self.assertEqual(set(self.entries().mapped("delivery_status")), {"sent"})

    def test_deleted_before_sending(self):
        composer = self.composer(
            "res.partner", (self.anna | self.bert).ids, body="Soon", mass_keep_log=False
        )
        with self.mockSMSGateway():
            composer.action_send_sms()
            self._new_sms.filtered(lambda sms: sms.partner_id == self.anna).unlink()
            self.env["sms.sms"].sudo()._process_queue()
        self.assertEqual(len(self._sms), 1)
        self.assertRecordValues(
            self.entries(),
            [
                {"partner_id": self.anna.id, "delivery_status": "deleted"},
                {"partner_id": self.bert.id, "delivery_status": "sent"},
            ],
        )

    def test_mass_from_documents_without_log(self):
        lead2 = self.env["crm.lead"].create(
            {
                "name": "SMS Opportunity 2",
                "type": "opportunity",
                "partner_id": self.bert.id,
                "user_id": self.salesman.id,
            }
        )
        leads = self.lead | lead2
        composer = self.composer(
            "crm.lead",
            leads.ids,
            body="Hello {{ object.partner_id.name }}",
            mass_keep_log=False,
            mass_force_send=True,
        )
        with self.mockSMSGateway():
            composer.action_send_sms()
        self.assertEqual(len(self._sms), 2)
        self.assertRecordValues(
            self.entries(),
            [
                {
                    "partner_id": self.anna.id,
                    "res_model": "crm.lead",
                    "res_id": self.lead.id,
                    "document_name": "SMS Opportunity",
                    "description": "Hello Anna SMS",
                    "mail_message_id": False,
                    "delivery_status": "sent",
                },
                {
                    "partner_id": self.bert.id,
                    "res_model": "crm.lead",
                    "res_id": lead2.id,
                    "document_name": "SMS Opportunity 2",
                    "description": "Hello Bert SMS",
                    "mail_message_id": False,
                    "delivery_status": "sent",
                },
            ],
        )

    def test_mass_canceled_sms(self):
        """An SMS Odoo cancels before sending (no number) is a canceled
        delivery, with the reason."""
        self.carl.mobile = False
        composer = self.composer(
            "res.partner",
            (self.bert | self.carl).ids,
            body="Sale!",
            mass_force_send=True,
        )
        with self.mockSMSGateway():
            composer.action_send_sms()
        self.assertRecordValues(
            self.entries(),
            [
                {
                    "partner_id": self.bert.id,
                    "contact_via": "+32456001102",
                    "delivery_status": "sent",
                    "delivery_info": False,
                },
                {
                    "partner_id": self.carl.id,
                    "contact_via": False,
                    "delivery_status": "canceled",
                    "delivery_info": "Missing Number",
                },
            ],
        )

    def test_gateway_error(self):
        with self.mockSMSGateway(sim_error="credit"):
            self.send_from_chatter(self.anna)
        self.assertFalse(self._sms)
        self.assertRecordValues(
            self.entries(),
            [
                {
                    "partner_id": self.anna.id,
                    "delivery_status": "error",
                    "delivery_info": "Insufficient Credit",
                }
            ],
        )

    def test_resend_follows_the_entry(self):
        """Sending a failed SMS again (the chatter's "Resend") makes a new SMS
        for the same message and contact: its entry follows it."""
        with self.mockSMSGateway(sim_error="server_error"):
            message = self.send_from_chatter(self.anna)
        entry = self.entries()
        self.assertEqual(entry.delivery_status, "error")
        self.assertEqual(entry.delivery_info, "Server Error")
        with self.mockSMSGateway():
            wizard = (
                self.env["sms.resend"]
                .with_user(self.salesman)
                .with_context(default_mail_message_id=message.id)
                .create({})
            )
            wizard.action_resend()
        self.assertEqual(len(self._sms), 1)
        self.assertEqual(self.entries(), entry)
        self.assertRecordValues(
            entry,
            [
                {
                    "sms_uuid": self._new_sms.uuid,
                    "delivery_status": "sent",
                    "delivery_info": False,
                }
            ],
        )

    def test_delivery_reports(self):
        """The provider's later reports reach the entry by the SMS's uuid,
        after Odoo deleted the SMS."""
        with self.mockSMSGateway(sms_allow_unlink=True):
            self.send_from_chatter(self.anna)
            self.send_from_chatter(self.bert)
        uuids = self._new_sms.mapped("uuid")
        # the clean-up job runs later, on what was committed
        self.env.flush_all()
        self.env["sms.sms"].sudo()._gc_device()
        self.assertFalse(self.env["sms.sms"].sudo().search([("uuid", "in", uuids)]))
        anna_entry, bert_entry = self.entries()
        self.assertEqual(anna_entry.delivery_status, "sent")
        Tracker = self.env["sms.tracker"].sudo()
        # what the /sms/status route does with the reports
        Tracker.search(
            [("sms_uuid", "=", anna_entry.sms_uuid)]
        )._action_update_from_sms_state("sent")
        Tracker.search(
            [("sms_uuid", "=", bert_entry.sms_uuid)]
        )._action_update_from_provider_error("invalid_destination")
        self.assertRecordValues(
            anna_entry | bert_entry,
            [
                {"delivery_status": "sent", "delivery_info": False},
                {"delivery_status": "bounced", "delivery_info": "Invalid Destination"},
            ],
        )
        # a report of an SMS not delivered, the number being valid, is an error
        Tracker.search(
            [("sms_uuid", "=", bert_entry.sms_uuid)]
        )._action_update_from_provider_error("not_delivered")
        self.assertEqual(bert_entry.delivery_status, "error")
        # a delivered SMS is not queued again
        Tracker.search(
            [("sms_uuid", "=", anna_entry.sms_uuid)]
        )._action_update_from_sms_state("process")
        self.assertEqual(anna_entry.delivery_status, "sent")

    def test_no_template_records_nothing(self):
        self.env.company._set_interaction_templates({"sms": False})
        with self.mockSMSGateway():
            self.send_from_chatter(self.anna)
        self.assertEqual(len(self._sms), 1)
        self.assertFalse(self.entries())

    def test_number_without_contact_records_nothing(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Walk-in",
                "phone": "+32 456 00 11 09",
                "user_id": self.salesman.id,
            }
        )
        numbers = self.composer(
            "res.partner",
            [],
            composition_mode="numbers",
            numbers="+32 456 00 11 08",
            body="Hi",
        )
        with self.mockSMSGateway():
            self.send_from_chatter(lead)
            numbers.action_send_sms()
        self.assertEqual(
            sorted(sms["number"] for sms in self._sms),
            ["+32456001108", "+32456001109"],
        )
        self.assertFalse(self._new_sms.partner_id)
        self.assertFalse(self.entries())

    def test_portal_records_nothing(self):
        portal = self.env["res.users"].create(
            {
                "name": "Pia Portal",
                "login": "pia.sms",
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        self.env["sms.sms"].with_user(portal).sudo().create(
            {"partner_id": self.anna.id, "number": "+32456001101", "body": "Hi"}
        )
        self.assertFalse(self.entries())

    @mute_logger(RECORD_LOGGER)
    def test_broken_setup_does_not_stop_the_sms(self):
        self.break_setup(self.env.company, "sms")
        composer = self.composer(
            "res.partner",
            (self.anna | self.bert).ids,
            body="Still sent",
            mass_force_send=True,
        )
        with self.mockSMSGateway():
            self.send_from_chatter(self.carl)
            composer.action_send_sms()
        self.assertEqual(len(self._sms), 3)
        self.assertFalse(self.entries())

    def sms_costs(self):
        """The queries of an SMS posted on Anna's chatter and sent, counted the
        second time (Odoo's caches warm, the records' cache empty)."""
        anna = self.anna.with_user(self.salesman)
        cost = None
        for _counted in (False, True):
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            with self.mockSMSGateway():
                anna._message_sms("Your order is ready", partner_ids=anna.ids)
                self.env.flush_all()
            cost = self.cr.sql_log_count - start
        return cost

    def test_a_recorded_sms_costs_three_queries(self):
        """An SMS to a contact costs three queries more with the company's SMS
        template set up than without: its entry's one statement, once Odoo
        has sent it (so with its delivery status), in a savepoint. An SMS
        that records nothing costs nothing (the SMS not followed, its tracker
        not read)."""
        self.env.company._set_interaction_templates({"sms": False})
        without = self.sms_costs()
        self.assertFalse(self.entries())
        self.env.company._set_interaction_templates({"sms": self.template_sms})
        recorded = self.sms_costs()
        self.assertEqual(len(self.entries()), 2)
        self.assertEqual(set(self.entries().mapped("delivery_status")), {"sent"})
        self.assertEqual(recorded - without, 3)

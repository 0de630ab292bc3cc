# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The log can be trusted: what it recorded stays as it was recorded, and
nobody deletes, forges or skips what they should not -- tried as the
salesperson who would try it, with the values a client can send."""

import base64

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..models.crm_interaction_log_entry import AUDIT_FIELD_NAMES
from ..models.switches import AUDIT_FIELDS, switched
from .common import InteractionCase

# a value a forger would give each field that records what happened
FORGED = {
    "name": "IL99999999",
    "commercial_partner_id": "other",
    "logged_by_id": "manager",
    "canceled": True,
    "postponed": True,
    "delivery_status": "sent",
    "delivery_info": "Delivered, honestly",
    "res_model": "account.move",
    "res_id": 1,
    "document_name": "INV/2026/00001",
    "document_type_id": "document_type",
    "document_occurrence": 7,
    "segment_id": "segment",
    "logged_segment_id": "logged",
    "mail_message_id": "message",
    "canceled_with_segment": True,
    "campaign_target": True,
    "campaign_response": True,
    "channel": "document",
    "sms_uuid": "0123456789abcdef0123456789abcdef",
    "imported_entry_no": 4711,
    "imported_document_type": "Sales Rmdr.",
}


@tagged("post_install", "-at_install")
class TestAuditTrail(InteractionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Entry = cls.env["crm.interaction.log.entry"]
        cls.vip = cls.env["res.partner"].create(
            {
                "name": "Vera VIP",
                "email": "vera@example.com",
                "interaction_correspondence_type": "email",
                "lang": "en_US",
            }
        )
        cls.template_mail = cls.env["crm.interaction.template"].create(
            {
                "code": "TMAIL",
                "name": "Spring letter",
                "group_id": cls.group.id,
                "correspondence_type": "email",
                "information_flow": "outbound",
                "initiated_by": "us",
            }
        )
        cls.env["crm.interaction.template.language"].create(
            {
                "template_id": cls.template_mail.id,
                "lang": "en_US",
                "upload_file": base64.b64encode(b"Spring offer"),
                "upload_filename": "offer.txt",
            }
        )

    def forged_value(self, name, segment_entry):
        value = FORGED[name]
        return {
            "other": self.other.id,
            "manager": self.manager.id,
            "segment": segment_entry.segment_id.id,
            "logged": segment_entry.logged_segment_id.id,
            "message": segment_entry.mail_message_id.id,
            "document_type": self.env.ref(
                "crm_interaction_log.document_type_sales_invoice"
            ).id,
        }.get(value, value)

    def logged_segment(self, user, partners, description="Spring letter"):
        segment = (
            self.env["crm.segment"]
            .with_user(user)
            .create(
                {
                    "description": description,
                    "template_id": self.template_mail.id,
                    "correspondence_type": "email",
                }
            )
        )
        segment._add_partners(partners)
        wizard = (
            self.env["crm.segment.log.wizard"]
            .with_user(user)
            .create({"segment_id": segment.id, "send_attachments": True})
        )
        wizard.action_log()
        self.run_send_job()
        return segment

    def row(self, entry, *columns):
        self.env.flush_all()
        self.env.cr.execute(
            f"SELECT {', '.join(columns)} FROM crm_interaction_log_entry WHERE id = %s",
            [entry.id],
        )
        return self.env.cr.fetchone()

    # --- the fields that record what happened -------------------------------
    def test_users_cannot_write_what_happened(self):
        segment = self.logged_segment(self.salesman, self.vip)
        sent = segment.logged_segment_id.sudo()
        sent_entry = self.Entry.search([("logged_segment_id", "=", sent.id)])
        entry = self.log(self.person)
        columns = list(AUDIT_FIELD_NAMES)
        before = self.row(entry, *columns)
        for user in (self.salesman, self.salesman_all, self.manager):
            for name in AUDIT_FIELD_NAMES:
                with self.subTest(user=user.login, field=name):
                    with self.assertRaises(AccessError):
                        entry.with_user(user).write(
                            {name: self.forged_value(name, sent_entry)}
                        )
        self.assertEqual(self.row(entry, *columns), before)
        # what users may change still changes
        entry.with_user(self.salesman).write({"evaluation": "positive"})
        self.assertEqual(self.row(entry, "evaluation"), ("positive",))

    def test_users_cannot_create_what_did_not_happen(self):
        segment = self.logged_segment(self.salesman, self.vip)
        sent_entry = self.Entry.search([("segment_id", "=", segment.id)])
        count = self.Entry.search_count([])
        Entry = self.Entry.with_user(self.salesman)
        for name in AUDIT_FIELD_NAMES:
            with self.subTest(field=name), self.assertRaises(AccessError):
                Entry.create(
                    {
                        "partner_id": self.person.id,
                        "template_id": self.template.id,
                        "description": "Forged",
                        name: self.forged_value(name, sent_entry),
                    }
                )
        self.assertEqual(self.Entry.search_count([]), count)
        # their defaults may be given, as a client sending every field does
        entry = Entry.create(
            {
                "partner_id": self.person.id,
                "template_id": self.template.id,
                "description": "Honest",
                "canceled": False,
                "postponed": False,
                "logged_by_id": self.salesman.id,
                "name": "/",
            }
        )
        self.assertEqual(entry.logged_by_id, self.salesman)
        self.assertNotIn(entry.name, ("/", FORGED["name"]))
        self.assertEqual(entry.commercial_partner_id, self.company)

    def test_duplicate_is_a_new_manual_entry(self):
        segment = self.logged_segment(self.salesman, self.vip)
        entry = self.Entry.search([("segment_id", "=", segment.id)])
        copy = entry.with_user(self.salesman).copy()
        self.assertEqual(copy.logged_by_id, self.salesman)
        self.assertFalse(
            copy.segment_id or copy.logged_segment_id or copy.mail_message_id
        )
        self.assertFalse(copy.delivery_status)
        self.assertNotEqual(copy.name, entry.name)

    def test_cancel_and_finish_later_go_through_actions(self):
        entry = self.log(self.person)
        entry.with_user(self.salesman).action_toggle_canceled()
        self.assertEqual(self.row(entry, "canceled"), (True,))
        entry.with_user(self.salesman).action_toggle_canceled()
        self.assertEqual(self.row(entry, "canceled"), (False,))
        # another salesperson's entry, which he does not see
        theirs = self.log(self.other, user=self.manager)
        with self.assertRaises(AccessError):
            theirs.with_user(self.salesman).action_toggle_canceled()
        self.assertFalse(self.row(theirs, "canceled")[0])
        wizard = (
            self.env["crm.interaction.create.wizard"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.person.id,
                    "template_id": self.template.id,
                    "user_id": self.salesman.id,
                    "description": "Call back",
                }
            )
        )
        wizard.action_finish_later()
        self.assertEqual(self.row(wizard.entry_id, "postponed"), (True,))

    # --- deleting a postponed interaction -----------------------------------
    def test_delete_postponed_deletes_that_entry_and_its_own_file_only(self):
        invoice_pdf = self.env["ir.attachment"].create(
            {
                "name": "INV_2026_0001.pdf",
                "raw": b"%PDF-1.4 invoice",
                "res_model": "res.partner",
                "res_id": self.person.id,
            }
        )
        own_file = self.env["ir.attachment"].create(
            {"name": "notes.txt", "raw": b"call notes"}
        )
        postponed = self.log(self.person, postponed=True)
        own_file.write({"res_model": postponed._name, "res_id": postponed.id})
        other_postponed = self.log(self.person, postponed=True)
        # the salesperson may read the contact's file, so may link it
        postponed.with_user(self.salesman).write({"attachment_id": invoice_pdf.id})
        other_postponed.with_user(self.salesman).write({"attachment_id": own_file.id})
        other_postponed.with_user(self.salesman).action_delete_postponed()
        self.assertFalse(other_postponed.exists())
        self.assertFalse(own_file.exists())  # the module's own file went with it
        postponed.with_user(self.salesman).action_delete_postponed()
        self.assertFalse(postponed.exists())
        self.assertTrue(invoice_pdf.exists())  # the contact's file stays

    def test_delete_postponed_refuses_logged_entries(self):
        logged = self.log(self.person)
        with self.assertRaises(UserError):
            logged.with_user(self.salesman).action_delete_postponed()
        with self.assertRaises(UserError):
            (logged | self.log(self.person, postponed=True)).with_user(
                self.salesman
            ).action_delete_postponed()
        self.assertTrue(logged.exists())
        # no context key lets a manager delete a logged entry
        with self.assertRaises(UserError):
            logged.with_user(self.manager).with_context(
                crm_interaction_unlink_postponed=True
            ).unlink()
        self.assertTrue(logged.exists())

    # --- attachments ----------------------------------------------------------
    def test_attachments_linked_are_readable_by_who_links_them(self):
        # a file of no record, someone else's upload
        private = self.env["ir.attachment"].create(
            {"name": "salaries.pdf", "raw": b"secret"}
        )
        other_company = self.env["res.company"].create({"name": "Other Company"})
        partner_b = self.env["res.partner"].create(
            {"name": "Bo B", "company_id": other_company.id}
        )
        foreign = self.env["ir.attachment"].create(
            {
                "name": "contract.pdf",
                "raw": b"B",
                "res_model": "res.partner",
                "res_id": partner_b.id,
            }
        )
        entry = self.log(self.person)
        for attachment in (private, foreign):
            with self.subTest(attachment=attachment.name):
                with self.assertRaises(AccessError):
                    entry.with_user(self.salesman).write(
                        {"attachment_id": attachment.id}
                    )
                with self.assertRaises(AccessError):
                    self.log(self.person, attachment_id=attachment.id)
                with self.assertRaises(AccessError):
                    self.env["crm.interaction.template.language"].with_user(
                        self.manager
                    ).create(
                        {
                            "template_id": self.template.id,
                            "lang": "en_US",
                            "attachment_id": attachment.id,
                        }
                    )
        self.assertFalse(self.row(entry, "attachment_id")[0])
        self.assertFalse(self.template.language_ids)

    # --- logged segments ------------------------------------------------------
    def test_salesperson_cannot_cancel_another_users_logged_segment(self):
        segment = self.logged_segment(self.salesman_all, self.vip | self.person)
        logged = segment.logged_segment_id
        with self.assertRaises(AccessError):
            logged.with_user(self.salesman).action_cancel()
        self.assertFalse(logged.canceled)
        entries = self.Entry.search([("logged_segment_id", "=", logged.id)])
        self.assertEqual(len(entries), 2)
        self.assertFalse(any(entries.mapped("canceled")))
        # its logger and all-documents salespeople may
        logged.with_user(self.salesman_all).action_cancel()
        entries.invalidate_recordset()
        self.assertTrue(logged.canceled)
        self.assertTrue(all(entries.mapped("canceled")))

    def test_salesperson_cancels_his_logged_segment_only_if_he_may_change_it_all(
        self,
    ):
        # his own segment, with a contact of another salesperson's
        self.other.email = "olga@example.com"
        segment = self.logged_segment(self.salesman, self.vip | self.other)
        logged = segment.logged_segment_id
        entries = self.Entry.search([("logged_segment_id", "=", logged.id)])
        with switched(AUDIT_FIELDS):
            entries.filtered(lambda e: e.partner_id == self.other).write(
                {"user_id": self.manager.id, "logged_by_id": self.manager.id}
            )
        with self.assertRaises(AccessError):
            logged.with_user(self.salesman).action_cancel()
        self.assertFalse(logged.canceled)
        self.assertFalse(any(entries.mapped("canceled")))

    def test_logged_segments_are_written_by_logging_and_cancelling_only(self):
        segment = self.logged_segment(self.salesman, self.vip)
        logged = segment.logged_segment_id
        for user in (self.salesman, self.manager):
            with self.assertRaises(AccessError):
                logged.with_user(user).write({"canceled": True})
            with self.assertRaises(AccessError):
                self.env["crm.logged.segment"].with_user(user).create(
                    {"description": "Forged", "user_id": user.id}
                )
        with self.assertRaises(UserError):
            logged.with_user(self.manager).unlink()
        self.assertTrue(logged.exists())
        self.assertFalse(logged.canceled)
        # the switch of the module's own code is not a context key
        with self.assertRaises(UserError):
            segment.with_user(self.salesman).with_context(
                crm_segment_logging=True
            ).write({"state": "draft", "description": "Rewritten"})
        self.assertEqual(segment.state, "logged")

    def test_segment_of_no_company_logs_in_the_users_company(self):
        group = self.group.copy({"code": "GSHARED", "company_id": False})
        template = self.template.copy(
            {"code": "TSHARED", "company_id": False, "group_id": group.id}
        )
        followup = (
            self.env["crm.segment"]
            .with_user(self.salesman)
            .create(
                {
                    "description": "No company",
                    "template_id": template.id,
                    "company_id": False,
                }
            )
        )
        followup._add_partners(self.person)
        self.env["crm.segment.log.wizard"].with_user(self.salesman).create(
            {"segment_id": followup.id}
        ).action_log()
        entries = self.Entry.search([("segment_id", "=", followup.id)])
        self.assertEqual(entries.company_id, self.salesman.company_id)
        self.assertEqual(
            followup.logged_segment_id.company_id, self.salesman.company_id
        )

    # --- segment e-mails ------------------------------------------------------
    def test_segment_email_escapes_the_description(self):
        segment = self.logged_segment(
            self.salesman, self.vip, description='<script>alert("x")</script> & <b>'
        )
        entry = self.Entry.search([("segment_id", "=", segment.id)])
        mail = self.env["mail.mail"].search(
            [("mail_message_id", "=", entry.mail_message_id.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertNotIn("<script>", mail.body_html)
        self.assertIn("&lt;script&gt;", mail.body_html)
        self.assertIn("&amp; &lt;b&gt;", mail.body_html)

    def test_opted_out_and_archived_contacts_get_no_segment_email(self):
        opted_out = self.env["res.partner"].create(
            {
                "name": "Otto Opted-Out",
                "email": "otto@example.com",
                "interaction_correspondence_type": "email",
            }
        )
        archived = self.env["res.partner"].create(
            {
                "name": "Arne Archived",
                "email": "arne@example.com",
                "interaction_correspondence_type": "email",
            }
        )
        self.env["mail.blacklist"].sudo()._add("otto@example.com")
        segment = (
            self.env["crm.segment"]
            .with_user(self.salesman)
            .create(
                {
                    "description": "Spring letter",
                    "template_id": self.template_mail.id,
                    "correspondence_type": "email",
                }
            )
        )
        segment._add_partners(self.vip | opted_out | archived)
        archived.active = False
        self.env["crm.segment.log.wizard"].with_user(self.salesman).create(
            {"segment_id": segment.id, "send_attachments": True}
        ).action_log()
        self.run_send_job()
        entries = self.Entry.search([("segment_id", "=", segment.id)])
        self.assertEqual(len(entries), 3)
        mails = self.env["mail.mail"].search(
            [("mail_message_id", "in", entries.mail_message_id.ids)]
        )
        self.assertEqual(mails.recipient_ids, self.vip)
        by_partner = {entry.partner_id: entry for entry in entries}
        self.assertEqual(by_partner[self.vip].delivery_status, "in_progress")
        for partner, reason in ((opted_out, "opted out"), (archived, "archived")):
            entry = by_partner[partner]
            self.assertEqual(entry.delivery_status, "not_sent")
            self.assertIn(reason, entry.delivery_info)
            self.assertFalse(entry.mail_message_id)

    def test_delivery_status_follows_the_email(self):
        segment = self.logged_segment(self.salesman, self.vip)
        entry = self.Entry.search([("segment_id", "=", segment.id)])
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search([("mail_message_id", "=", entry.mail_message_id.id)])
        )
        for state, status in (
            ("exception", "error"),
            ("outgoing", "in_progress"),
            ("sent", "sent"),
            ("cancel", "canceled"),
        ):
            mail.write({"state": state, "failure_reason": "Mailbox full"})
            self.assertEqual(self.row(entry, "delivery_status"), (status,))
        self.assertEqual(
            self.row(entry, "delivery_info"),
            (None,),
        )
        mail.write({"state": "exception", "failure_reason": "Mailbox full"})
        self.assertEqual(self.row(entry, "delivery_info"), ("Mailbox full",))
        # deleted before it was sent: it never will be
        mail.unlink()
        self.assertEqual(self.row(entry, "delivery_status"), ("deleted",))
        # deleted once sent: it was sent
        segment2 = self.logged_segment(self.salesman, self.vip, "Summer letter")
        entry2 = self.Entry.search([("segment_id", "=", segment2.id)])
        mail2 = (
            self.env["mail.mail"]
            .sudo()
            .search([("mail_message_id", "=", entry2.mail_message_id.id)])
        )
        mail2.write({"state": "sent"})
        mail2.unlink()
        self.assertEqual(self.row(entry2, "delivery_status"), ("sent",))

    # --- notes are not e-mails -------------------------------------------------
    def test_internal_note_from_the_full_composer_is_not_an_email(self):
        setup = self.env["crm.interaction.template"].create(
            {"code": "TEMAIL", "name": "E-mail", "group_id": self.group.id}
        )
        self.env.company.sudo()._set_interaction_templates({"email": setup})
        self.env.company.sudo()._set_interaction_templates({"sales_quote": setup})
        order = self.env["sale.order"].create(
            {"partner_id": self.vip.id, "user_id": self.salesman_all.id}
        )

        def composer(body, **context):
            """The full composer of the order's chatter, to the contact."""
            return (
                self.env["mail.compose.message"]
                .with_user(self.salesman_all)
                .with_context(
                    default_model="sale.order",
                    default_res_ids=order.ids,
                    default_composition_mode="comment",
                    **context,
                )
                .create({"body": body, "partner_ids": [Command.set(self.vip.ids)]})
            )

        note = composer(
            "<p>Internal: customer is slow to pay</p>",
            default_subtype_xmlid="mail.mt_note",
        )
        self.assertTrue(note.subtype_is_log)
        note.action_send_mail()
        self.assertFalse(
            self.Entry.search(
                [
                    "|",
                    ("template_id", "=", setup.id),
                    "&",
                    ("res_model", "=", "sale.order"),
                    ("res_id", "=", order.id),
                ]
            )
        )
        # the same composer as a message to the contact is one
        composer("<p>Your quotation</p>").action_send_mail()
        entries = self.Entry.search(
            [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
        )
        self.assertEqual(entries.mapped("correspondence_type"), ["email"])

    # --- no context key switches anything off -------------------------------
    def test_context_keys_do_not_switch_recording_off(self):
        setup = self.env["crm.interaction.template"].create(
            {"code": "TQUOTE", "name": "Quote", "group_id": self.group.id}
        )
        self.env.company.sudo()._set_interaction_templates({"sales_quote": setup})
        order = self.env["sale.order"].create(
            {"partner_id": self.vip.id, "user_id": self.salesman_all.id}
        )
        keys = {
            "crm_interaction_no_log": True,
            "crm_interaction_log_paused": ["prints"],
            "prints": True,
            "audit_fields": True,
        }
        self.env["ir.actions.report"].with_user(self.salesman_all).with_context(
            **keys
        )._render_qweb_pdf("sale.action_report_saleorder", res_ids=order.ids)
        entries = self.Entry.search(
            [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
        )
        self.assertEqual(len(entries), 1)
        with self.assertRaises(AccessError):
            entries.with_user(self.salesman_all).with_context(**keys).write(
                {"document_occurrence": 5}
            )
        self.assertEqual(entries.document_occurrence, 1)

    # --- numbers, codes, periods ---------------------------------------------
    def test_entry_numbers_past_their_padding_are_not_cut(self):
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search([("code", "=", "crm.interaction.log.entry")])
        )
        number_next = sequence.number_next_actual
        self.addCleanup(setattr, sequence, "number_next", number_next)
        sequence.number_next = 123456789
        segment = self.logged_segment(self.salesman, self.vip)
        entry = self.Entry.search([("segment_id", "=", segment.id)])
        self.assertTrue(entry.name.endswith("123456789"), entry.name)
        self.assertEqual(
            len(entry.name), len(sequence.prefix or "") + 9, (entry.name, sequence)
        )

    def test_codes_longer_than_their_size_are_refused(self):
        Template = self.env["crm.interaction.template"].with_user(self.manager)
        Template.create(
            {"code": "LONGCODE01", "name": "Ten", "group_id": self.group.id}
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(ValidationError) as error:
            # the same first ten characters: cut, it would be the same code
            Template.create(
                {"code": "LONGCODE01X", "name": "Eleven", "group_id": self.group.id}
            )
        self.assertIn("10", str(error.exception))
        with self.assertRaises(ValidationError):
            self.env["crm.interaction.group"].with_user(self.manager).create(
                {"code": "G" * 11, "name": "Long"}
            )
        self.assertEqual(Template.search_count([("code", "like", "LONGCODE01")]), 1)

    def test_statistics_period_takes_no_bad_value(self):
        self.log(self.person, date="2026-03-15 10:00:00")
        self.log(self.person, date="2026-04-15 10:00:00")
        for period, count in (
            ({"interaction_date_from": "2026-04-01"}, 1),
            ({"interaction_date_to": "2026-03-15"}, 1),  # the whole day
            ({"interaction_date_from": "0001-01-01"}, 2),
            ({"interaction_date_to": "9999-12-31"}, 2),
            ({"interaction_date_to": "2026-03-15 09:00:00"}, 0),
        ):
            with self.subTest(period=period):
                self.assertEqual(
                    self.statistics_as(self.person, self.salesman, **period)[0],
                    count,
                )
        for bad in ("yesterday", "2026-13-01", "10000-01-01", 20260101, ["2026"], "'"):
            with self.subTest(bad=bad), mute_logger("odoo.sql_db"):
                with self.assertRaises(ValidationError):
                    self.statistics_as(
                        self.person, self.salesman, interaction_date_from=bad
                    )

    # --- indexes ----------------------------------------------------------------
    def test_deletes_elsewhere_find_entries_through_an_index(self):
        """Deleting an activity, an e-mail, an attachment, an opportunity or a
        campaign looks up the entries that point to it: by an index, never by
        a scan of the entry table."""
        cr = self.env.cr
        for table, column in (
            ("crm_interaction_log_entry", "mail_message_id"),
            ("crm_interaction_log_entry", "attachment_id"),
            ("crm_interaction_log_entry", "lead_id"),
            ("crm_interaction_log_entry", "campaign_id"),
            # a task keeps its link to its entry: deleting entries finds it
            ("mail_activity", "interaction_entry_id"),
        ):
            with self.subTest(column=column):
                cr.execute("SAVEPOINT plan")
                cr.execute("SET LOCAL enable_seqscan = off")
                cr.execute(
                    f"EXPLAIN UPDATE {table} SET {column} = NULL WHERE {column} = 1"
                )
                plan = "\n".join(row[0] for row in cr.fetchall())
                cr.execute("ROLLBACK TO SAVEPOINT plan")
                self.assertIn("Index", plan)
                self.assertNotIn("Seq Scan", plan)
        # no table of the module makes such a delete scan it: every column
        # that points to a row deleted in the day's work (an entry, a task, an
        # e-mail, a file, an opportunity, a campaign) leads an index, the
        # wizards' columns included
        cr.execute(
            """SELECT c.conrelid::regclass::text, a.attname
                 FROM pg_constraint c
                 JOIN pg_attribute a
                   ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                WHERE c.contype = 'f'
                  AND c.conrelid::regclass::text ~ '^crm_(interaction|segment|logged)'
                  AND c.confrelid::regclass::text IN (
                      'crm_interaction_log_entry', 'mail_activity', 'mail_message',
                      'ir_attachment', 'crm_lead', 'utm_campaign')
                  AND NOT EXISTS (
                      SELECT 1 FROM pg_index i
                       WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])"""
        )
        self.assertEqual(cr.fetchall(), [])
        # a finished or deleted task does not look the entry table up at all
        cr.execute(
            """SELECT count(*) FROM pg_constraint
                WHERE contype = 'f'
                  AND conrelid = 'crm_interaction_log_entry'::regclass
                  AND confrelid = 'mail_activity'::regclass"""
        )
        self.assertEqual(cr.fetchone()[0], 0)


@tagged("post_install", "-at_install")
class TestAuditTrailNewUsers(InteractionCase):
    def test_portal_users_record_nothing_and_change_nothing(self):
        portal = new_test_user(
            self.env, login="pia.portal.audit", groups="base.group_portal"
        )
        entry = self.log(self.person)
        with self.assertRaises(AccessError):
            entry.with_user(portal).write({"evaluation": "negative"})
        with self.assertRaises(AccessError):
            self.env["crm.interaction.log.entry"].with_user(portal).create(
                {
                    "partner_id": self.person.id,
                    "template_id": self.template.id,
                    "description": "x",
                    "date": fields.Datetime.now(),
                }
            )
        self.assertFalse(entry.evaluation)

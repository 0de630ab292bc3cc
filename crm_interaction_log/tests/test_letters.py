# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import subprocess
import tempfile
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from ..models import crm_logged_segment_letters
from .common import InteractionCase

LETTER = (
    '<p>Dear <t t-out="object.partner_id.name"/>,</p>'
    '<p>Your company: <t t-out="object.partner_id.parent_id.name"/>.</p>'
    '<p>About: <t t-out="object.description"/>.</p>'
    '<p>Regards, <t t-out="object.user_id.name"/></p>'
)
BREV = (
    '<p>Hej <t t-out="object.partner_id.name"/>!</p>'
    '<p>Angående: <t t-out="object.description"/>.</p>'
)


def pdf_pages(pdf):
    """The text of each page of ``pdf``, read by pdftotext."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        info = subprocess.check_output(["pdfinfo", file.name], text=True)
        count = int(
            next(
                line for line in info.splitlines() if line.startswith("Pages:")
            ).split()[1]
        )
        return [
            subprocess.check_output(
                ["pdftotext", "-f", str(n), "-l", str(n), file.name, "-"], text=True
            )
            for n in range(1, count + 1)
        ]


@tagged("post_install", "-at_install")
class TestLetters(InteractionCase):
    """A template's letter, written with placeholders in each language, is
    merged with each interaction and printed to PDF: the entry keeps its
    letter, a logged segment prints all its hard-copy letters as one PDF,
    and its e-mails carry each contact's letter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the real PDFs of wkhtmltopdf, not the report's test rendering (HTML)
        cls.env = cls.env(context=dict(cls.env.context, force_report_rendering=True))
        cls.env["res.lang"]._activate_lang("sv_SE")
        cls.letter_template = cls.env["crm.interaction.template"].create(
            {
                "code": "TLETTER",
                "name": "Autumn letter",
                "group_id": cls.group.id,
                "correspondence_type": "hard_copy",
                "lang": "en_US",
            }
        )
        Line = cls.env["crm.interaction.template.language"].with_user(cls.manager)
        cls.line_en = Line.create(
            {
                "template_id": cls.letter_template.id,
                "lang": "en_US",
                "letter_body": LETTER,
            }
        )
        cls.line_sv = Line.create(
            {
                "template_id": cls.letter_template.id,
                "lang": "sv_SE",
                "letter_body": BREV,
            }
        )
        cls.Entry = cls.env["crm.interaction.log.entry"]

    def contacts(self, count, **values):
        return self.env["res.partner"].create(
            [
                dict(
                    {
                        "name": f"Letter Contact {n:02d}",
                        "parent_id": self.company.id,
                        "lang": "en_US",
                        "email": f"letter{n}@example.com",
                        "interaction_correspondence_type": "hard_copy",
                    },
                    **values,
                )
                for n in range(count)
            ]
        )

    def log_segment(self, partners, user=None, send=False):
        user = user or self.salesman
        segment = (
            self.env["crm.segment"]
            .with_user(user)
            .create(
                {
                    "description": "Autumn offer",
                    "template_id": self.letter_template.id,
                    "correspondence_type": "hard_copy",
                }
            )
        )
        segment._add_partners(partners)
        self.env["crm.segment.log.wizard"].with_user(user).create(
            {"segment_id": segment.id, "send_attachments": send}
        ).action_log()
        return segment.logged_segment_id.with_user(user)

    def entries_of(self, logged):
        return self.Entry.search([("logged_segment_id", "=", logged.id)], order="id")

    def letters_pdf(self, logged):
        """The PDF the Print Letters button downloads, as its user gets it."""
        action = logged.action_print_letters()
        self.assertIn(
            f"/web/content/crm.logged.segment/{logged.id}/letters_pdf", action["url"]
        )
        logged.invalidate_recordset(["letters_pdf"])
        return base64.b64decode(logged.letters_pdf)

    # --- the letter -------------------------------------------------------
    def test_letter_merged_in_the_contacts_language(self):
        swede = self.contacts(1, name="Sven Svensson", lang="sv_SE")
        english = self.contacts(1, name="Emma English")
        entries = self.log(
            swede, self.letter_template, description="Höstens erbjudande"
        )
        entries |= self.log(
            english, self.letter_template, description="Autumn offer", lang="en_US"
        )
        entries |= self.log(swede, self.letter_template, description="x", lang="sv_SE")
        [document] = entries._interaction_print_letters()
        # one document of the three letters, a page each
        self.assertEqual(len(pdf_pages(document)), 3)
        for entry in entries:
            attachment = entry.sudo().attachment_id
            self.assertEqual(
                (attachment.res_model, attachment.res_id, attachment.mimetype),
                (entry._name, entry.id, "application/pdf"),
            )
        [english_page] = pdf_pages(entries[1].sudo().attachment_id.raw)
        self.assertIn("Dear Emma English", english_page)
        self.assertIn("Your company: Interaction Test Corp", english_page)
        self.assertIn("About: Autumn offer", english_page)
        self.assertIn("Regards, Sally Salesman", english_page)
        [swedish_page] = pdf_pages(entries[2].sudo().attachment_id.raw)
        self.assertIn("Hej Sven Svensson!", swedish_page)
        self.assertNotIn("Dear", swedish_page)

    def test_create_interaction_prints_the_contacts_letter(self):
        partner = self.contacts(1, name="Hanna Hardcopy")
        Wizard = self.env["crm.interaction.create.wizard"].with_user(self.salesman)
        action = Wizard.action_start(partner, self.letter_template)
        with Form(Wizard.with_context(**action["context"])) as form:
            form.description = "Invitation to the fair"
        wizard = form.record
        self.assertEqual(wizard.correspondence_type, "hard_copy")
        self.assertFalse(wizard.attachment_id)
        wizard.action_finish()
        entry = wizard.entry_id
        letter = entry.attachment_id
        self.assertEqual((letter.res_model, letter.res_id), (entry._name, entry.id))
        # the dialog's next step opens and downloads it
        self.assertEqual(wizard.state, "offer_opportunity")
        self.assertEqual(wizard.attachment_id, letter)
        self.assertEqual(
            wizard.action_open_attachment()["url"], f"/web/content/{letter.id}"
        )
        # Show Attachment gives the same letter again
        self.assertEqual(
            entry.action_open_attachment()["url"],
            f"/web/content/{letter.id}?download=true",
        )
        [page] = pdf_pages(letter.raw)
        self.assertIn("Dear Hanna Hardcopy,", page)
        self.assertIn("About: Invitation to the fair", page)
        # Resend e-mails the same letter: a copy for the composer
        resend = entry.action_resend()
        resent = self.env["crm.interaction.create.wizard"].browse(resend["res_id"])
        composer = resent.with_user(self.salesman).action_finish()
        [copy] = self.env["ir.attachment"].browse(
            composer["context"]["default_attachment_ids"][0][2]
        )
        self.assertEqual(copy.raw, letter.raw)

    def test_letter_or_file_not_both(self):
        with self.assertRaises(ValidationError):
            self.line_en.with_user(self.manager).write(
                {
                    "upload_file": base64.b64encode(b"%PDF-1.4 letter"),
                    "upload_filename": "letter.pdf",
                }
            )
        self.assertFalse(self.line_en.attachment_id)
        self.assertIn("object.partner_id.name", self.line_en.letter_body)

    def test_template_with_letters_records_no_documents(self):
        self.assertTrue(self.letter_template.has_attachments)
        with self.assertRaises(ValidationError):
            self.letter_template._check_can_record(self.env.company)

    # --- a logged segment -------------------------------------------------
    def test_segment_of_50_prints_one_pdf(self):
        partners = self.contacts(50)
        logged = self.log_segment(partners)
        self.assertEqual(logged.letters_state, "done")
        self.assertEqual((logged.letter_count, logged.letter_progress), (50, 100.0))
        entries = self.entries_of(logged)
        self.assertEqual(len(entries), 50)
        self.assertEqual(entries.sudo().attachment_id.mapped("res_id"), entries.ids)
        pages = pdf_pages(self.letters_pdf(logged))
        self.assertEqual(len(pages), 50)
        for page, entry in zip(pages, entries, strict=True):
            self.assertIn(f"Dear {entry.partner_id.name},", page)
            self.assertIn("About: Autumn offer", page)
            self.assertNotIn("Dear", page.replace(f"Dear {entry.partner_id.name},", ""))

    def test_large_segment_printed_by_the_job_in_batches(self):
        partners = self.contacts(12)
        cron = self.env.ref("crm_interaction_log.ir_cron_print_segment_letters")
        with patch.object(crm_logged_segment_letters, "LETTERS_AT_ONCE", 5):
            logged = self.log_segment(partners)
        self.assertEqual(logged.letters_state, "printing")
        self.assertTrue(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        )
        self.assertFalse(self.entries_of(logged).attachment_id)
        with self.assertRaises(UserError):
            logged.action_print_letters()
        Segment = self.env["crm.logged.segment"].sudo()
        self.assertEqual(Segment._cron_print_letters(batch_size=5, max_batches=1), 5)
        logged.invalidate_recordset()
        self.assertEqual(round(logged.letter_progress), 42)
        # a job stopped after a batch resumes after it: no letter twice
        Segment._cron_print_letters(batch_size=5, max_batches=None)
        logged.invalidate_recordset()
        self.assertEqual(logged.letters_state, "done")
        entries = self.entries_of(logged)
        letters = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [("res_model", "=", self.Entry._name), ("res_id", "in", entries.ids)]
            )
        )
        self.assertEqual(len(letters), 12)
        self.assertEqual(entries.sudo().attachment_id, letters)
        pages = pdf_pages(self.letters_pdf(logged))
        self.assertEqual(
            [page.split("Dear ")[1].split(",")[0] for page in pages],
            entries.partner_id.mapped("name"),
        )

    def test_canceled_segment_waits(self):
        partners = self.contacts(3)
        with patch.object(crm_logged_segment_letters, "LETTERS_AT_ONCE", 1):
            logged = self.log_segment(partners)
        logged.action_cancel()
        Segment = self.env["crm.logged.segment"].sudo()
        self.assertEqual(Segment._cron_print_letters(max_batches=None), 0)
        logged.action_restore()
        self.assertEqual(Segment._cron_print_letters(max_batches=None), 3)
        self.assertEqual(logged.letters_state, "done")

    def test_email_lines_get_their_letter(self):
        partners = self.contacts(3, interaction_correspondence_type="email")
        logged = self.log_segment(partners, send=True)
        self.assertFalse(logged.letters_state)
        self.env["crm.logged.segment"].sudo()._cron_send_attachments(max_batches=None)
        for entry in self.entries_of(logged).sudo():
            letter = entry.attachment_id
            self.assertEqual((letter.res_model, letter.res_id), (entry._name, entry.id))
            mail = (
                self.env["mail.mail"]
                .sudo()
                .search([("mail_message_id", "=", entry.mail_message_id.id)])
            )
            [sent] = mail.attachment_ids
            self.assertEqual(sent.raw, letter.raw)
            self.assertEqual(
                (sent.res_model, sent.res_id), ("res.partner", entry.partner_id.id)
            )
            [page] = pdf_pages(sent.raw)
            self.assertIn(f"Dear {entry.partner_id.name},", page)

    # --- who reads a letter ----------------------------------------------
    def test_letter_read_by_who_may_read_the_entry(self):
        partner = self.contacts(1, name="Private Person")
        entry = self.log(partner, self.letter_template)
        entry._interaction_print_letters()
        letter = entry.sudo().attachment_id
        self.assertTrue(letter.with_user(self.salesman).raw.startswith(b"%PDF"))
        self.assertTrue(letter.with_user(self.manager).raw)
        other_salesman = new_test_user(
            self.env,
            login="oscar.letters",
            groups="sales_team.group_sale_salesman",
            name="Oscar Own-Documents",
        )
        portal = new_test_user(
            self.env, login="polly.letters", groups="base.group_portal", name="Polly"
        )
        for user in (other_salesman, self.employee, portal):
            with self.assertRaises(AccessError, msg=user.name):
                letter.with_user(user).raw  # noqa: B018

    def test_segment_letters_pdf_only_of_readable_entries(self):
        partners = self.contacts(2)
        logged = self.log_segment(partners)
        other_salesman = new_test_user(
            self.env,
            login="oscar.letters",
            groups="sales_team.group_sale_salesman",
            name="Oscar Own-Documents",
        )
        # every salesperson sees the logged segment, but not its entries
        self.assertFalse(logged.with_user(other_salesman).letters_pdf)
        with self.assertRaises(UserError):
            logged.with_user(other_salesman).action_print_letters()
        self.assertTrue(logged.letters_pdf)
        # the documents the one PDF is made of are no record's: nobody but
        # administrators reads them by their id
        [document] = logged.sudo().letter_document_ids
        for user in (self.salesman, other_salesman, self.manager):
            with self.assertRaises(AccessError, msg=user.name):
                document.with_user(user).raw  # noqa: B018

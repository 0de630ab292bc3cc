# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from email.message import EmailMessage

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.switches import RECEIVED_EMAILS, switched
from .common import InteractionCase

SCAN = b"%PDF-1.4 the signed contract, scanned"


@tagged("post_install", "-at_install")
class TestInteractionFile(InteractionCase):
    """An interaction's own file (the reference's *Import*): uploaded in
    Create Interaction, kept on the entry as an attachment of the entry, so
    that whoever may read the entry may read it and nobody else; on a
    postponed entry, replaced by the next upload; the first file of an e-mail
    received from a contact on its inbound entry."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Entry = cls.env["crm.interaction.log.entry"]
        cls.letter = cls.env["crm.interaction.template"].create(
            {
                "code": "TFLETTER",
                "name": "Contract letter",
                "group_id": cls.group.id,
                "correspondence_type": "hard_copy",
                "lang": "en_US",
                "language_ids": [
                    Command.create(
                        {
                            "lang": "en_US",
                            "upload_file": base64.b64encode(b"Dear customer"),
                            "upload_filename": "letter_en.txt",
                        }
                    )
                ],
            }
        )
        cls.letter_file = cls.letter.language_ids.attachment_id
        cls.person.lang = "en_US"
        # who must not read the file: a salesperson who sees his own
        # documents only (not this contact's), a portal user, an employee
        # without interaction rights, a sales manager of another company
        cls.other_salesman = new_test_user(
            cls.env,
            login="oscar.interactions",
            groups="sales_team.group_sale_salesman",
            name="Oscar Other Salesman",
        )
        cls.portal = new_test_user(
            cls.env,
            login="pia.interactions",
            groups="base.group_portal",
            name="Pia Portal",
        )
        company_b = cls.env["res.company"].create({"name": "Interaction Files B"})
        cls.user_b = new_test_user(
            cls.env,
            login="bob.interactions",
            groups="sales_team.group_sale_manager",
            name="Bob of B",
            company_id=company_b.id,
            company_ids=[(6, 0, company_b.ids)],
        )
        cls.outsiders = cls.other_salesman | cls.portal | cls.employee | cls.user_b

    # --- helpers ---------------------------------------------------------------
    def wizard(self, template=None, user=None, upload=None, **values):
        """Create Interaction as the salesperson fills it in; ``upload``: the
        file chosen in its upload field, which the web client sends with the
        file's name (a field the form does not show) when it saves."""
        form = Form(
            self.env["crm.interaction.create.wizard"]
            .with_user(user or self.salesman)
            .with_context(default_partner_id=self.person.id)
        )
        form.template_id = template or self.letter
        for name, value in values.items():
            setattr(form, name, value)
        wizard = form.save()
        if upload:
            wizard.write(upload)
        return wizard

    def upload(self, content=SCAN, name="contract_scan.pdf"):
        return {"upload_file": base64.b64encode(content), "upload_filename": name}

    def files_of(self, entry):
        return (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", entry._name), ("res_id", "=", entry.id)])
        )

    def content_as(self, attachment, user):
        """The file's content as ``user`` reads it in a new request."""
        attachment = attachment.with_user(user)
        attachment.invalidate_recordset()
        return base64.b64decode(attachment.datas)

    def postponed_with_file(self, content=SCAN, name="contract_scan.pdf"):
        wizard = self.wizard(
            description="Contract to sign", upload=self.upload(content, name)
        )
        wizard.action_cancel()
        wizard.action_finish_later()
        return wizard.entry_id

    # --- Create Interaction ----------------------------------------------------
    def test_uploaded_file_is_the_entrys_own(self):
        wizard = self.wizard(description="Signed contract back", upload=self.upload())
        wizard.action_finish()
        entry = wizard.entry_id
        own = entry.attachment_id
        self.assertRecordValues(
            own,
            [
                {
                    "name": "contract_scan.pdf",
                    "res_model": "crm.interaction.log.entry",
                    "res_id": entry.id,
                    "mimetype": "application/pdf",
                }
            ],
        )
        self.assertEqual(self.files_of(entry), own)
        self.assertEqual(self.content_as(own, self.salesman), SCAN)
        # instead of the template's attachment, which stays the template's
        self.assertNotEqual(own, self.letter_file)
        self.assertEqual(self.letter.language_ids.attachment_id, self.letter_file)
        self.assertEqual(base64.b64decode(self.letter_file.datas), b"Dear customer")
        # the file lives on the entry, not in the wizard any more
        self.assertFalse(wizard.upload_file)
        self.assertFalse(wizard.upload_filename)
        # Show Attachment gives it
        action = entry.with_user(self.salesman).action_open_attachment()
        self.assertEqual(action["url"], f"/web/content/{own.id}?download=true")

    def test_without_upload_the_template_attachment_is_linked(self):
        wizard = self.wizard(description="Letter sent")
        self.assertEqual(wizard.attachment_id, self.letter_file)
        wizard.action_finish()
        entry = wizard.entry_id
        self.assertEqual(entry.attachment_id, self.letter_file)
        self.assertFalse(self.files_of(entry))

    def test_who_may_not_read_the_entry_may_not_read_its_file(self):
        wizard = self.wizard(description="Signed contract back", upload=self.upload())
        wizard.action_finish()
        entry, own = wizard.entry_id, wizard.entry_id.attachment_id
        # whoever may read the entry reads the file
        for user in (self.salesman, self.salesman_all, self.manager):
            with self.subTest(user=user.login):
                self.assertTrue(entry.with_user(user).has_access("read"))
                self.assertEqual(self.content_as(own, user), SCAN)
        for user in self.outsiders:
            with self.subTest(user=user.login):
                self.assertFalse(entry.with_user(user).has_access("read"))
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    self.content_as(own, user)
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    own.with_user(user).read(["datas"])
                # what /web/content checks before it serves a file
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    own.with_user(user).validate_access(None).datas  # noqa: B018
        # nor do they find it
        for user in (self.other_salesman, self.employee, self.user_b):
            with self.subTest(user=user.login):
                found = (
                    self.env["ir.attachment"]
                    .with_user(user)
                    .search(
                        [("res_model", "=", entry._name), ("res_id", "=", entry.id)]
                    )
                )
                self.assertFalse(found)
        self.assertEqual(self.content_as(own, self.salesman), SCAN)

    def test_sent_by_email_with_the_uploaded_file(self):
        mailing = self.letter.copy(
            {
                "code": "TFMAIL",
                "name": "Contract e-mail",
                "correspondence_type": "email",
            }
        )
        wizard = self.wizard(
            template=mailing, description="Contract", upload=self.upload()
        )
        self.assertTrue(wizard.send_email)
        action = wizard.action_finish()
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.salesman)
            .with_context(**action["context"])
        ).save()
        self.assertEqual(composer.attachment_ids.mapped("name"), ["contract_scan.pdf"])
        composer.action_send_mail()
        entry = wizard.entry_id
        self.assertTrue(entry.mail_message_id)
        self.assertEqual(
            base64.b64decode(entry.mail_message_id.attachment_ids.datas), SCAN
        )
        self.assertEqual(entry.attachment_id.res_id, entry.id)
        self.assertEqual(self.content_as(entry.attachment_id, self.salesman), SCAN)

    def test_resend_gives_the_uploaded_file(self):
        wizard = self.wizard(description="Signed contract back", upload=self.upload())
        wizard.action_finish()
        old = wizard.entry_id
        old_file = old.attachment_id
        action = old.with_user(self.salesman).action_resend()
        resend = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(resend.attachment_id, old_file)
        send = resend.with_user(self.salesman).action_finish()
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.salesman)
            .with_context(**send["context"])
        ).save()
        composer.action_send_mail()
        new = resend.entry_id
        self.assertNotEqual(new, old)
        self.assertEqual(
            base64.b64decode(new.mail_message_id.attachment_ids.datas), SCAN
        )
        # the new entry has its own copy: readable with it, as the old one's
        # is with the old one
        self.assertRecordValues(
            new.attachment_id,
            [{"name": "contract_scan.pdf", "res_model": new._name, "res_id": new.id}],
        )
        self.assertEqual(self.content_as(new.attachment_id, self.salesman), SCAN)
        self.assertEqual(old.attachment_id, old_file)
        self.assertEqual(self.content_as(old_file, self.salesman), SCAN)

    # --- a postponed interaction --------------------------------------------------
    def test_finish_later_keeps_the_upload_and_resume_shows_it(self):
        entry = self.postponed_with_file()
        self.assertTrue(entry.postponed)
        own = entry.attachment_id
        self.assertEqual((own.res_model, own.res_id), (entry._name, entry.id))
        self.assertEqual(self.content_as(own, self.salesman), SCAN)
        # resumed: the wizard shows the entry's file, not the template's
        action = entry.with_user(self.salesman).action_resume()
        resumed = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(resumed.attachment_id, own)
        resumed.with_user(self.salesman).action_finish()
        self.assertFalse(entry.postponed)
        self.assertEqual(entry.attachment_id, own)
        self.assertEqual(self.files_of(entry), own)
        self.assertEqual(self.content_as(own, self.salesman), SCAN)

    def test_resumed_upload_replaces_the_previous_file(self):
        entry = self.postponed_with_file()
        first = entry.attachment_id
        action = entry.with_user(self.salesman).action_resume()
        resumed = self.env[action["res_model"]].browse(action["res_id"])
        resumed = resumed.with_user(self.salesman)
        resumed.write(self.upload(b"second scan, both pages", "contract_scan_2.pdf"))
        resumed.action_cancel()
        resumed.action_finish_later()
        self.assertTrue(entry.postponed)
        second = entry.attachment_id
        self.assertEqual(second.name, "contract_scan_2.pdf")
        self.assertEqual(
            self.content_as(second, self.salesman), b"second scan, both pages"
        )
        # the replaced file went: nothing else used it
        self.assertFalse(first.exists())
        self.assertEqual(self.files_of(entry), second)
        # a template's file replaced on a postponed entry stays the template's
        plain = self.wizard(description="Letter to send")
        plain.action_cancel()
        plain.action_finish_later()
        postponed = plain.entry_id
        self.assertEqual(postponed.attachment_id, self.letter_file)
        action = postponed.with_user(self.salesman).action_resume()
        resumed = self.env[action["res_model"]].browse(action["res_id"])
        resumed.with_user(self.salesman).write(self.upload(b"signed", "signed.pdf"))
        resumed.with_user(self.salesman).action_finish()
        self.assertEqual(postponed.attachment_id.res_id, postponed.id)
        self.assertTrue(self.letter_file.exists())
        self.assertEqual(self.letter.language_ids.attachment_id, self.letter_file)

    def test_deleting_a_postponed_entry_deletes_its_own_file(self):
        entry = self.postponed_with_file()
        own = entry.attachment_id
        entry.with_user(self.salesman).action_delete_postponed()
        self.assertFalse(entry.exists())
        self.assertFalse(own.exists())
        self.assertTrue(self.letter_file.exists())

    # --- bad input --------------------------------------------------------------
    def test_bad_uploads_are_refused_and_change_nothing(self):
        entry = self.postponed_with_file()
        own = entry.attachment_id
        action = entry.with_user(self.salesman).action_resume()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.salesman)
            .browse(action["res_id"])
        )
        cases = {
            "no file name": {"upload_file": base64.b64encode(b"x")},
            "empty file": {"upload_file": "", "upload_filename": "empty.pdf"},
            "no file": {"upload_file": False, "upload_filename": "empty.pdf"},
            "not base64": {"upload_file": "not base64!", "upload_filename": "x.pdf"},
        }
        for case, values in cases.items():
            with self.subTest(case=case):
                with (
                    self.assertRaises(ValidationError),
                    self.env.cr.savepoint(),
                ):
                    wizard.write(values)
                    wizard.action_finish()
                self.env.invalidate_all()
                self.assertFalse(wizard.upload_file or wizard.upload_filename)
                self.assertTrue(entry.postponed)
                self.assertEqual(entry.attachment_id, own)
                self.assertEqual(self.files_of(entry), own)
                self.assertEqual(self.content_as(own, self.salesman), SCAN)
        # nor as a new wizard
        with self.assertRaises(ValidationError):
            self.wizard(
                description="Unnamed", upload={"upload_file": base64.b64encode(b"x")}
            )

    def test_no_file_is_linked_by_its_id_from_a_client(self):
        # a file the salesperson may read, of another record (the contact)
        contact_file = self.env["ir.attachment"].create(
            {
                "name": "id_card.pdf",
                "raw": b"%PDF-1.4 id card",
                "res_model": "res.partner",
                "res_id": self.person.id,
            }
        )
        self.assertEqual(
            self.content_as(contact_file, self.salesman), b"%PDF-1.4 id card"
        )
        wizard = self.wizard(description="Letter sent")
        # a client writing the wizard's shown file: the interaction carries
        # the template's still
        wizard.write({"attachment_id": contact_file.id})
        self.assertEqual(wizard.attachment_id, contact_file)
        self.assertEqual(wizard._checked_attachment(), self.letter_file)
        wizard.action_finish()
        self.assertEqual(wizard.entry_id.attachment_id, self.letter_file)
        self.assertEqual(
            (contact_file.res_model, contact_file.res_id),
            ("res.partner", self.person.id),
        )

    def test_the_upload_is_refused_a_message_that_names_the_file(self):
        wizard = self.wizard(description="Empty")
        with self.assertRaisesRegex(ValidationError, "empty.pdf"):
            wizard.write({"upload_file": False, "upload_filename": "empty.pdf"})

    # --- a received e-mail --------------------------------------------------------
    def receive(self, *files):
        """Paula's e-mail, with ``files`` (name, content) attached, through
        the mail gateway as the mail server delivers it: a new opportunity."""
        mail = EmailMessage()
        mail["From"] = "Paula Person <paula@example.com>"
        mail["To"] = "sales@interaction-files.example.com"
        mail["Subject"] = "Signed contract"
        mail["Message-ID"] = "<signed-contract-1@mail.example.org>"
        mail.set_content("Here is the contract, signed.")
        for name, content in files:
            mail.add_attachment(
                content, maintype="application", subtype="pdf", filename=name
            )
        self.env["mail.thread"].message_process("crm.lead", mail.as_string())
        lead = self.env["crm.lead"].search([("name", "=", "Signed contract")])
        message = lead.message_ids.filtered(lambda m: m.message_type == "email")
        entry = self.Entry.search(
            [("mail_message_id", "=", message.id), ("information_flow", "=", "inbound")]
        )
        return lead, message, entry

    def set_up_email_template(self):
        template = self.env["crm.interaction.template"].create(
            {"code": "TFMAILIN", "name": "E-mail", "group_id": self.group.id}
        )
        self.env.company._set_interaction_templates({"email": template})
        self.person.user_id = self.salesman

    def test_received_email_keeps_its_first_file_on_the_entry(self):
        self.set_up_email_template()
        lead, message, entry = self.receive(
            ("contract.pdf", SCAN), ("terms.pdf", b"%PDF-1.4 terms")
        )
        self.assertEqual(len(entry), 1)
        first = message.attachment_ids.sorted("id")[0]
        self.assertEqual(first.name, "contract.pdf")
        self.assertEqual(entry.attachment_id, first)
        # kept where Odoo keeps a message's files: nothing copied
        self.assertEqual((first.res_model, first.res_id), ("crm.lead", lead.id))
        self.assertEqual(
            self.env["ir.attachment"].search_count([("name", "=", "contract.pdf")]),
            1,
        )
        self.assertFalse(self.files_of(entry))
        # the contact's salesperson opens it from the entry
        self.assertEqual(entry.with_user(self.salesman).user_id, self.salesman)
        lead.user_id = self.salesman
        action = entry.with_user(self.salesman).action_open_attachment()
        self.assertEqual(action["url"], f"/web/content/{first.id}?download=true")
        self.assertEqual(self.content_as(first, self.salesman), SCAN)

    def test_received_email_without_files_reads_no_attachments(self):
        self.set_up_email_template()
        lead = self.env["crm.lead"].create(
            {"name": "Chairs", "partner_id": self.person.id}
        )
        with switched(RECEIVED_EMAILS):
            message = lead.message_post(
                body="Please call me.",
                subject="Chairs",
                message_type="email",
                author_id=self.person.id,
                email_from="paula@example.com",
            )
        entry = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertEqual(len(entry), 1)
        self.assertFalse(entry.attachment_id)
        # its attachments were not read: no query for them on a message
        # without files
        self.assertFalse(
            self.env.cache.contains(message, message._fields["attachment_ids"])
        )

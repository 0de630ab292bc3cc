# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import InteractionCase
from .nav_export import export

D = datetime.date
T = datetime.time


@tagged("post_install", "-at_install")
class TestHistoryImport(InteractionCase):
    """An interaction history exported from NAV/BC, imported by an
    interaction manager: checked first (nothing written), then imported as
    it was, once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person.ref = "CT000101"
        cls.person2.ref = "CT000102"
        cls.other.ref = "CT000103"
        cls.nav_user = new_test_user(
            cls.env,
            login="jr@example.com",
            name="John Roberts",
            groups="base.group_user",
        )
        # a contact of another company with a reference of the file
        cls.company_b = cls.env["res.company"].create({"name": "Import Company B"})
        cls.env["res.partner"].create(
            {"name": "Bea Elsewhere", "ref": "CT000999", "company_id": cls.company_b.id}
        )

    def entry_row(self, number, **values):
        row = {
            "entry_no": number,
            "contact_no": "CT000101",
            "date": D(2019, 3, 14),
            "time": T(9, 30),
            "description": f"Call {number}",
            "template_code": "TCALL",
            "cost": 1234.5,
            "duration": 12.5,
            "information_flow": ("information_flow", "outbound"),
            "initiated_by": ("initiated_by", "us"),
            "salesperson_code": "JR",
            "user_code": "CRONUS\\JR",
            "evaluation": ("evaluation", "positive"),
            "attempt_failed": False,
            "canceled": False,
            "postponed": False,
            "correspondence_type": ("correspondence_type", "hard_copy"),
            "document_type": "Sales Inv.",
            "document_no": "103001",
            "document_occurrence": 1,
        }
        row.update(values)
        return row

    def new_import(self, content, name="entries.csv", user=None, **values):
        return (
            self.env["crm.interaction.import"]
            .with_user(user or self.manager)
            .create(
                {
                    "file": base64.b64encode(content),
                    "file_name": name,
                    "tz": "Europe/Stockholm",
                    **values,
                }
            )
        )

    def imported(self):
        return self.env["crm.interaction.log.entry"].search(
            [("id", ">", self.last_entry_id), ("channel", "=", "import")],
            order="imported_entry_no",
        )

    def errors(self, job):
        rows = self.env["crm.interaction.import.row"].search(
            [("import_id", "=", job.id), ("error", "!=", False)]
        )
        return {row.sequence: (row.error, row.error_info) for row in rows}

    def test_each_language_and_locale(self):
        """The same history, exported in each caption language, in Excel and
        in CSV with the locale's dates and decimals, imports the same."""
        cases = [
            ("en", True, None),
            ("en", False, "%d/%m/%Y"),
            ("sv", False, None),
            ("sv", True, None),
            ("nb", False, None),
            ("fi", False, None),
            ("nl", False, None),
            ("nl", True, None),
            ("ru", False, None),
            ("da", False, None),
            ("fi", False, "%Y-%m-%d"),
        ]
        for number, (lang, excel, date_format) in enumerate(cases):
            with self.subTest(lang=lang, excel=excel, date_format=date_format):
                entry_no = 1000 + number
                content = export(
                    [self.entry_row(entry_no, date=D(2019, 3, 24 - number))],
                    lang=lang,
                    excel=excel,
                    date_format=date_format,
                )
                job = self.new_import(content, "e.xlsx" if excel else "e.csv")
                job.action_check()
                self.assertEqual(job.language, lang)
                self.assertEqual((job.to_import_count, job.error_count), (1, 0))
                job.action_import()
                self.assertEqual(job.state, "done")
                entry = self.imported().filtered(
                    lambda e, n=entry_no: e.imported_entry_no == n
                )
                self.assertEqual(len(entry), 1)
                # 09:30 in Stockholm in March (UTC+1)
                self.assertEqual(
                    entry.date, datetime.datetime(2019, 3, 24 - number, 8, 30)
                )
                self.assertEqual(entry.partner_id, self.person)
                self.assertEqual(entry.template_id, self.template)
                self.assertEqual((entry.cost, entry.duration), (1234.5, 12.5))
                self.assertEqual(entry.evaluation, "positive")
                self.assertEqual(entry.correspondence_type, "hard_copy")
                self.assertEqual(entry.user_id, self.nav_user)
                self.assertEqual(entry.logged_by_id, self.nav_user)
                self.assertEqual(entry.document_type_id.code, "sales_invoice")
                self.assertEqual(entry.document_name, "103001")
                self.assertEqual(entry.channel, "import")

    def test_check_lists_each_bad_row_and_writes_nothing(self):
        rows = [
            self.entry_row(1),
            self.entry_row(2, contact_no="CT-NOBODY"),
            self.entry_row(3, template_code="NOSUCH"),
            self.entry_row(4, date="31.02.2019"),
            self.entry_row(5, cost="12,3,4"),
            self.entry_row(6, evaluation="Splendid"),
            self.entry_row(1, description="the same entry again"),
            self.entry_row(8, contact_no="CT000999"),
            self.entry_row(9, contact_no=None),
            self.entry_row(10, canceled="Maybe"),
        ]
        job = self.new_import(export(rows, lang="sv"))
        templates = self.env["crm.interaction.template"].search_count([])
        job.action_check()
        self.assertEqual(job.state, "checked")
        self.assertEqual(
            self.errors(job),
            {
                2: ("unknown_contact", "CT-NOBODY"),
                3: ("unknown_template", "NOSUCH"),
                4: ("bad_date", "Datum: 31.02.2019"),
                5: ("bad_number", "Kostnad (BVA): 12,3,4"),
                6: ("bad_value", "Utvärdering: Splendid"),
                7: ("duplicate", "1"),
                # a contact of another company is not one of this import's
                8: ("unknown_contact", "CT000999"),
                9: ("no_contact", False),
                10: ("bad_value", "Annullerad: Maybe"),
            },
        )
        self.assertEqual(
            (job.row_count, job.to_import_count, job.error_count), (10, 1, 9)
        )
        self.assertIn("Unknown contact: 2", job.error_summary)
        # the dry run wrote nothing to the log nor to the setup
        self.assertFalse(self.imported())
        self.assertEqual(
            self.env["crm.interaction.template"].search_count([]), templates
        )
        # what it proposes: the template of that code, the user of that login
        mapping = {(m.kind, m.code): m for m in job.mapping_ids}
        self.assertEqual(mapping["template", "TCALL"].template_id, self.template)
        self.assertEqual(mapping["template", "TCALL"].row_count, 9)
        self.assertFalse(mapping["template", "NOSUCH"].template_id)
        self.assertEqual(mapping["salesperson", "JR"].user_id, self.nav_user)
        # the person maps the unknown template, checks again: the row imports
        mapping["template", "NOSUCH"].template_id = self.template_in
        job.action_check()
        self.assertNotIn(3, self.errors(job))
        job.action_import()
        self.assertEqual(self.imported().mapped("imported_entry_no"), [1, 3])
        self.assertEqual(self.imported()[1].template_id, self.template_in)
        # the rows that did not import stay to be read; those imported go
        self.assertEqual(job.error_count, 8)
        self.assertEqual(job.imported_count, 2)

    def test_history_as_it_was(self):
        """Canceled, failed and postponed marks, campaign marks, evaluation,
        language, a document type Odoo has not: as NAV/BC recorded them,
        and counted by the statistics at once."""
        self.env["res.lang"]._activate_lang("sv_SE")
        rows = [
            self.entry_row(
                70001,
                canceled=True,
                attempt_failed=True,
                evaluation=("evaluation", "very_negative"),
                lang_code="SVE",
                document_type="Sales Rmdr.",
                document_no="RM0042",
                contact_no="CT000102",
            ),
            self.entry_row(
                70002,
                postponed=True,
                information_flow=("information_flow", "inbound"),
                initiated_by=("initiated_by", "them"),
                correspondence_type=("correspondence_type", "email"),
                contact_via="paula@example.com",
                subject="Re: offer",
                campaign_target=True,
                campaign_response=True,
                cost=0.0,
                document_type="Sales Return Receipt",
            ),
            self.entry_row(
                70003,
                cost=10.0,
                duration=5.0,
                salesperson_code=None,
                document_type="Purch. Return Shipment",
            ),
        ]
        count_before = self.person.interaction_count
        job = self.new_import(export(rows, lang="nb"))
        job.action_check()
        job.action_import()
        canceled, postponed, counted = self.imported()
        self.assertTrue(canceled.canceled and canceled.attempt_failed)
        self.assertEqual(canceled.evaluation, "very_negative")
        self.assertEqual(canceled.lang, "sv_SE")
        self.assertFalse(canceled.document_type_id)
        self.assertEqual(canceled.imported_document_type, "Sales Rmdr.")
        self.assertEqual(canceled.document_name, "RM0042")
        # NAV/BC's returns are Odoo's document types of their own
        self.assertEqual(postponed.document_type_id.code, "sales_return")
        self.assertEqual(counted.document_type_id.code, "purchase_return")
        self.assertFalse(counted.imported_document_type)
        self.assertTrue(postponed.postponed)
        self.assertEqual(
            (postponed.information_flow, postponed.initiated_by), ("inbound", "them")
        )
        self.assertEqual(postponed.correspondence_type, "email")
        self.assertEqual(postponed.contact_via, "paula@example.com")
        self.assertEqual(postponed.subject, "Re: offer")
        self.assertTrue(postponed.campaign_target and postponed.campaign_response)
        self.assertFalse(counted.user_id)
        # statistics count the entry neither canceled nor postponed, at once;
        # so do the analysis and the contact's timeline, under their channel
        self.person.invalidate_recordset()
        self.assertEqual(self.person.interaction_count, count_before + 1)
        analysis = self.env["crm.interaction.analysis"]._read_group(
            [("channel", "=", "import"), ("template_id", "=", self.template.id)],
            aggregates=["entry_count:sum", "cost:sum"],
        )
        self.assertEqual(analysis, [(3, 1244.5)])
        items = self.person.interaction_timeline(channel="import")["items"]
        self.assertEqual([item["id"] for item in items], counted.ids)
        self.assertEqual(items[0]["icon"], "fa-history")
        self.assertEqual(
            self.env["crm.interaction.log.entry"].search_count(
                [("imported_entry_no", "=", 70003)]
            ),
            1,
        )

    def test_importing_twice_imports_nothing_twice(self):
        content = export([self.entry_row(n) for n in (501, 502, 503)], lang="fi")
        first = self.new_import(content)
        first.action_check()
        first.action_import()
        self.assertEqual(len(self.imported()), 3)
        second = self.new_import(content)
        second.action_check()
        self.assertEqual((second.to_import_count, second.error_count), (0, 3))
        self.assertEqual(
            set(self.errors(second).values()),
            {
                ("already_imported", "501"),
                ("already_imported", "502"),
                ("already_imported", "503"),
            },
        )
        second.action_import()
        self.assertEqual(len(self.imported()), 3)
        self.assertEqual(second.imported_count, 0)

    def test_imported_entries_are_as_immutable_as_logged_ones(self):
        job = self.new_import(export([self.entry_row(801)]))
        job.action_check()
        job.action_import()
        entry = self.imported().with_user(self.manager)
        with self.assertRaises(UserError):
            entry.write({"description": "rewritten"})
        with self.assertRaises(AccessError):
            entry.write({"imported_entry_no": 802})
        with self.assertRaises(UserError):
            entry.unlink()
        # nor can anyone forge an imported entry by hand
        with self.assertRaises(AccessError):
            self.env["crm.interaction.log.entry"].with_user(self.manager).create(
                {
                    "partner_id": self.person.id,
                    "template_id": self.template.id,
                    "description": "forged",
                    "channel": "import",
                    "imported_entry_no": 803,
                }
            )
        self.assertEqual(entry.description, "Call 801")

    def test_templates_and_groups_come_from_their_files(self):
        groups = export(
            [{"code": "NAVLTR", "description": "Letters"}], lang="sv", kind="groups"
        )
        templates = export(
            [
                {
                    "code": "ABSTRACT",
                    "group_code": "NAVLTR",
                    "description": "Sammanfattning",
                    "unit_cost": 5.25,
                    "unit_duration": 30.0,
                    "information_flow": ("information_flow", "outbound"),
                    "initiated_by": ("initiated_by", "us"),
                    "correspondence_type": ("correspondence_type", "hard_copy"),
                }
            ],
            lang="sv",
            kind="templates",
        )
        rows = [self.entry_row(901, template_code="ABSTRACT", cost=None, duration=None)]
        job = self.new_import(
            export(rows, lang="sv"),
            template_file=base64.b64encode(templates),
            template_file_name="templates.csv",
            group_file=base64.b64encode(groups),
            group_file_name="groups.csv",
        )
        job.action_check()
        self.assertEqual(job.to_import_count, 1)
        self.assertFalse(
            self.env["crm.interaction.template"].search([("code", "=", "ABSTRACT")])
        )
        job.action_import()
        template = self.env["crm.interaction.template"].search(
            [("code", "=", "ABSTRACT")]
        )
        self.assertEqual(template.group_id.code, "NAVLTR")
        self.assertEqual(template.group_id.name, "Letters")
        self.assertEqual((template.unit_cost, template.unit_duration), (5.25, 30.0))
        self.assertEqual(template.correspondence_type, "hard_copy")
        entry = self.imported()
        self.assertEqual(entry.template_id, template)
        self.assertEqual(entry.group_id, template.group_id)
        # NAV's entry had no cost: it keeps none, not the template's
        self.assertEqual(entry.cost, 0.0)

    def test_missing_column_then_mapped_by_hand(self):
        """A caption the import does not know: the check says which column
        is missing and reads nothing; the person says which column it is."""
        row = self.entry_row(1001, subject="a column of our own")
        content = (
            export([row], lang="en")
            .replace(b"Contact No.", b"Kontakt-Nummer")
            .replace(b"Subject", b"Our Notes")
        )
        job = self.new_import(content)
        self.assertFalse(job.action_check())
        self.assertEqual(job.state, "draft")
        self.assertIn("Contact No.", job.message)
        self.assertEqual(job.row_count, 0)
        column = job.column_ids.filtered(lambda c: c.code == "Kontakt-Nummer")
        self.assertFalse(column.column_key)
        self.assertEqual(
            job.column_ids.filtered(lambda c: c.code == "Entry No.").column_key,
            "entry_no",
        )
        column.column_key = "contact_no"
        job.action_check()
        self.assertFalse(job.message)
        self.assertEqual((job.state, job.to_import_count), ("checked", 1))
        # a column the log does not know is left aside
        notes = job.column_ids.filtered(lambda c: c.code == "Our Notes")
        self.assertEqual(notes.outcome, "Not read: not a column of the log")
        job.action_import()
        self.assertEqual(self.imported().subject, "Call 1001")

    def test_contacts_by_mapping_file(self):
        elsewhere = self.env["res.partner"].search(
            [("company_id", "=", self.company_b.id)], limit=1
        )
        mapping = (
            f"NAV No.;Odoo ID\nK-1;{self.person2.id}\nK-2;base.partner_admin\n"
            f"K-4;{elsewhere.id}\n"
        )
        job = self.new_import(
            export(
                [
                    self.entry_row(1101, contact_no="K-1"),
                    self.entry_row(1102, contact_no="K-2"),
                    self.entry_row(1103, contact_no="K-3"),
                    self.entry_row(1104, contact_no="K-4"),
                ]
            ),
            contact_mapping_file=base64.b64encode(mapping.encode()),
            contact_mapping_file_name="contacts.csv",
        )
        job.action_check()
        # a contact of another company is none of this import's
        self.assertTrue(elsewhere)
        self.assertEqual(
            self.errors(job),
            {3: ("unknown_contact", "K-3"), 4: ("unknown_contact", "K-4")},
        )
        job.action_import()
        self.assertEqual(
            self.imported().mapped("partner_id"),
            self.person2 | self.env.ref("base.partner_admin"),
        )

    def test_batches_resume_where_they_stopped(self):
        """Each batch writes its entries and marks its rows in one
        transaction: a job stopped after a batch goes on with the rows left,
        and no row is imported twice."""
        job = self.new_import(export([self.entry_row(n) for n in range(1201, 1206)]))
        job.action_check()
        job.write({"state": "importing"})
        Import = self.env["crm.interaction.import"].sudo()
        Import._cron_run(max_batches=1, batch_size=2)
        self.assertEqual(len(self.imported()), 2)
        self.assertEqual((job.imported_count, job.to_import_count), (2, 3))
        self.assertEqual(job.progress, 40.0)
        Import._cron_run(max_batches=1, batch_size=2)
        Import._cron_run(max_batches=None, batch_size=2)
        self.assertEqual(job.state, "done")
        self.assertEqual(
            self.imported().mapped("imported_entry_no"), list(range(1201, 1206))
        )
        # the entries are the manager's import, not the scheduler's
        self.assertEqual(self.imported().create_uid, self.manager)

    def test_only_interaction_managers_import(self):
        content = export([self.entry_row(1301)])
        for user in (self.salesman, self.salesman_all, self.plain_user, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.new_import(content, user=user)
        job = self.new_import(content)
        for user in (self.salesman, self.plain_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    job.with_user(user).action_check()
                with self.assertRaises(AccessError):
                    job.with_user(user).read(["file"])
        self.assertFalse(self.imported())

    def test_another_company_import_is_hidden(self):
        job = self.new_import(export([self.entry_row(1401)]))
        manager_b = new_test_user(
            self.env,
            login="bob.import",
            groups="crm_interaction_log.group_crm_interaction_manager",
            company_id=self.company_b.id,
            company_ids=[self.company_b.id],
        )
        with self.assertRaises(AccessError):
            job.with_user(manager_b).read(["file"])

    def test_a_file_that_is_not_an_export_is_refused_clearly(self):
        job = self.new_import(b"PK\x03\x04 not really a workbook", "history.xlsx")
        with self.assertRaisesRegex(UserError, "history.xlsx is not a file of rows"):
            job.action_check()
        job = self.new_import("Ceci n'est pas une pipe\n\x00\x81".encode("latin-1"))
        self.assertFalse(job.action_check())
        self.assertIn("Entry No.", job.message)
        # a large file read by the scheduled job: the import goes back to
        # draft, saying why, and the job goes on with the others
        job = self.new_import(b"PK\x03\x04 not really a workbook", "big.xlsx")
        job.sudo().state = "reading"
        self.env["crm.interaction.import"].sudo()._cron_run()
        self.assertEqual(job.state, "draft")
        self.assertIn("big.xlsx is not a file of rows", job.message)
        self.assertFalse(self.imported())

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the design promises about speed, counted in queries: logging a
segment, recording a print, a contact's statistics and a page of its
timeline cost the same number of queries however many records they touch.

Each count is exact (fewer queries fail too, unlike Odoo's own
``assertQueryCount``): a change of the addon or of Odoo that changes one is
seen here, and the number is set again from the failure's message
("22 != 23" or "Query count more than expected ...: 23 > 22"), after
checking that the new queries do not grow with the records. Measured with::

    .venv/bin/python -m pytest -p no:cacheprovider --odoo-config=var/odoo.conf \\
        --odoo-database=crm_interaction_test \\
        crm_interaction_log/tests/test_performance.py -q
"""

from contextlib import contextmanager

from odoo import Command
from odoo.tests import tagged, users, warmup

from odoo.addons.mail.tests.common import MockEmail

from .common import InteractionCase

SALESMAN = "sally.interactions"
QUOTE_REPORT = "sale.action_report_saleorder"


@tagged("post_install", "-at_install")
class TestPerformance(InteractionCase, MockEmail):
    """As the salesperson who sees his own documents only: the least
    privileged user who logs segments, prints quotes and reads his contacts'
    statistics and timeline."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # the segment's contacts, in one create each (not counted)
        cls.contacts = Partner.create(
            [
                {
                    "name": f"Perf contact {i:04d}",
                    "email": f"perf{i:04d}@example.com",
                    "user_id": cls.salesman.id,
                }
                for i in range(1000)
            ]
        )
        cls.segment_small = cls.segment_with(cls.contacts[:10])
        cls.segment_large = cls.segment_with(cls.contacts)
        # the quotes printed, and the template that records their prints
        cls.quote_template = cls.env["crm.interaction.template"].create(
            {
                "code": "TPQUOTE",
                "name": "Perf quotation",
                "group_id": cls.group.id,
                "unit_cost": 0.5,
                "information_flow": "outbound",
                "initiated_by": "us",
            }
        )
        cls.set_up_template(cls.env.company, "sales_quote", cls.quote_template)
        product = cls.env["product.product"].create(
            {"name": "Perf chair", "list_price": 100.0}
        )
        cls.quotes = cls.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": cls.salesman.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 1})
                    ],
                }
                for partner in cls.contacts[:11]
            ]
        )
        cls.quotes, cls.spare_quote = cls.quotes[:10], cls.quotes[10]
        # the contacts' entries: the statistics and the timeline read them
        cls.company.user_id = cls.salesman
        Entry = cls.env["crm.interaction.log.entry"].with_user(cls.salesman)
        Entry.create(
            [
                {
                    "partner_id": partner.id,
                    "template_id": cls.template.id,
                    "description": f"Perf call {i}",
                    "date": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d} 10:{i % 60:02d}",
                }
                for i, partner in enumerate(
                    [cls.person] * 100 + [cls.person2] * 20 + list(cls.contacts[:20])
                )
            ]
        )

    @classmethod
    def segment_with(cls, partners):
        """A segment of ``partners``, filled as "Add to Segment" does."""
        segment = (
            cls.env["crm.segment"]
            .with_user(cls.salesman)
            .create(
                {
                    "description": f"Perf segment of {len(partners)}",
                    "template_id": cls.template.id,
                    "correspondence_type": "email",
                }
            )
        )
        cls.env["crm.segment.add.wizard"].with_user(cls.salesman).create(
            {"segment_id": segment.id, "partner_ids": [Command.set(partners.ids)]}
        ).action_add()
        assert segment.line_count == len(partners), segment.line_count
        return segment

    @classmethod
    def set_up_template(cls, company, code, template):
        """The company's Interaction Template Setup records document type
        ``code`` with ``template``: a line per document type, or a company
        field per type where the setup is still made of fields."""
        company = company.sudo()
        field = f"interaction_template_{code}_id"
        if field in company._fields:
            company[field] = template
        else:
            company._set_interaction_templates({code: template})

    @contextmanager
    def assert_queries(self, expected):
        """``assertQueryCount(expected)``, held to the exact number: fewer
        queries fail too, so that the number is lowered with the code."""
        with self.assertQueryCount(expected):
            start = self.cr.sql_log_count
            yield
            self.env.flush_all()
            self.env.cr.flush()
            counted = self.cr.sql_log_count - start
        if self.warm:  # the first run fills Odoo's caches
            self.assertEqual(counted, expected, "queries counted")

    def entries_of(self, records):
        return (
            self.env["crm.interaction.log.entry"]
            .sudo()
            .search([("res_model", "=", records._name), ("res_id", "in", records.ids)])
        )

    # --- logging a segment ------------------------------------------------
    def log_segment(self, segment):
        """Log Segment, as the wizard's button does."""
        wizard = self.env["crm.segment.log.wizard"].create({"segment_id": segment.id})
        return wizard.action_log()

    @users(SALESMAN)
    @warmup
    def test_log_segment_queries_do_not_grow_with_its_contacts(self):
        """The entries are written by one statement from the segment's lines;
        the wizard, the lock of the segment, its checks, the logged segment
        (and, for both, the check that the user may still write it and read
        what it links), the segment's new state and the count of the letters
        to print take the other queries: 10 contacts and 1,000 cost the same."""
        small = self.segment_small.with_env(self.env)
        large = self.segment_large.with_env(self.env)
        with self.assert_queries(25):
            self.log_segment(small)
        self.env.invalidate_all()
        with self.assert_queries(25):
            self.log_segment(large)
        self.assertEqual((small.state, large.state), ("logged", "logged"))
        self.assertEqual(
            self.env["crm.interaction.log.entry"].search_count(
                [("logged_segment_id", "in", (small | large).logged_segment_id.ids)]
            ),
            1010,
        )

    # --- recording a print --------------------------------------------------
    def print_quotes(self, quotes):
        """Print, as the Print menu does (under tests Odoo renders the HTML of
        the PDF, through the same method), in a new request."""
        self.env.invalidate_all()
        return self.env["ir.actions.report"]._render_qweb_pdf(
            QUOTE_REPORT, res_ids=quotes.ids
        )

    @users(SALESMAN)
    @warmup
    def test_recording_a_print_costs_the_same_for_one_document_and_ten(self):
        """The same prints without and with the quotations' template set up:
        what recording adds is the same for one quotation and ten -- in a
        savepoint, a lock on the documents and the count of their earlier
        prints, the template, the entries' numbering and their one INSERT.
        Rendering ten documents reads more than rendering one."""
        quotes = self.quotes.with_env(self.env)
        # recording adds 6 queries to one print, and 6 to ten
        for template, (one, ten) in (
            (False, (33, 42)),
            (self.quote_template, (39, 48)),
        ):
            self.set_up_template(self.env.company, "sales_quote", template)
            # the first print after a change of the setup reads it again
            self.print_quotes(self.spare_quote.with_env(self.env))
            with self.assert_queries(one):
                self.print_quotes(quotes[:1])
            with self.assert_queries(ten):
                self.print_quotes(quotes)
        entries = self.entries_of(quotes)
        self.assertEqual(len(entries), 11)
        self.assertEqual(sorted(entries.mapped("document_occurrence")), [1] * 10 + [2])

    # --- a contact's statistics ---------------------------------------------
    def read_statistics(self, partners):
        """The figures of the contact's form, in a new request."""
        self.env.invalidate_all()
        return partners.read(
            [
                "interaction_count",
                "interaction_cost",
                "interaction_duration",
                "interaction_last_attempt_date",
                "interaction_last_date",
            ]
        )

    @users(SALESMAN)
    @warmup
    def test_statistics_of_a_contact(self):
        """A person's figures, a company's (its persons' included) and twenty
        contacts' read at once: the contacts, then one grouped query of their
        entries, whatever the number of entries or contacts."""
        person = self.person.with_env(self.env)
        with self.assert_queries(3):
            [figures] = self.read_statistics(person)
        self.assertEqual(
            (figures["interaction_count"], figures["interaction_cost"]), (100, 250.0)
        )
        company = self.company.with_env(self.env)
        with self.assert_queries(3):
            [figures] = self.read_statistics(company)
        self.assertEqual(
            (figures["interaction_count"], figures["interaction_cost"]), (120, 300.0)
        )
        contacts = self.contacts[:20].with_env(self.env)
        with self.assert_queries(3):
            figures = self.read_statistics(contacts)
        self.assertEqual([f["interaction_count"] for f in figures], [1] * 20)

    # --- a page of the timeline ---------------------------------------------
    def timeline(self, partner, **kwargs):
        """A page of the contact's timeline, in a new request."""
        self.env.invalidate_all()
        return partner.interaction_timeline(**kwargs)

    @users(SALESMAN)
    @warmup
    def test_timeline_page(self):
        """A page is read in one query, the names it shows (templates,
        salespeople, contacts) in a few more: 5 items or 40, the first page
        or the next (keyset paging), cost the same."""
        person = self.person.with_env(self.env)
        with self.assert_queries(7):
            first = self.timeline(person, limit=40)
        self.assertEqual(len(first["items"]), 40)
        self.assertTrue(first["has_more"])
        with self.assert_queries(7):
            second = self.timeline(person, before=first["next"], limit=40)
        self.assertEqual(len(second["items"]), 40)
        self.assertFalse(
            {item["id"] for item in first["items"]}
            & {item["id"] for item in second["items"]}
        )
        with self.assert_queries(7):
            small = self.timeline(person, limit=5)
        self.assertEqual(len(small["items"]), 5)

    # --- messages that record nothing ---------------------------------------
    def message_costs(self, record, cases):
        """{case: the queries of one more message_post of its arguments},
        each counted after the same message was posted once (Odoo's caches
        warm, the records' cache empty, as Odoo's own performance tests
        count)."""
        costs = {}
        for name, kwargs in cases.items():
            for counted in (False, True):
                self.env.flush_all()
                self.env.invalidate_all()
                start = self.cr.sql_log_count
                record.message_post(body="Perf", message_type="comment", **kwargs)
                self.env.flush_all()
                if counted:
                    costs[name] = self.cr.sql_log_count - start
        return costs

    @users(SALESMAN)
    @warmup
    def test_a_message_that_records_nothing_costs_nothing(self):
        """With the company's e-mail template set up, a note, a message to
        nobody and one to a user cost the queries they cost when the company
        records no e-mail: the conditions that cost no query come first, and
        the recipients are those Odoo's notification has read."""
        person = self.person.with_env(self.env)
        cases = {
            "note": {"subtype_xmlid": "mail.mt_note"},
            "to nobody": {"subtype_xmlid": "mail.mt_comment", "partner_ids": []},
        }
        company = self.env.company.sudo()
        email = (
            self.env["crm.interaction.template"]
            .sudo()
            .create(
                {"code": "TPMAIL", "name": "Perf e-mail", "group_id": self.group.id}
            )
        )
        cases["to a user"] = {
            "subtype_xmlid": "mail.mt_comment",
            "partner_ids": self.env.ref("base.user_admin").partner_id.ids,
        }
        company._set_interaction_templates({"email": False})
        without = self.message_costs(person, cases)
        company._set_interaction_templates({"email": email})
        self.assertEqual(self.message_costs(person, cases), without)
        # a message to nobody is looked at no more than a note: its recipients
        # are not read
        self.assertEqual(without["to nobody"], without["note"])
        self.assertFalse(
            self.env["crm.interaction.log.entry"]
            .sudo()
            .search_count([("template_id", "=", email.id)])
        )

    @users(SALESMAN)
    @warmup
    def test_a_recorded_email_costs_three_queries(self):
        """A message e-mailed to contacts costs three queries more with the
        company's e-mail template set up than without, for one contact or
        ten: the one statement that writes their entries (their numbers and
        the statistics with it, the contacts read as the sender) and the
        savepoint around it. (Odoo's record rule on contacts reads the
        sender's company for it, once a transaction: one query more when
        nothing read it before, as in Odoo's own performance tests.)"""
        person = self.person.with_env(self.env)
        contacts = self.contacts[:10]
        cases = {
            "one contact": {
                "subtype_xmlid": "mail.mt_comment",
                "partner_ids": contacts[:1].ids,
            },
            "ten contacts": {
                "subtype_xmlid": "mail.mt_comment",
                "partner_ids": contacts.ids,
            },
        }
        Entry = self.env["crm.interaction.log.entry"].sudo()
        company = self.env.company.sudo()
        email = Entry.template_id.create(
            {"code": "TPMAIL", "name": "Perf e-mail", "group_id": self.group.id}
        )
        company._set_interaction_templates({"email": False})
        without = self.message_costs(person, cases)
        company._set_interaction_templates({"email": email})
        recorded = self.message_costs(person, cases)
        # two posts of each case: 2 entries of the first, 20 of the second
        entries = Entry.search([("template_id", "=", email.id)])
        self.assertEqual(len(entries), 22)
        self.assertEqual(set(entries.partner_id.ids), set(contacts.ids))
        self.assertEqual(set(entries.mapped("channel")), {"email"})
        for case in cases:
            self.assertEqual(recorded[case] - without[case], 3, case)

    @users(SALESMAN)
    @warmup
    def test_a_batch_of_followed_emails_costs_one_query(self):
        """The mail queue sends a batch of ten e-mails that interactions
        follow for one query more than a batch that none follows: their
        entries' delivery status is written once for the batch."""
        Mail = self.env["mail.mail"].sudo()
        costs = {}
        # each batch sent twice, the second counted (Odoo's caches warm)
        for followed in (False, False, True, True):
            mails = Mail.create(
                [
                    {
                        "subject": f"Perf {i}",
                        "body_html": "<p>Perf</p>",
                        "email_from": "sally@example.com",
                        "email_to": f"perf{i}@example.com",
                        "auto_delete": False,
                        "interaction_delivery": followed,
                    }
                    for i in range(10)
                ]
            )
            entries = self.env["crm.interaction.log.entry"]
            if followed:
                for contact, mail in zip(self.contacts, mails, strict=False):
                    entries |= self.log(
                        contact,
                        template=self.quote_template,
                        mail_message_id=mail.mail_message_id.id,
                        delivery_status="in_progress",
                    )
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            with self.mock_mail_gateway():
                mails.send()
            self.env.flush_all()
            costs[followed] = self.cr.sql_log_count - start
            self.assertEqual(set(mails.mapped("state")), {"sent"})
            if followed:
                self.assertEqual(set(entries.mapped("delivery_status")), {"sent"})
        self.assertEqual(costs[True] - costs[False], 1)

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.pdf import merge_pdf

from .switches import AUDIT_FIELDS, switched

# The letters of a logged segment's hard-copy lines are printed in batches of
# this many entries, each committed by the scheduled job, this many batches a
# run (Odoo runs the job again straight away while some are left). A segment
# with no more hard-copy lines than LETTERS_AT_ONCE prints them as it is logged.
LETTER_BATCH_SIZE = 500
LETTER_BATCHES_PER_RUN = 10
LETTERS_AT_ONCE = 100


class CrmLoggedSegment(models.Model):
    """The letters of a logged segment: each hard-copy entry gets its
    letter (``crm.interaction.log.entry._interaction_print_letters``), and the
    user prints them all as one PDF, joined from the documents each batch
    printed (a few hundred letters a document, which share their fonts)."""

    _inherit = "crm.logged.segment"  # pylint: disable=consider-merging-classes-inherited

    letters_state = fields.Selection(
        selection=[("printing", "Printing"), ("done", "Printed")],
        string="Letters",
        readonly=True,
        help="Printing: the scheduled job is still printing the letters of the "
        "hard-copy lines. Printed: every hard-copy interaction has its letter.",
    )
    # the hard-copy entries up to this id have their letter (the job's mark)
    letters_printed_to = fields.Integer(readonly=True)
    letter_count = fields.Integer(
        string="Hard Copies", compute="_compute_letter_progress"
    )
    letter_progress = fields.Float(
        string="Printing Progress", compute="_compute_letter_progress"
    )
    # The documents of the batches, in order, then the one they are joined
    # into: files of no record, which nobody but administrators reads by their
    # id; Print Letters gives it to who may read every letter in it.
    letter_document_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="crm_logged_segment_letter_document_rel",
        column1="logged_segment_id",
        column2="attachment_id",
        readonly=True,
        groups="base.group_system",
    )
    letters_pdf = fields.Binary(
        string="Letters PDF", compute="_compute_letters_pdf", compute_sudo=False
    )

    def _compute_letter_progress(self):
        for logged in self:
            total = logged._letter_count()
            printed = (
                total
                if logged.letters_state == "done"
                else logged._letter_count(("id", "<=", logged.letters_printed_to))
            )
            logged.letter_count = total
            logged.letter_progress = 100.0 * printed / total if total else 100.0

    def _letter_entries(self, *domain, sudo=True):
        """The entries of the logged segment that get a letter: the hard
        copies of a template with letters or files (archived since, or not),
        within ``domain``; all of them, or those the user may read."""
        self.ensure_one()
        Entry = self.env["crm.interaction.log.entry"].with_context(active_test=False)
        return Entry.sudo() if sudo else Entry, [
            ("logged_segment_id", "=", self.id),
            ("correspondence_type", "=", "hard_copy"),
            ("template_id.has_attachments", "=", True),
            *domain,
        ]

    def _letter_count(self, *domain, sudo=True):
        Entry, letter_domain = self._letter_entries(*domain, sudo=sudo)
        return Entry.search_count(letter_domain)

    def _may_print_letters(self):
        """Whether the user may read every interaction whose letter the
        logged segment printed: the one PDF holds them all."""
        self.ensure_one()
        return self._letter_count(sudo=False) == self._letter_count()

    @api.depends_context("uid")
    def _compute_letters_pdf(self):
        for logged in self:
            # once printed, the one document of every letter
            document = logged.sudo().letter_document_ids[:1]
            if logged.letters_state == "done" and logged._may_print_letters():
                logged.letters_pdf = document.datas
            else:
                logged.letters_pdf = False

    def action_print_letters(self):
        """Download one PDF with the letters of every hard-copy line."""
        self.ensure_one()
        if not self._may_print_letters():
            raise UserError(
                self.env._(
                    "The letters of %(segment)s are printed for who may read each "
                    "of its interactions: open the letter of each interaction you "
                    "may read from its entry.",
                    segment=self.name,
                )
            )
        if self.letters_state != "done":
            raise UserError(
                self.env._(
                    "The letters of %(segment)s are still being printed: "
                    "%(progress)d%% are done.",
                    segment=self.name,
                    progress=self.letter_progress,
                )
            )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/letters_pdf"
            f"?download=true&filename={self.name}.pdf",
            "target": "download",
        }

    def _start_letters(self):
        """Print the letters of the hard-copy entries just logged whose
        templates have letters or files: at once for a few, else by the
        scheduled job."""
        self.ensure_one()
        count = self._letter_count()
        if not count:
            return
        with switched(AUDIT_FIELDS):
            self.letters_state = "printing"
        if count <= LETTERS_AT_ONCE:
            while self.letters_state == "printing":
                self._print_letters_batch(LETTERS_AT_ONCE)
        else:
            self._trigger_letters()

    def unlink(self):
        documents = self.sudo().letter_document_ids
        result = super().unlink()
        documents.unlink()
        return result

    def _trigger_letters(self):
        if any(logged.letters_state == "printing" for logged in self):
            self.env.ref(
                "crm_interaction_log.ir_cron_print_segment_letters"
            ).sudo()._trigger()

    def _print_letters_batch(self, batch_size):
        """Print the letters of the next ``batch_size`` hard-copy entries,
        past the mark; with none left, the letters are printed."""
        self.ensure_one()
        logged = self.sudo()
        Entry, domain = self._letter_entries(("id", ">", logged.letters_printed_to))
        entries = Entry.search(domain, order="id", limit=batch_size)
        with switched(AUDIT_FIELDS):
            if entries:
                documents = entries._interaction_print_letters()
                logged.letter_document_ids |= logged._keep_letter_documents(documents)
                logged.letters_printed_to = entries[-1].id
            else:
                logged._join_letter_documents()
                logged.letters_state = "done"
        return len(entries)

    def _join_letter_documents(self):
        """The batches' documents joined into one, which replaces them: a
        few hundred letters a document share their fonts, which keeps the
        join small (10,000 letters of their own would each bring theirs)."""
        documents = self.letter_document_ids.sorted("id")
        if len(documents) < 2:
            return
        self.letter_document_ids = self._keep_letter_documents(
            [merge_pdf([document.raw for document in documents])]
        )
        documents.unlink()

    def _keep_letter_documents(self, pdfs):
        """Files of no record, made by the superuser: nobody but
        administrators reads them by their id."""
        return (
            self.env["ir.attachment"]
            .with_user(SUPERUSER_ID)
            .create(
                [
                    {
                        "name": f"{self.name}.pdf",
                        "raw": pdf,
                        "mimetype": "application/pdf",
                    }
                    for pdf in pdfs
                ]
            )
        )

    @api.model
    def _cron_print_letters(
        self, batch_size=LETTER_BATCH_SIZE, max_batches=LETTER_BATCHES_PER_RUN
    ):
        """Print the letters of the logged segments, ``batch_size`` entries
        at a time, oldest segment first; at most ``max_batches`` batches a
        call (None: until none is left). Each batch's letters and the mark
        past them are committed together when run as a scheduled job: a job
        that stops resumes after the last batch committed. A canceled
        segment waits until it is restored."""
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        done = batches = 0
        while max_batches is None or batches < max_batches:
            self.flush_model()
            rows = self.env.execute_query(
                SQL(
                    """SELECT id FROM crm_logged_segment
                        WHERE letters_state = 'printing' AND canceled IS NOT TRUE
                     ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"""
                )
            )
            if not rows:
                break
            done += self.browse(rows[0][0])._print_letters_batch(batch_size)
            batches += 1
            # a run's memory is a batch's
            self.env.flush_all()
            self.env.invalidate_all()
            if in_cron:
                self.env["ir.cron"]._notify_progress(done=done, remaining=1)
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return done

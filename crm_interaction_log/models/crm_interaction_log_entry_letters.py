# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL, split_every
from odoo.tools.pdf import PdfFileReader, PdfFileWriter, merge_pdf

LETTER_REPORT = "crm_interaction_log.action_report_interaction_letter"
# letters given to wkhtmltopdf at once (a batch of the segments' job)
LETTERS_A_DOCUMENT = 500


def pdf_pages(pdf):
    """Each page of ``pdf`` as a PDF of its own; None when it is not a PDF
    (a report's test rendering is HTML)."""
    if not pdf.startswith(b"%PDF"):
        return None
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    pages = []
    for number in range(reader.getNumPages()):
        writer = PdfFileWriter()
        writer.addPage(reader.getPage(number))
        with io.BytesIO() as buffer:
            writer.write(buffer)
            pages.append(buffer.getvalue())
    return pages


class CrmInteractionLogEntry(models.Model):
    """Letters: the letter of an entry's template, in the entry's language,
    merged with the entry's data, printed to PDF and kept as its
    attachment."""

    _inherit = "crm.interaction.log.entry"  # pylint: disable=consider-merging-classes-inherited

    def _interaction_letter_name(self):
        """The file name of the entry's letter."""
        return f"{self.name}.pdf"

    def _interaction_letter_lines(self):
        """{entry: the language line of its template that is a letter}, for
        the entries of ``self`` whose line is a letter rather than a file."""
        lines = {}
        for entry in self:
            line = entry.template_id._get_language(entry.lang)
            if line and line._has_letter():
                lines[entry] = line
        return lines

    def _interaction_letter_bodies(self):
        """{entry id: its letter's body, merged with the entry}, rendered a
        language line at a time."""
        by_line = defaultdict(list)
        for entry, line in self._interaction_letter_lines().items():
            by_line[line].append(entry.id)
        bodies = {}
        for line, ids in by_line.items():
            bodies.update(line._render_field("letter_body", ids, set_lang=line.lang))
        return bodies

    def _interaction_print_letters(self):
        """Print the letter of each entry of ``self`` whose template is a
        letter in the entry's language, and keep it as the entry's
        attachment, readable by whoever may read the entry; the entries
        whose template line is a file keep that file. Printing is the
        system's job, whatever the user's rights on attachments.

        Returns the PDFs of the letters, each holding up to
        ``LETTERS_A_DOCUMENT`` of them one after the other, in the order of
        ``self``."""
        entries = self.sudo()
        letters = entries.browse([e.id for e in entries._interaction_letter_lines()])
        documents = []
        own = {}
        for ids in split_every(LETTERS_A_DOCUMENT, letters.ids, list):
            document, pages = self._interaction_letter_document(ids)
            documents.append(document)
            own.update(pages)
        printed = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": entry._interaction_letter_name(),
                        "raw": own[entry.id],
                        "mimetype": "application/pdf",
                        "res_model": self._name,
                        "res_id": entry.id,
                    }
                    for entry in letters
                ]
            )
        )
        values = {
            entry.id: line.attachment_id.id
            for entry in entries - letters
            if (line := entry.template_id._get_language(entry.lang)).attachment_id
        }
        values.update({attachment.res_id: attachment.id for attachment in printed})
        if values:
            # the attachment is an audit field: written here, not by hand
            self.env.execute_query(
                SQL(
                    """UPDATE crm_interaction_log_entry e SET attachment_id = v.a
                         FROM unnest(%s::int[], %s::int[]) AS v(id, a)
                        WHERE e.id = v.id""",
                    list(values),
                    list(values.values()),
                )
            )
            entries.browse(list(values)).invalidate_recordset(["attachment_id"])
        return documents

    @api.model
    def _interaction_letter_document(self, ids):
        """The PDF of the letters of the entries ``ids``, one after the other,
        and {entry id: the PDF of its letter}. Odoo's report prints them as
        one document (Debian's wkhtmltopdf prints one document a PDF), whose
        pages are the letters; when a letter is longer than a page, each is
        printed on its own and the document joins them."""
        Report = self.env["ir.actions.report"].sudo()
        document, _kind = Report._render_qweb_pdf(
            LETTER_REPORT, data={"entry_ids": ids}
        )
        if len(ids) == 1:
            return document, {ids[0]: document}
        pages = pdf_pages(document)
        if pages and len(pages) == len(ids):
            return document, dict(zip(ids, pages, strict=True))
        own = {res_id: self._interaction_letter_document([res_id])[0] for res_id in ids}
        return merge_pdf(list(own.values())), own

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL, split_every
from odoo.tools.pdf import merge_pdf

LETTER_REPORT = "crm_interaction_log.action_report_interaction_letter"
# letters given to wkhtmltopdf at once
LETTERS_A_DOCUMENT = 100


class CrmInteractionLogEntry(models.Model):
    """Letters: the letter of an entry's template, in the entry's language,
    merged with the entry's data, printed to PDF and kept as its
    attachment."""

    _inherit = "crm.interaction.log.entry"  # pylint: disable=consider-merging-classes-inherited

    def _interaction_letter_name(self):
        """The file name of the entry's letter: the name Odoo's report keeps
        its PDF under (``attachment`` of the letter report)."""
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
        whose template line is a file keep that file. Returns the entries
        that got a letter. Printing is the system's job, whatever the user's
        rights on attachments."""
        entries = self.sudo()
        letters = entries.browse([e.id for e in entries._interaction_letter_lines()])
        streams = {}
        for ids in split_every(LETTERS_A_DOCUMENT, letters.ids, list):
            streams.update(self._interaction_letter_streams(ids))
        printed = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": entry._interaction_letter_name(),
                        "raw": streams[entry.id].getvalue(),
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
        return letters

    @api.model
    def _interaction_letter_streams(self, ids):
        """{entry id: the PDF stream of its letter}. The letters are given to
        wkhtmltopdf as one document, which Odoo splits a page a letter; when
        a letter is longer than a page, each is printed on its own."""
        Report = self.env["ir.actions.report"].sudo()
        collected = Report._render_qweb_pdf_prepare_streams(LETTER_REPORT, {}, ids)
        streams = {
            res_id: data["stream"]
            for res_id, data in collected.items()
            if res_id and data["stream"]
        }
        if len(ids) > 1 and len(streams) < len(ids):
            for res_id in ids:
                streams.update(self._interaction_letter_streams([res_id]))
        return streams

    def _interaction_letters_pdf(self):
        """One PDF of the entries' letters, in the order of ``self``."""
        return merge_pdf(
            [
                entry.attachment_id.raw
                for entry in self.sudo()
                if entry.attachment_id.mimetype == "application/pdf"
            ]
        )

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import tempfile

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.base.models.res_partner import _tz_get

from .. import history_import, nav_files
from ..nav_captions import (
    COLUMNS,
    LANGUAGE_DECIMALS,
    LANGUAGES,
    REQUIRED,
)
from .crm_interaction_import_mapping import TARGETS

# rows read, and rows imported, a transaction
READ_CHUNK = 10000
IMPORT_BATCH = 20000
# batches a run of the scheduled job, which runs again while rows are left
BATCHES_PER_RUN = 10
# files read and imported while the interaction manager waits; larger ones by
# the scheduled job, a batch at a time
AT_ONCE_BYTES = 512 * 1024

FILE_FIELDS = ("file", "template_file", "group_file", "contact_mapping_file")
# the date formats to choose from: {choice: (strptime format, example)}
DATE_FORMAT_CHOICES = {
    "dmy_dot": ("%d.%m.%Y", "31.12.2024"),
    "dmy_dash": ("%d-%m-%Y", "31-12-2024"),
    "ymd": ("%Y-%m-%d", "2024-12-31"),
    "dmy_slash": ("%d/%m/%Y", "31/12/2024"),
    "mdy_slash": ("%m/%d/%Y", "12/31/2024"),
    "dmy_dot_short": ("%d.%m.%y", "31.12.24"),
}


class CrmInteractionImport(models.Model):
    """An interaction history brought from Dynamics NAV / Business Central:
    the pages Interaction Log Entries, Interaction Templates and Interaction
    Groups exported to Excel or CSV. Checking it reads the files and says,
    row by row, what would not import and why, and proposes a mapping of the
    file's codes; nothing enters the log until the interaction manager
    confirms. The entries are then imported a batch at a time: each batch
    commits, and an import that stops resumes with the rows left."""

    _name = "crm.interaction.import"
    _description = "Interaction History Import"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("reading", "Reading"),
            ("checked", "Checked"),
            ("importing", "Importing"),
            ("done", "Done"),
        ],
        default="draft",
        required=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        readonly=True,
    )
    file = fields.Binary(string="Interaction Log Entries", attachment=True)
    file_name = fields.Char()
    template_file = fields.Binary(string="Interaction Templates", attachment=True)
    template_file_name = fields.Char()
    group_file = fields.Binary(string="Interaction Groups", attachment=True)
    group_file_name = fields.Char()
    contact_field = fields.Selection(
        selection="_contact_fields",
        string="Find Contacts By",
        required=True,
        default="ref",
        help="The field of the Odoo contact that holds the NAV/BC contact No.",
    )
    contact_mapping_file = fields.Binary(attachment=True)
    contact_mapping_file_name = fields.Char()
    tz = fields.Selection(
        selection=_tz_get,
        string="Time Zone",
        required=True,
        default=lambda self: self.env.user.tz or "UTC",
        help="The time zone of the dates and times of the file.",
    )
    date_format = fields.Selection(
        selection=[
            ("auto", "As in the Captions' Language"),
            *(
                (key, example)
                for key, (_format, example) in DATE_FORMAT_CHOICES.items()
            ),
        ],
        default="auto",
        required=True,
    )
    decimal_separator = fields.Selection(
        selection=[
            ("auto", "As in the Captions' Language"),
            (",", "Comma: 1.234,56"),
            (".", "Point: 1,234.56"),
        ],
        default="auto",
        required=True,
    )
    message = fields.Text(readonly=True)
    language = fields.Selection(
        selection=LANGUAGES, string="Captions' Language", readonly=True
    )
    row_count = fields.Integer(string="Rows", readonly=True)
    imported_count = fields.Integer(string="Imported", readonly=True)
    to_import_count = fields.Integer(string="To Import", compute="_compute_counts")
    error_count = fields.Integer(string="Not Imported", compute="_compute_counts")
    error_summary = fields.Text(string="Why Not", compute="_compute_counts")
    progress = fields.Float(compute="_compute_counts")
    mapping_ids = fields.One2many(
        comodel_name="crm.interaction.import.mapping", inverse_name="import_id"
    )
    code_ids = fields.One2many(
        comodel_name="crm.interaction.import.mapping",
        inverse_name="import_id",
        domain=[("kind", "not in", ("column", "contact"))],
    )
    column_ids = fields.One2many(
        comodel_name="crm.interaction.import.mapping",
        inverse_name="import_id",
        domain=[("kind", "=", "column")],
    )

    @api.model
    def _contact_fields(self):
        """The contact's stored text fields, the reference first."""
        fields_ = [
            (name, field._description_string(self.env))
            for name, field in self.env["res.partner"]._fields.items()
            if field.type == "char" and field.store and not field.related
        ]
        return sorted(fields_, key=lambda item: (item[0] != "ref", item[1]))

    @api.depends("file_name", "template_file_name", "group_file_name")
    def _compute_name(self):
        for job in self:
            job.name = job.file_name or job.template_file_name or job.group_file_name

    def _compute_counts(self):
        labels = dict(
            self.env["crm.interaction.import.row"]
            ._fields["error"]
            ._description_selection(self.env)
        )
        counts = {}
        if self.ids:
            self.env["crm.interaction.import.row"].flush_model()
            rows = self.env.execute_query(
                SQL(
                    """SELECT import_id, error, count(*)
                         FROM crm_interaction_import_row
                        WHERE import_id IN %s AND done IS NOT TRUE
                     GROUP BY import_id, error ORDER BY 3 DESC""",
                    tuple(self.ids),
                )
            )
            for import_id, error, count in rows:
                counts.setdefault(import_id, {})[error] = count
        for job in self:
            errors = dict(counts.get(job.id, {}))
            job.to_import_count = errors.pop(None, 0)
            job.error_count = sum(errors.values())
            job.error_summary = "\n".join(
                f"{labels.get(error, error)}: {count}"
                for error, count in errors.items()
            )
            total = job.imported_count + job.to_import_count
            job.progress = 100.0 * job.imported_count / total if total else 0.0

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_check(self):
        """Read the files and check every row: the dry run. The log stays
        as it was."""
        self.ensure_one()
        if self.state not in ("draft", "checked"):
            raise UserError(self.env._("This import has already started."))
        files = self._files()
        if not files & {"file", "template_file", "group_file"}:
            raise UserError(
                self.env._("Choose the file of the interaction log entries to import.")
            )
        # the header first, while the user waits: a file without the
        # columns it needs is refused at once
        if "file" in files and self._entry_columns() == (None, None):
            self.state = "draft"
            return False
        self._delete_rows(done=False)
        self.write({"state": "reading", "row_count": 0, "imported_count": 0})
        self._run_or_schedule(self._file_size())
        return True

    def action_import(self):
        """Confirmed: create the templates and groups the files bring, then
        import the rows that have no error."""
        self.ensure_one()
        if self.state != "checked":
            raise UserError(self.env._("Check the files before importing them."))
        self.mapping_ids._create_from_files()
        history_import.resolve(self.env, self)
        self.state = "importing"
        self._run_or_schedule(self._file_size() if self.to_import_count else 0)
        return True

    def action_view_errors(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Rows Not Imported"),
            "res_model": "crm.interaction.import.row",
            "view_mode": "list",
            "domain": [("import_id", "=", self.id), ("error", "!=", False)],
            "context": {"group_by": "error"},
        }

    def _run_or_schedule(self, size):
        if size <= AT_ONCE_BYTES:
            self._run()
        else:
            self.env.ref("crm_interaction_log.ir_cron_import_history")._trigger()

    # ------------------------------------------------------------------
    # the steps, run while the user waits or by the scheduled job
    # ------------------------------------------------------------------
    @api.model
    def _cron_run(self, max_batches=BATCHES_PER_RUN, batch_size=IMPORT_BATCH):
        """Go on with the imports being read or imported, oldest first. Run
        as the scheduled job, each chunk read and each batch imported is
        committed, and the job's progress follows. An import whose files
        turn out unreadable goes back to draft, saying why."""
        commit = bool(self.env.context.get("ir_cron_progress_id"))
        for job in self.search([("state", "in", ("reading", "importing"))], order="id"):
            try:
                if commit:
                    job._run(max_batches, batch_size, commit)
                else:
                    with self.env.cr.savepoint():
                        job._run(max_batches, batch_size, commit)
            except UserError as error:
                if commit:
                    self.env.cr.rollback()
                job.write({"state": "draft", "message": error.args[0]})
                if commit:
                    self.env.cr.commit()  # pylint: disable=invalid-commit

    def _run(self, max_batches=None, batch_size=IMPORT_BATCH, commit=False):
        """The next step of the import: read its files (then check them), or
        import ``max_batches`` batches of ``batch_size`` rows (None: all of
        them). ``commit``: each chunk and batch is committed."""
        self.ensure_one()
        if self.state == "reading":
            self._read_files(commit)
            return
        done = 0
        while max_batches is None or done < max_batches:
            rows, imported = history_import.import_batch(self.env, self, batch_size)
            if not rows:
                break
            self.imported_count += imported
            done += 1
            if commit:
                self._commit_progress()
        self.invalidate_recordset(["to_import_count", "error_count", "progress"])
        if not self.to_import_count:
            self._delete_rows(done=True)
            self.state = "done"

    def _delete_rows(self, done):
        """Delete the rows of the import: those imported (``done``), or all."""
        Row = self.env["crm.interaction.import.row"]
        Row.flush_model()
        self.env.cr.execute(
            SQL(
                "DELETE FROM crm_interaction_import_row WHERE import_id = %s%s",
                self.id,
                SQL(" AND done") if done else SQL(),
            )
        )
        Row.invalidate_model()

    def _commit_progress(self):
        self.invalidate_recordset(["to_import_count"])
        self.env["ir.cron"]._notify_progress(
            done=self.imported_count or self.row_count,
            remaining=self.to_import_count if self.state == "importing" else 1,
        )
        self.env.cr.commit()  # pylint: disable=invalid-commit

    def _read_files(self, commit):
        files = self._files()
        if "template_file" in files:
            self._read_setup_file("templates", "template_file")
        if "group_file" in files:
            self._read_setup_file("groups", "group_file")
        if "contact_mapping_file" in files:
            self._read_contact_mapping()
        if "file" in files:
            self._read_entries(commit)
        self._update_mapping()
        # the planner's figures of the rows just written, before they are
        # joined to the contacts and entries (autovacuum has not seen them)
        self.env["crm.interaction.import.row"].flush_model()
        self.env.cr.execute("ANALYZE crm_interaction_import_row")
        history_import.resolve(self.env, self)
        self.state = "checked"

    def _read_entries(self, commit):
        """Read the rows of the file a chunk at a time, after those already
        read (a reading that stopped resumes)."""
        columns, captions = self._entry_columns()
        self.env["crm.interaction.import.row"].flush_model()
        read = (
            self.env.execute_query(
                SQL(
                    "SELECT max(sequence) FROM crm_interaction_import_row"
                    " WHERE import_id = %s",
                    self.id,
                )
            )[0][0]
            or 0
        )
        language = self.language or "en"
        locale = nav_files.Locale(
            LANGUAGE_DECIMALS.get(language, ",")
            if self.decimal_separator == "auto"
            else self.decimal_separator,
            DATE_FORMAT_CHOICES.get(self.date_format, (None,))[0],
            language,
        )
        langs = {code for code, _name in self.env["res.lang"].get_installed()}
        chunk = []
        for number, cells in enumerate(self._rows("file"), start=0):
            if number <= read or not any(cell not in (None, "") for cell in cells):
                continue
            chunk.append(
                history_import.row_values(
                    number, cells, columns, locale, captions, langs
                )
            )
            if len(chunk) == READ_CHUNK:
                self._write_rows(chunk, commit)
                chunk = []
        self._write_rows(chunk, commit)

    def _write_rows(self, chunk, commit):
        if not chunk:
            return
        history_import.copy_rows(self.env, self.id, chunk)
        self.row_count += len(chunk)
        if commit:
            self._commit_progress()

    def _rows(self, field):
        """The rows of one of the files, read from the file store; a file
        that is not one of rows is refused with a clear error."""
        try:
            yield from self._file_rows(field)
        except nav_files.BadFile:
            raise UserError(
                self.env._(
                    "%(file)s is not a file of rows that Dynamics NAV / Business "
                    "Central exports: export the page to Excel (.xlsx) or to CSV.",
                    file=self._file_name(field) or self._fields[field].string,
                )
            ) from None

    def _file_rows(self, field):
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("res_field", "=", field),
                ],
                limit=1,
            )
        )
        name = self._file_name(field) or ""
        if attachment.store_fname:
            yield from nav_files.read_rows(
                attachment._full_path(attachment.store_fname), name
            )
            return
        # attachments kept in the database (ir_attachment.location = db)
        with tempfile.NamedTemporaryFile() as copy:
            copy.write(attachment.raw or b"")
            copy.flush()
            yield from nav_files.read_rows(copy.name, name)

    def _file_name(self, field):
        return self[field + "_name"]

    def _files(self):
        """The file fields that have a file, found without reading the
        files (a history of a million rows is a hundred megabytes)."""
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search_read(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("res_field", "in", FILE_FIELDS),
                    ("file_size", ">", 0),
                ],
                ["res_field"],
            )
        )
        return {attachment["res_field"] for attachment in attachments}

    def _file_size(self):
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("res_field", "=", "file"),
                ]
            )
        )
        return sum(attachments.mapped("file_size"))

    def _entry_columns(self):
        """The file's columns ({position: column key}) and their captions as
        the file writes them ({column key: caption}), from its first row and
        the columns the user mapped by hand; ``(None, None)`` and a message
        when a column the import needs is missing."""
        header = next(iter(self._rows("file")), [])
        columns, language = nav_files.read_header("entries", header)
        self.language = language
        Mapping = self.env["crm.interaction.import.mapping"]
        by_caption = {line.code: line for line in self.column_ids}
        for position, caption in enumerate(header):
            caption = nav_files.text_value(caption)
            if not caption:
                continue
            line = by_caption.get(caption)
            if line is None:
                by_caption[caption] = Mapping.create(
                    {
                        "import_id": self.id,
                        "kind": "column",
                        "code": caption,
                        "column_key": columns.get(position),
                    }
                )
            if by_caption[caption].column_key:
                columns[position] = by_caption[caption].column_key
            else:
                columns.pop(position, None)
        missing = [key for key in REQUIRED["entries"] if key not in columns.values()]
        self.message = bool(missing) and self.env._(
            "The file has no column %(columns)s. Say which column of the file it "
            "is on the Columns tab, or export the page Interaction Log Entries "
            "with it, then check again.",
            columns=", ".join(COLUMNS["entries"][key]["en"] for key in missing),
        )
        if missing:
            return None, None
        captions = {key: str(header[position]) for position, key in columns.items()}
        return columns, captions

    def _read_setup_file(self, kind, field):
        """The templates' or groups' rows of their file, kept on the mapping
        of their codes: what the import creates when the code is not mapped
        to a template or group of Odoo."""
        rows = self._rows(field)
        header = next(rows, [])
        columns, language = nav_files.read_header(kind, header)
        missing = [key for key in REQUIRED[kind] if key not in columns.values()]
        if missing:
            raise UserError(
                self.env._(
                    "The file %(file)s has no column %(columns)s.",
                    file=self._file_name(field),
                    columns=", ".join(COLUMNS[kind][key]["en"] for key in missing),
                )
            )
        locale = nav_files.Locale(LANGUAGE_DECIMALS.get(language, ","), None, language)
        mapping_kind = "template" if kind == "templates" else "group"
        for cells in rows:
            raw = {key: cells[p] for p, key in columns.items() if p < len(cells)}
            code = nav_files.text_value(raw.get("code"))
            if not code:
                continue
            try:
                values = history_import.setup_values(raw, locale)
            except nav_files.BadValue as error:
                raise UserError(
                    self.env._(
                        "%(file)s, %(code)s: %(value)s is not a value of its column.",
                        file=self._file_name(field),
                        code=code,
                        value=error.args[0],
                    )
                ) from None
            self._mapping_line(mapping_kind, code).file_values = values

    def _read_contact_mapping(self):
        """The contact mapping file: a NAV/BC contact No. and the Odoo
        contact's ID a row (the database ID, or the external ID Odoo's
        export gives), the first row the captions when it maps nothing."""
        targets = {}
        for cells in self._rows("contact_mapping_file"):
            code, target = (
                [nav_files.text_value(cell) for cell in cells] + [None, None]
            )[:2]
            if code and target:
                targets[code] = target
        external = {target for target in targets.values() if not target.isdigit()}
        by_xmlid = {}
        if external:
            by_xmlid = dict(
                self.env.execute_query(
                    SQL(
                        """SELECT module || '.' || name, res_id FROM ir_model_data
                            WHERE model = 'res.partner'
                              AND module || '.' || name IN %s""",
                        tuple(external),
                    )
                )
            )
        ids = {
            code: int(target) if target.isdigit() else by_xmlid.get(target)
            for code, target in targets.items()
        }
        # the contacts of the import's company (or of none), archived ones
        # too, that the manager who made the import may read
        existing = set(
            self.env["res.partner"]
            .with_user(self.create_uid)
            .with_context(active_test=False)
            .search(
                [
                    ("id", "in", [i for i in ids.values() if i]),
                    ("company_id", "in", (False, self.company_id.id)),
                ]
            )
            .ids
        )
        self.mapping_ids.filtered(lambda m: m.kind == "contact").unlink()
        first = next(iter(ids), None)
        self.env["crm.interaction.import.mapping"].create(
            [
                {
                    "import_id": self.id,
                    "kind": "contact",
                    "code": code,
                    "partner_id": partner_id if partner_id in existing else False,
                }
                for code, partner_id in ids.items()
                if partner_id in existing or code != first
            ]
        )

    def _mapping_line(self, kind, code):
        line = self.mapping_ids.filtered(lambda m: m.kind == kind and m.code == code)
        return line[:1] or self.env["crm.interaction.import.mapping"].create(
            {"import_id": self.id, "kind": kind, "code": code}
        )

    def _update_mapping(self):
        """A mapping line for each code the rows give, with its number of
        rows; a new line proposes the template, group, user, campaign of
        Odoo with that code (or name)."""
        counts = history_import.code_counts(self.env, self)
        # the groups of the templates of the templates' file
        for line in self.mapping_ids.filtered(lambda m: m.kind == "template"):
            group_code = (line.file_values or {}).get("group_code")
            if group_code:
                counts["group"].setdefault(group_code, 0)
        for line in self.mapping_ids.filtered(lambda m: m.kind in counts):
            line.row_count = counts[line.kind].get(line.code, 0)
        for kind, codes in counts.items():
            for code, count in codes.items():
                self._mapping_line(kind, code).row_count = count
        for line in self.mapping_ids:
            target = TARGETS.get(line.kind)
            if target and not line[target]:
                line[target] = line._guess()

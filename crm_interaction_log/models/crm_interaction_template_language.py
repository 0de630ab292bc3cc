# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

from .crm_interaction_template import _lang_get
from .input_check import check_values

# the file uploaded on the line, which becomes its attachment
UPLOAD = ("upload_file", "upload_filename")


class CrmInteractionTemplateLanguage(models.Model):
    """One attachment of a template in one language: a file (a letter in
    Swedish, the same letter in Dutch, ...), or a letter written here, whose
    placeholders are filled in for each interaction (``letter_body``, rendered
    by Odoo's mail rendering on the interaction log entry)."""

    _name = "crm.interaction.template.language"
    _inherit = ["crm.interaction.checked.mixin", "mail.render.mixin"]
    _description = "Interaction Template Language"
    _order = "template_id, lang"
    # as for Odoo's e-mail templates: only template editors write dynamic
    # placeholders, so what they wrote is rendered for whoever prints it
    _unrestricted_rendering = True

    template_id = fields.Many2one(
        comodel_name="crm.interaction.template",
        string="Interaction Template",
        required=True,
        ondelete="cascade",
        index=True,
    )
    lang = fields.Selection(selection=_lang_get, string="Language", required=True)
    description = fields.Char()
    # deleting an attachment looks its lines up here
    attachment_id = fields.Many2one(
        comodel_name="ir.attachment", ondelete="set null", index="btree_not_null"
    )
    company_id = fields.Many2one(related="template_id.company_id", store=True)
    datas = fields.Binary(string="File", related="attachment_id.datas")
    # the attachment's name is its file name
    datas_fname = fields.Char(string="File Name", related="attachment_id.name")
    letter_body = fields.Html(
        string="Letter",
        render_engine="qweb",
        render_options={"post_process": True},
        # as Odoo's e-mail templates: written by template editors only
        # (interaction managers), its placeholders are <t t-out="..."/>
        sanitize=False,
        help="A letter merged with each contact's data and printed to PDF in "
        "this language: type / and choose Dynamic Placeholder for the contact, "
        "its company, address, salesperson, the date or the description.",
    )
    upload_file = fields.Binary(string="Upload", attachment=False)
    upload_filename = fields.Char()

    _sql_constraints = [
        (
            "template_lang_uniq",
            "unique(template_id, lang)",
            "A template has one attachment line per language.",
        ),
    ]

    def _compute_render_model(self):
        self.render_model = "crm.interaction.log.entry"

    def _has_letter(self):
        self.ensure_one()
        return not is_html_empty(self.letter_body)

    @api.constrains("letter_body", "attachment_id")
    def _check_letter_or_file(self):
        for line in self:
            if line.attachment_id and line._has_letter():
                raise ValidationError(
                    self.env._(
                        "The %(lang)s line of template %(template)s has a file and "
                        "a letter: remove one of them.",
                        lang=line.lang,
                        template=line.template_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        uploads = []
        for vals in vals_list:
            check_values(self, {name: vals[name] for name in UPLOAD if name in vals})
            uploads.append(
                (vals.pop("upload_file", None), vals.pop("upload_filename", None))
            )
        lines = super().create(vals_list)
        for line, (upload, filename) in zip(lines, uploads, strict=True):
            if upload:
                line._add_attachment(upload, filename)
        return lines

    def write(self, vals):
        vals = dict(vals)
        check_values(self, {name: vals[name] for name in UPLOAD if name in vals})
        upload = vals.pop("upload_file", None)
        filename = vals.pop("upload_filename", None)
        res = super().write(vals)
        if upload:
            for line in self:
                line._add_attachment(upload, filename)
        return res

    def _add_attachment(self, datas, filename):
        """Add (or replace) the line's attachment from base64 data."""
        self.ensure_one()
        old = self.attachment_id
        attachment = self.env["ir.attachment"].create(
            {
                "name": filename or self.description or self.template_id.name,
                "datas": datas,
                "res_model": "crm.interaction.template",
                "res_id": self.template_id.id,
            }
        )
        self.write({"attachment_id": attachment.id})
        if old:
            old._unlink_if_unused()

    def action_edit_letter(self):
        """Open the line's letter, to write it with placeholders."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Letter"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "crm_interaction_log.crm_interaction_template_language_view_form"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
        }

    def action_save_letter(self):
        return {"type": "ir.actions.act_window_close"}

    def action_open_attachment(self):
        self.ensure_one()
        if not self.attachment_id:
            raise UserError(self.env._("There is no attachment for this language."))
        return self.attachment_id._interaction_open_action(download=True)

    def action_remove_attachment(self):
        attachments = self.attachment_id
        self.attachment_id = False
        attachments._unlink_if_unused()
        return True

    def _attachment_bytes(self):
        self.ensure_one()
        return base64.b64decode(self.attachment_id.datas or b"")

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

from .crm_interaction_template import _lang_get
from .input_check import check_values

# the file uploaded on the line, which becomes its attachment
UPLOAD = ("upload_file", "upload_filename")


class CrmInteractionTemplateLanguage(models.Model):
    """One attachment of a template in one language: a letter in Swedish,
    the same letter in Dutch, ..."""

    _name = "crm.interaction.template.language"
    _inherit = ["crm.interaction.checked.mixin"]
    _description = "Interaction Template Language"
    _order = "template_id, lang"

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
    upload_file = fields.Binary(string="Upload", attachment=False)
    upload_filename = fields.Char()

    _sql_constraints = [
        (
            "template_lang_uniq",
            "unique(template_id, lang)",
            "A template has one attachment line per language.",
        ),
    ]

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

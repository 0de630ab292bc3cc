# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

INFORMATION_FLOW = [("outbound", "Outbound"), ("inbound", "Inbound")]
INITIATED_BY = [("us", "Us"), ("them", "Them")]
CORRESPONDENCE_TYPE = [("hard_copy", "Hard Copy"), ("email", "Email"), ("sms", "SMS")]
# A template with language-specific attachments is for letters written to a
# segment; a printed or sent document is its own attachment.
TEMPLATE_DOMAIN = [("has_attachments", "=", False)]


def _lang_get(self):
    return self.env["res.lang"].get_installed()


class CrmInteractionTemplate(models.Model):
    _name = "crm.interaction.template"
    _description = "Interaction Template"
    _interaction_non_negative = ("unit_cost", "unit_duration")
    _inherit = [
        "crm.interaction.statistics.mixin",
        "crm.interaction.checked.mixin",
    ]
    _order = "code"
    _check_company_auto = True
    _rec_names_search = ["code", "name"]
    _interaction_statistics_column = "template_id"

    code = fields.Char(required=True, size=10)
    name = fields.Char(string="Description", required=True, translate=True)
    group_id = fields.Many2one(
        comodel_name="crm.interaction.group",
        string="Interaction Group",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    unit_cost = fields.Float(digits=(16, 2))
    unit_duration = fields.Float(string="Unit Duration (Min.)")
    information_flow = fields.Selection(selection=INFORMATION_FLOW, default="outbound")
    initiated_by = fields.Selection(selection=INITIATED_BY, default="us")
    correspondence_type = fields.Selection(
        selection=CORRESPONDENCE_TYPE,
        string="Correspondence Type (Default)",
        default="email",
    )
    ignore_contact_correspondence_type = fields.Boolean(
        string="Ignore Contact Corres. Type"
    )
    lang = fields.Selection(selection=_lang_get, string="Language Code (Default)")
    language_ids = fields.One2many(
        comodel_name="crm.interaction.template.language",
        inverse_name="template_id",
        string="Attachments per Language",
        copy=True,
    )
    has_attachments = fields.Boolean(
        compute="_compute_has_attachments",
        store=True,
        help="The template carries at least one language-specific attachment.",
    )
    # deleting a campaign looks its records up here
    campaign_id = fields.Many2one(comodel_name="utm.campaign", index="btree_not_null")
    campaign_target = fields.Boolean()
    campaign_response = fields.Boolean()
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of an interaction template must be unique per company.",
        ),
    ]

    @api.depends("language_ids.attachment_id", "language_ids.letter_body")
    def _compute_has_attachments(self):
        for template in self:
            template.has_attachments = bool(template._attachment_lines())

    def _attachment_lines(self):
        """The language lines with a file or a letter."""
        return self.language_ids.filtered(
            lambda line: line.attachment_id or line._has_letter()
        )

    def _check_can_record(self, company, activities=False):
        """Templates that record documents (or activities done) for
        ``company``: none with language-specific attachments (those are for
        letters of a segment), none of another company."""
        for template in self:
            if template.has_attachments:
                if activities:
                    raise ValidationError(
                        self.env._(
                            "The interaction template %(template)s has "
                            "language-specific attachments and cannot record "
                            "activities.",
                            template=template.display_name,
                        )
                    )
                raise ValidationError(
                    self.env._(
                        "The interaction template %(template)s has "
                        "language-specific attachments and cannot record "
                        "documents.",
                        template=template.display_name,
                    )
                )
            if template.company_id and template.company_id != company:
                raise ValidationError(
                    self.env._(
                        "The interaction template %(template)s belongs to "
                        "another company.",
                        template=template.display_name,
                    )
                )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for template in self:
            template.display_name = f"{template.code} - {template.name}"

    @api.model
    def _search_display_name(self, operator, value):
        """A template is found by the beginning of its code or by its name."""
        if (
            value
            and isinstance(value, str)
            and operator not in expression.NEGATIVE_TERM_OPERATORS
        ):
            return ["|", ("code", "=ilike", value + "%"), ("name", operator, value)]
        return super()._search_display_name(operator, value)

    def unlink(self):
        # the document types set up with these templates lose them in SQL
        # (ondelete set null): forget the setup read so far
        self.env.registry.clear_cache()
        return super().unlink()

    def _interaction_defaults(self, cost="cost", duration="duration"):
        """What an interaction based on this template starts with, for a
        record whose cost and duration fields are named ``cost``/``duration``."""
        self.ensure_one()
        values = {
            cost: self.unit_cost,
            duration: self.unit_duration,
            "information_flow": self.information_flow,
            "initiated_by": self.initiated_by,
            "correspondence_type": self.correspondence_type,
        }
        if self.campaign_id:
            values["campaign_id"] = self.campaign_id
        return values

    def _get_language(self, lang=None):
        """The attachment line for a language: the line with a file or a
        letter in the language asked for (the contact's), else in the
        template's default language, else any such line, else none."""
        self.ensure_one()
        lines = self._attachment_lines()
        for code in (lang, self.lang):
            if code:
                line = lines.filtered(lambda lang_line, c=code: lang_line.lang == c)
                if line:
                    return line[:1]
        return lines[:1]

    def action_copy_attachments_from(self):
        """Open the wizard that copies another template's attachments here."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Copy Attachments from Template"),
            "res_model": "crm.interaction.template.copy.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_template_id": self.id},
        }

    def _copy_attachments_from(self, source):
        """Copy every language line (with its attachment) of ``source`` that
        this template does not have yet."""
        self.ensure_one()
        if source == self:
            raise UserError(
                self.env._("A template cannot copy attachments from itself.")
            )
        existing = set(self.language_ids.mapped("lang"))
        vals_list = []
        for line in source.language_ids:
            if line.lang in existing:
                continue
            values = {
                "template_id": self.id,
                "lang": line.lang,
                "description": line.description,
                "letter_body": line.letter_body,
            }
            if line.attachment_id:
                values["attachment_id"] = line.attachment_id.copy(
                    {"res_model": self._name, "res_id": self.id}
                ).id
            vals_list.append(values)
        self.env["crm.interaction.template.language"].create(vals_list)

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .crm_interaction_template import (CORRESPONDENCE_TYPE, INFORMATION_FLOW,
                                       INITIATED_BY, _lang_get)
from .input_check import check_values

# Header fields the lines take over, and that "Apply to Lines" pushes down.
LINE_FIELDS = ("template_id", "unit_cost", "unit_duration", "date", "information_flow",
               "initiated_by", "lang", "subject", "description")


class CrmSegment(models.Model):
    """A list of contacts that receive the same interaction at once."""

    _name = "crm.segment"
    _description = "Segment"
    _interaction_non_negative = ("unit_cost", "unit_duration")
    _order = "id desc"

    name = fields.Char(string="No.", required=True, readonly=True, copy=False, default="/")
    description = fields.Char()
    campaign_id = fields.Many2one(comodel_name="utm.campaign")
    user_id = fields.Many2one(comodel_name="res.users", string="Salesperson",
                              default=lambda self: self.env.user)
    template_id = fields.Many2one(comodel_name="crm.interaction.template",
                                  string="Interaction Template")
    unit_cost = fields.Float(digits=(16, 2))
    unit_duration = fields.Float(string="Unit Duration (Min.)")
    date = fields.Date(default=fields.Date.context_today)
    information_flow = fields.Selection(selection=INFORMATION_FLOW)
    initiated_by = fields.Selection(selection=INITIATED_BY)
    correspondence_type = fields.Selection(selection=CORRESPONDENCE_TYPE,
                                           string="Correspondence Type (Default)")
    ignore_contact_correspondence_type = fields.Boolean(
        string="Ignore Contact Corres. Type")
    lang = fields.Selection(selection=_lang_get, string="Language Code (Default)")
    subject = fields.Char(string="Subject (Default)")
    line_ids = fields.One2many(comodel_name="crm.segment.line", inverse_name="segment_id",
                               string="Lines", copy=False)
    line_count = fields.Integer(string="No. of Lines", compute="_compute_statistics")
    total_cost = fields.Float(string="Cost", compute="_compute_statistics", digits=(16, 2))
    total_duration = fields.Float(string="Duration (Min.)", compute="_compute_statistics")
    state = fields.Selection(selection=[("draft", "Open"), ("logged", "Logged")],
                             default="draft", readonly=True, copy=False)
    logged_segment_id = fields.Many2one(comodel_name="crm.logged.segment",
                                        readonly=True, copy=False)
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env["res.company"]._company_default_get("crm.segment"))

    _sql_constraints = [
        ("unit_cost_positive", "CHECK(unit_cost >= 0)", "The unit cost cannot be negative."),
        ("unit_duration_positive", "CHECK(unit_duration >= 0)",
         "The unit duration cannot be negative."),
    ]

    def _compute_statistics(self):
        # one grouped query, never the lines themselves (segments can be huge)
        data = self.env["crm.segment.line"].read_group(
            [("segment_id", "in", self.ids)], ["segment_id", "unit_cost", "unit_duration"],
            ["segment_id"])
        stats = {d["segment_id"][0]: d for d in data}
        for segment in self:
            row = stats.get(segment.id, {})
            segment.line_count = row.get("segment_id_count", 0)
            segment.total_cost = row.get("unit_cost", 0.0)
            segment.total_duration = row.get("unit_duration", 0.0)

    @api.model
    def _template_values(self, template):
        """What a segment takes from its template."""
        values = template._interaction_defaults(cost="unit_cost", duration="unit_duration")
        values["lang"] = template.lang
        return values

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if self.template_id:
            self.update(self._template_values(self.template_id))

    @api.onchange(*LINE_FIELDS)
    def _onchange_header_for_lines(self):
        if self.line_count:
            return {"warning": {
                "title": _("Segment lines"),
                "message": _("The lines keep their values. Save, then use "
                             "\"Apply to Lines\" to give them the new header values."),
            }}

    @api.model
    def create(self, vals):
        check_values(self, vals, create=True)
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("crm.segment") or "/"
        if vals.get("template_id"):
            # what the form's onchange gives, for segments created without the form
            template = self.env["crm.interaction.template"].browse(vals["template_id"])
            for name, value in self._template_values(template).items():
                if name not in vals:
                    vals[name] = value.id if isinstance(value, models.BaseModel) else value
        return super().create(vals)

    @api.multi
    def write(self, vals):
        check_values(self, vals)
        if not self.env.context.get("crm_segment_logging") and \
                any(s.state == "logged" for s in self) and set(vals) - {"description"}:
            raise UserError(_("A logged segment cannot be changed."))
        return super().write(vals)

    @api.multi
    def unlink(self):
        if any(s.state == "logged" for s in self):
            raise UserError(_("A logged segment cannot be deleted: its interactions "
                              "were logged. Cancel the logged segment instead."))
        return super().unlink()

    def _check_open(self):
        for segment in self:
            if segment.state == "logged":
                raise UserError(_("Segment %s is already logged.") % segment.name)

    def _line_defaults(self):
        """The values a new line takes from the header."""
        self.ensure_one()
        values = {name: self[name] for name in LINE_FIELDS}
        values["template_id"] = self.template_id.id
        if not values["lang"]:
            del values["lang"]  # the lines keep their contact's language
        return values

    # ------------------------------------------------------------------
    # filling
    # ------------------------------------------------------------------
    def _add_partners(self, partners):
        """Add contacts (records or ids) that are not on the segment yet;
        returns how many."""
        self.ensure_one()
        if not isinstance(partners, models.BaseModel):
            partners = self.env["res.partner"].browse(partners)
        self._check_open()
        self.env.cr.execute("SELECT partner_id FROM crm_segment_line WHERE segment_id = %s",
                            (self.id,))
        present = {row[0] for row in self.env.cr.fetchall()}
        Line = self.env["crm.segment.line"]
        defaults = self._line_defaults()
        added = 0
        for partner in partners:
            if partner.id in present:
                continue
            present.add(partner.id)
            Line.create(dict(defaults, segment_id=self.id, partner_id=partner.id))
            added += 1
        return added

    @api.multi
    def action_apply_to_lines(self):
        """Give every line the header's values."""
        self.ensure_one()
        self._check_open()
        self.line_ids.write(self._line_defaults())
        self.line_ids._apply_correspondence_rule()
        return True

    @api.multi
    def action_open_contacts_wizard(self):
        self.ensure_one()
        self._check_open()
        return {
            "type": "ir.actions.act_window",
            "name": {"add": _("Add Contacts"), "remove": _("Remove Contacts"),
                     "refine": _("Refine Contacts")}[self.env.context.get("segment_mode", "add")],
            "res_model": "crm.segment.contacts.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_segment_id": self.id,
                        "default_mode": self.env.context.get("segment_mode", "add")},
        }

    @api.multi
    def action_view_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Segment Lines"),
            "res_model": "crm.segment.line",
            "view_mode": "tree,form",
            "domain": [("segment_id", "=", self.id)],
            "context": {"default_segment_id": self.id},
        }

    # ------------------------------------------------------------------
    # logging
    # ------------------------------------------------------------------
    @api.multi
    def action_log(self):
        self.ensure_one()
        self._check_can_log()
        return {
            "type": "ir.actions.act_window",
            "name": _("Log Segment"),
            "res_model": "crm.segment.log.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_segment_id": self.id},
        }

    def _check_can_log(self):
        self.ensure_one()
        self._check_open()
        if not self.description:
            raise UserError(_("Segment %s has no description.") % self.name)
        if not self.line_count:
            raise UserError(_("Segment %s has no lines.") % self.name)
        missing = self.env["crm.segment.line"].search_count(
            [("segment_id", "=", self.id), ("template_id", "=", False)])
        if missing:
            raise UserError(_("%(count)d lines of segment %(segment)s have no interaction "
                              "template.") % {"count": missing, "segment": self.name})

    def _log(self, send_attachments=False, create_followup=False):
        """Log the segment: a logged segment and one entry per line, in one
        transaction. Another user logging the same segment at the same moment
        waits for this one and then finds it logged."""
        self.ensure_one()
        # Lock the segment row. A second user logging it at the same moment
        # waits, then fails to serialise (REPEATABLE READ): Odoo's RPC layer
        # retries the request, which then finds the segment logged.
        self.env.cr.execute("SELECT state FROM crm_segment WHERE id = %s FOR UPDATE",
                            (self.id,))
        self.invalidate_cache(["state"], self.ids)
        self._check_can_log()
        if send_attachments:
            self._check_can_send()
        logged = self.env["crm.logged.segment"].create({
            "segment_id": self.id,
            "description": self.description,
            "campaign_id": self.campaign_id.id,
            "user_id": self.env.uid,
            "company_id": self.company_id.id,
        })
        self.env["crm.interaction.log.entry"]._create_from_segment(
            self, logged, send_attachments=send_attachments)
        self.with_context(crm_segment_logging=True).write(
            {"state": "logged", "logged_segment_id": logged.id})
        if send_attachments:
            logged._send_attachments()
        followup = self.browse()
        if create_followup:
            followup = self._create_followup()
        return logged, followup

    def _check_can_send(self):
        """Sending e-mail needs an address on every line that goes by e-mail."""
        self.env.cr.execute("""
            SELECT p.name FROM crm_segment_line l JOIN res_partner p ON p.id = l.partner_id
             WHERE l.segment_id = %s AND l.wanted_correspondence_type = 'email'
               AND COALESCE(p.email, '') = '' LIMIT 10""", (self.id,))
        names = [row[0] for row in self.env.cr.fetchall()]
        if names:
            raise UserError(_("These contacts have no e-mail address, so the attachments "
                              "cannot be sent to them: %s") % ", ".join(names))

    def _create_followup(self):
        self.ensure_one()
        followup = self.copy({
            "description": _("Follow-up on segment %s") % self.name,
            "state": "draft",
        })
        self.env.cr.execute("""
            INSERT INTO crm_segment_line
                (segment_id, partner_id, commercial_partner_id, template_id, unit_cost,
                 unit_duration, date, information_flow, initiated_by, correspondence_type,
                 wanted_correspondence_type, lang, subject, description, company_id,
                 create_uid, create_date, write_uid, write_date)
            SELECT %(new)s, partner_id, commercial_partner_id, template_id, unit_cost,
                   unit_duration, date, information_flow, initiated_by, correspondence_type,
                   wanted_correspondence_type, lang, subject, %(description)s, company_id,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM crm_segment_line WHERE segment_id = %(old)s ORDER BY id""",
                            {"new": followup.id, "old": self.id, "uid": self.env.uid,
                             "description": followup.description})
        followup.invalidate_cache()
        return followup

    @api.multi
    def action_view_log_entries(self):
        self.ensure_one()
        return self.env["crm.interaction.log.entry"]._action_view(
            [("segment_id", "=", self.id), ("postponed", "=", False)])

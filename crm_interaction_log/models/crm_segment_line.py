# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .crm_interaction_template import (CORRESPONDENCE_TYPE, INFORMATION_FLOW,
                                       INITIATED_BY, _lang_get)
from .input_check import check_values


def correspondence_rule(segment, template, partner):
    """The reference's correspondence type of a segment line: the header's
    default when the header ignores the contact's type; else the template's
    when the template ignores it or the contact has none; else the contact's.
    Returns (wanted, usable): e-mail without an address is not usable."""
    if segment.ignore_contact_correspondence_type:
        wanted = segment.correspondence_type
    elif template.ignore_contact_correspondence_type or \
            not partner.interaction_correspondence_type:
        wanted = template.correspondence_type or segment.correspondence_type
    else:
        wanted = partner.interaction_correspondence_type
    usable = wanted if wanted != "email" or partner.email else False
    return wanted or False, usable or False


class CrmSegmentLine(models.Model):
    _name = "crm.segment.line"
    _description = "Segment Line"
    _interaction_non_negative = ("unit_cost", "unit_duration")
    _order = "segment_id, id"

    segment_id = fields.Many2one(comodel_name="crm.segment", required=True, ondelete="cascade",
                                 index=True)
    partner_id = fields.Many2one(comodel_name="res.partner", string="Contact",
                                 required=True, ondelete="restrict", index=True)
    commercial_partner_id = fields.Many2one(comodel_name="res.partner",
                                            string="Contact Company", readonly=True)
    template_id = fields.Many2one(comodel_name="crm.interaction.template",
                                  string="Interaction Template")
    unit_cost = fields.Float(string="Cost", digits=(16, 2))
    unit_duration = fields.Float(string="Duration (Min.)")
    date = fields.Date()
    information_flow = fields.Selection(selection=INFORMATION_FLOW)
    initiated_by = fields.Selection(selection=INITIATED_BY)
    correspondence_type = fields.Selection(selection=CORRESPONDENCE_TYPE)
    wanted_correspondence_type = fields.Selection(
        selection=CORRESPONDENCE_TYPE, readonly=True,
        help="The type the rule gave, before an e-mail without address was blanked.")
    lang = fields.Selection(selection=_lang_get, string="Language")
    subject = fields.Char()
    description = fields.Char()
    company_id = fields.Many2one(related="segment_id.company_id", store=True, readonly=True)
    state = fields.Selection(related="segment_id.state", readonly=True)

    _sql_constraints = [
        ("segment_partner_uniq", "unique(segment_id, partner_id)",
         "A contact appears at most once on a segment."),
    ]

    @api.model
    def create(self, vals):
        check_values(self, vals, create=True)
        segment = self.env["crm.segment"].browse(vals.get("segment_id"))
        segment._check_open()
        partner = self.env["res.partner"].browse(vals.get("partner_id"))
        if partner.exists():
            vals.setdefault("commercial_partner_id", partner.commercial_partner_id.id)
            # the contact's language, else the segment's
            vals.setdefault("lang", partner.lang or segment.lang)
        if segment.exists():
            for name, value in segment._line_defaults().items():
                vals.setdefault(name, value)
        if partner.exists():
            if "correspondence_type" not in vals:
                template = self.env["crm.interaction.template"].browse(vals.get("template_id"))
                wanted, usable = correspondence_rule(segment, template, partner)
                vals.update(correspondence_type=usable, wanted_correspondence_type=wanted)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        check_values(self, vals)
        self.mapped("segment_id")._check_open()
        if "partner_id" in vals:
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["commercial_partner_id"] = partner.commercial_partner_id.id
        if vals.get("correspondence_type"):
            vals["wanted_correspondence_type"] = vals["correspondence_type"]
            if vals["correspondence_type"] == "email" and \
                    any(not line.partner_id.email for line in self):
                raise UserError(_("The contact has no e-mail address."))
        return super().write(vals)

    @api.multi
    def unlink(self):
        self.mapped("segment_id")._check_open()
        return super().unlink()

    def _apply_correspondence_rule(self):
        # the parent's write: this model's own write() would take the usable type
        # for the wanted one
        # pylint: disable=missing-return,super-method-mismatch
        for line in self:
            wanted, usable = correspondence_rule(line.segment_id, line.template_id,
                                                 line.partner_id)
            super(CrmSegmentLine, line).write(
                {"correspondence_type": usable, "wanted_correspondence_type": wanted})

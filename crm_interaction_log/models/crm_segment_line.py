# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from .crm_interaction_template import (
    CORRESPONDENCE_TYPE,
    INFORMATION_FLOW,
    INITIATED_BY,
    _lang_get,
)
from .input_check import check_create_values, check_values, check_written


def correspondence_rule(segment, template, partner):
    """The reference's correspondence type of a segment line: the header's
    default when the header ignores the contact's type; else the template's
    when the template ignores it or the contact has none; else the contact's.
    Returns (wanted, usable): e-mail without an address is not usable."""
    if segment.ignore_contact_correspondence_type:
        wanted = segment.correspondence_type
    elif (
        template.ignore_contact_correspondence_type
        or not partner.interaction_correspondence_type
    ):
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
    _check_company_auto = True

    segment_id = fields.Many2one(
        comodel_name="crm.segment", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Contact",
        required=True,
        ondelete="restrict",
        index=True,
    )
    commercial_partner_id = fields.Many2one(
        comodel_name="res.partner", string="Contact Company", readonly=True
    )
    template_id = fields.Many2one(
        comodel_name="crm.interaction.template",
        string="Interaction Template",
        check_company=True,
    )
    unit_cost = fields.Float(string="Cost", digits=(16, 2))
    unit_duration = fields.Float(string="Duration (Min.)")
    date = fields.Date()
    information_flow = fields.Selection(selection=INFORMATION_FLOW)
    initiated_by = fields.Selection(selection=INITIATED_BY)
    correspondence_type = fields.Selection(selection=CORRESPONDENCE_TYPE)
    wanted_correspondence_type = fields.Selection(
        selection=CORRESPONDENCE_TYPE,
        readonly=True,
        help="The type the rule gave, before an e-mail without address was blanked.",
    )
    lang = fields.Selection(selection=_lang_get, string="Language")
    subject = fields.Char()
    description = fields.Char()
    company_id = fields.Many2one(related="segment_id.company_id", store=True)
    state = fields.Selection(related="segment_id.state")
    # the step that inserted the line, whose Go Back deletes it again
    # (looked up by that, and by the deletion of the step)
    step_id = fields.Many2one(
        comodel_name="crm.segment.step",
        readonly=True,
        copy=False,
        ondelete="set null",
        index="btree_not_null",
    )

    _sql_constraints = [
        (
            "segment_partner_uniq",
            "unique(segment_id, partner_id)",
            "A contact appears at most once on a segment.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        # defaults first (the "Lines" list gives its segment by context), so
        # that the header's values and the rule see the line's segment
        vals_list = [self._add_missing_default_values(vals) for vals in vals_list]
        check_create_values(self, vals_list)
        segments = self.env["crm.segment"].browse(
            {vals["segment_id"] for vals in vals_list}
        )
        segments._check_open()
        partners = self.env["res.partner"].browse(
            {vals["partner_id"] for vals in vals_list}
        )
        # one read of the contacts and segments for the whole batch
        partner_by_id = {partner.id: partner for partner in partners}
        defaults = {segment.id: segment._line_defaults() for segment in segments}
        Template = self.env["crm.interaction.template"]
        for vals in vals_list:
            segment = segments.browse(vals["segment_id"])
            partner = partner_by_id[vals["partner_id"]]
            vals.setdefault("commercial_partner_id", partner.commercial_partner_id.id)
            # the contact's language, else the segment's
            vals.setdefault("lang", partner.lang or segment.lang)
            for name, value in defaults[segment.id].items():
                vals.setdefault(name, value)
            if "correspondence_type" not in vals:
                wanted, usable = correspondence_rule(
                    segment, Template.browse(vals.get("template_id")), partner
                )
                vals.update(
                    correspondence_type=usable, wanted_correspondence_type=wanted
                )
        lines = super().create(vals_list)
        check_written(lines, vals_list)
        return lines

    def write(self, vals):
        check_values(self, vals)
        self.segment_id._check_open()
        if vals.get("segment_id"):
            self.env["crm.segment"].browse(vals["segment_id"])._check_open()
        if "partner_id" in vals:
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals = dict(vals, commercial_partner_id=partner.commercial_partner_id.id)
        if vals.get("correspondence_type"):
            vals = dict(vals, wanted_correspondence_type=vals["correspondence_type"])
            if vals["correspondence_type"] == "email" and any(
                not line.partner_id.email for line in self
            ):
                raise UserError(self.env._("The contact has no e-mail address."))
        res = super().write(vals)
        check_written(self, [vals])
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_segment_logged(self):
        self.segment_id._check_open()

    def _apply_correspondence_rule(self):
        # The parent's write: this model's own write() would take the usable
        # type for the wanted one. Lines of the same outcome are written
        # together, so that a large segment costs a few queries.
        # pylint: disable=super-method-mismatch
        groups = defaultdict(list)
        for line in self:
            groups[
                correspondence_rule(line.segment_id, line.template_id, line.partner_id)
            ].append(line.id)
        for (wanted, usable), ids in groups.items():
            super(CrmSegmentLine, self.browse(ids)).write(
                {"correspondence_type": usable, "wanted_correspondence_type": wanted}
            )
        return True

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .crm_interaction_template import (
    CORRESPONDENCE_TYPE,
    INFORMATION_FLOW,
    INITIATED_BY,
    _lang_get,
)

# The columns of a segment line kept, under the same names, when a step
# deletes it, and given back to it by Go Back (``crm.segment.step._undo``).
# The contact company is the contact's, read again when the line comes back.
KEPT_LINE_COLUMNS = (
    "partner_id",
    "template_id",
    "unit_cost",
    "unit_duration",
    "date",
    "information_flow",
    "initiated_by",
    "correspondence_type",
    "wanted_correspondence_type",
    "lang",
    "subject",
    "description",
    "company_id",
)


class CrmSegmentHistory(models.Model):
    """The segment lines a step of an open segment deleted (Remove or Refine
    Contacts), as they were, so that Go Back gives them back: the reference's
    segment history. Written only by the statement that deletes the lines
    (``crm.segment._remove_partners``); its rows go with their step.

    Refining a segment of 100,000 contacts keeps up to as many rows: the
    columns that the deletion of a contact, a template or a step looks up
    are indexed."""

    _name = "crm.segment.history"
    _description = "Segment History"
    _order = "step_id, line_id"

    step_id = fields.Many2one(
        comodel_name="crm.segment.step",
        string="Removed by",
        required=True,
        ondelete="cascade",
        index=True,
    )
    # the line's own id, which it gets back
    line_id = fields.Integer(required=True)
    # the step that had added the line: Go Back of that step removes it again
    added_step_id = fields.Many2one(
        comodel_name="crm.segment.step",
        string="Added by",
        ondelete="set null",
        index="btree_not_null",
    )
    # a contact deleted since does not come back
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Contact",
        required=True,
        ondelete="cascade",
        index=True,
    )
    template_id = fields.Many2one(
        comodel_name="crm.interaction.template",
        string="Interaction Template",
        ondelete="set null",
        index="btree_not_null",
    )
    unit_cost = fields.Float(string="Cost", digits=(16, 2))
    unit_duration = fields.Float(string="Duration (Min.)")
    date = fields.Date()
    information_flow = fields.Selection(selection=INFORMATION_FLOW)
    initiated_by = fields.Selection(selection=INITIATED_BY)
    correspondence_type = fields.Selection(selection=CORRESPONDENCE_TYPE)
    wanted_correspondence_type = fields.Selection(selection=CORRESPONDENCE_TYPE)
    lang = fields.Selection(selection=_lang_get, string="Language")
    subject = fields.Char()
    description = fields.Char()
    company_id = fields.Many2one(comodel_name="res.company")

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .crm_segment_history import KEPT_LINE_COLUMNS


class CrmSegmentStep(models.Model):
    """What Add / Remove / Refine Contacts or Add to Segment did to an open
    segment: the reference's segment criteria and segment history. The lines
    a step inserted carry it (``crm.segment.line.step_id``); the lines it
    deleted are kept in ``crm.segment.history``. Both are written by the
    statement that inserts or deletes the lines."""

    _name = "crm.segment.step"
    _inherit = ["crm.segment.criteria.mixin", "crm.interaction.checked.mixin"]
    _description = "Segment Step"
    _order = "segment_id, id"

    segment_id = fields.Many2one(
        comodel_name="crm.segment",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    added_count = fields.Integer(string="Contacts Added", readonly=True)
    removed_count = fields.Integer(string="Contacts Removed", readonly=True)
    company_id = fields.Many2one(related="segment_id.company_id", store=True)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_segment_logged(self):
        # the criteria a logged segment was built with stay as they were
        self.segment_id._check_open()

    def _undo(self):
        """Go Back: the lines the step inserted are deleted, those it deleted
        come back as they were (with their ids), and the step goes. A
        contact that is on the segment again meanwhile keeps its line."""
        self.ensure_one()
        segment = self.segment_id
        Line = self.env["crm.segment.line"]
        # the lines' record rules are their segment's company, checked on
        # the segment by the caller
        Line.check_access("unlink")
        Line.check_access("create")
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                "DELETE FROM crm_segment_line WHERE segment_id = %s AND step_id = %s",
                segment.id,
                self.id,
            )
        )
        columns = SQL(", ").join(map(SQL.identifier, KEPT_LINE_COLUMNS))
        kept = SQL(", ").join(SQL.identifier("h", name) for name in KEPT_LINE_COLUMNS)
        rows = self.env.execute_query(
            SQL(
                """
            INSERT INTO crm_segment_line
                (id, segment_id, step_id, commercial_partner_id, %(columns)s,
                 create_uid, create_date, write_uid, write_date)
            SELECT h.line_id, %(segment)s, h.added_step_id, p.commercial_partner_id,
                   %(kept)s,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM crm_segment_history h
              JOIN res_partner p ON p.id = h.partner_id
             WHERE h.step_id = %(step)s
               AND NOT EXISTS (SELECT 1 FROM crm_segment_line l
                                WHERE l.segment_id = %(segment)s
                                  AND l.partner_id = h.partner_id)
             ORDER BY h.line_id
            RETURNING id""",
                columns=columns,
                kept=kept,
                segment=segment.id,
                step=self.id,
                uid=self.env.uid,
            )
        )
        Line.invalidate_model()
        segment.invalidate_recordset()
        Line.browse([row[0] for row in rows]).check_access("create")
        # its history goes with it
        self.unlink()
        return True

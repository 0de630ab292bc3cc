# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..history_import import READ_ERRORS, RESOLVE_ERRORS


class CrmInteractionImportRow(models.Model):
    """One row of an interaction log exported from NAV/BC, as read from the
    file: the values in the file's own terms (codes and numbers), what they
    map to in Odoo, and why the row would not import. Rows are written by
    the thousand (``COPY``) and turned into entries by one statement a batch
    (``history_import.import_batch``); those imported are deleted
    once the import is done, those that did not import stay to be read."""

    _name = "crm.interaction.import.row"
    _description = "Interaction History Import Row"
    _order = "import_id, sequence"
    _log_access = False

    import_id = fields.Many2one(
        comodel_name="crm.interaction.import",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(string="Row", help="The row's number in the file.")
    entry_no = fields.Integer(string="Entry No.")
    contact_no = fields.Char(string="Contact No.")
    local_date = fields.Datetime(
        string="Date and Time",
        help="As the file gives it, in the time zone chosen for the import.",
    )
    description = fields.Char()
    subject = fields.Char()
    information_flow = fields.Char()
    initiated_by = fields.Char()
    group_code = fields.Char(string="Interaction Group Code")
    template_code = fields.Char(string="Interaction Template Code")
    cost = fields.Float(digits=(16, 2))
    duration = fields.Float(string="Duration (Min.)")
    salesperson_code = fields.Char()
    user_code = fields.Char(string="User ID")
    evaluation = fields.Char()
    attempt_failed = fields.Boolean()
    canceled = fields.Boolean()
    postponed = fields.Boolean()
    correspondence_type = fields.Char()
    contact_via = fields.Char()
    lang = fields.Char(string="Interaction Language")
    campaign_no = fields.Char(string="Campaign No.")
    campaign_target = fields.Boolean()
    campaign_response = fields.Boolean()
    opportunity_no = fields.Char(string="Opportunity No.")
    document_type = fields.Char()
    document_no = fields.Char(string="Document No.")
    document_occurrence = fields.Integer(string="Doc. No. Occurrence")
    delivery_status = fields.Char()
    # what the row maps to (``_resolve``)
    # deleting a contact looks its rows up
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Contact", index="btree_not_null"
    )
    error = fields.Selection(selection=READ_ERRORS + RESOLVE_ERRORS, index=True)
    error_info = fields.Char(string="Details")
    done = fields.Boolean(string="Imported")

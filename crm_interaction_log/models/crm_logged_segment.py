# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import Command, api, fields, models


class CrmLoggedSegment(models.Model):
    """The record of a logged segment: which interactions it logged, and
    whether they were canceled together."""

    _name = "crm.logged.segment"
    _inherit = ["crm.interaction.checked.mixin"]
    _description = "Logged Segment"
    _order = "id desc"

    name = fields.Char(
        string="No.", required=True, readonly=True, copy=False, default="/"
    )
    segment_id = fields.Many2one(
        comodel_name="crm.segment", readonly=True, ondelete="set null", index=True
    )
    description = fields.Char(readonly=True)
    campaign_id = fields.Many2one(comodel_name="utm.campaign", readonly=True)
    user_id = fields.Many2one(
        comodel_name="res.users", string="Logged By", readonly=True
    )
    date = fields.Datetime(
        string="Creation Date", default=fields.Datetime.now, readonly=True
    )
    canceled = fields.Boolean(readonly=True)
    entry_count = fields.Integer(
        string="No. of Interactions", compute="_compute_entry_count"
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)

    def _compute_entry_count(self):
        counts = dict(
            self.env["crm.interaction.log.entry"]._read_group(
                [("logged_segment_id", "in", self.ids)],
                ["logged_segment_id"],
                ["__count"],
            )
        )
        for logged in self:
            logged.entry_count = counts.get(logged, 0)

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("crm.logged.segment") or "/"
                )
        return super().create(vals_list)

    def action_cancel(self):
        """Cancel the logged segment and all its interactions."""
        entries = self.env["crm.interaction.log.entry"].search(
            [("logged_segment_id", "in", self.ids), ("canceled", "=", False)]
        )
        entries.write({"canceled": True})
        self.write({"canceled": True})
        return True

    def action_view_log_entries(self):
        return self.env["crm.interaction.log.entry"]._action_view(
            [("logged_segment_id", "in", self.ids)]
        )

    def _send_attachments(self):
        """E-mail the template's attachment, in the contact's language, to the
        lines that go by e-mail, through Odoo's mail queue. The entries follow
        their mail: in progress until sent, error if it fails."""
        self.ensure_one()
        Mail = self.env["mail.mail"].sudo()
        entries = self.env["crm.interaction.log.entry"].search(
            [("logged_segment_id", "=", self.id), ("correspondence_type", "=", "email")]
        )
        email_from = self.env.user.email_formatted or self.env.company.email_formatted
        attachment_cache = {}
        for entry in entries:
            key = (entry.template_id.id, entry.lang)
            if key not in attachment_cache:
                line = entry.template_id._get_language(entry.lang)
                attachment_cache[key] = line.attachment_id
            attachment = attachment_cache[key]
            attachment_ids = []
            if attachment:
                # a copy filed on the contact: the template keeps its own
                attachment_ids = [
                    Command.link(
                        attachment.sudo()
                        .copy(
                            {"res_model": "res.partner", "res_id": entry.partner_id.id}
                        )
                        .id
                    )
                ]
            mail = Mail.create(
                {
                    "subject": entry.subject or entry.description,
                    "body_html": Markup("<p>%s</p>") % (entry.description or ""),
                    "email_from": email_from,
                    "recipient_ids": [Command.link(entry.partner_id.id)],
                    "model": "res.partner",
                    "res_id": entry.partner_id.id,
                    "attachment_ids": attachment_ids,
                    "auto_delete": False,
                }
            )
            entry.sudo().write(
                {
                    "mail_message_id": mail.mail_message_id.id,
                    "attachment_id": attachment.id or False,
                    "delivery_status": "in_progress",
                }
            )
        return True

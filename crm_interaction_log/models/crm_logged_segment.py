# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from .switches import AUDIT_FIELDS, audit_fields_writable, switched


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
    # deleting a campaign looks its logged segments up here
    campaign_id = fields.Many2one(
        comodel_name="utm.campaign", readonly=True, index="btree_not_null"
    )
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

    def _check_logged_by_module(self):
        """A logged segment records what logging a segment did: only the
        module's own code (logging, cancelling) creates or changes it."""
        if not audit_fields_writable(self.env):
            raise AccessError(
                self.env._(
                    "A logged segment records what was logged: it is created by "
                    "logging a segment and changed only by cancelling or "
                    "restoring it."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_logged_by_module()
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("crm.logged.segment") or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        self._check_logged_by_module()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_entries(self):
        if (
            self.env["crm.interaction.log.entry"]
            .sudo()
            .search_count([("logged_segment_id", "in", self.ids)], limit=1)
        ):
            raise UserError(
                self.env._(
                    "A logged segment whose interactions are still in the log "
                    "cannot be deleted: cancel it, then delete its canceled "
                    "interaction log entries."
                )
            )

    def action_toggle_canceled(self):
        """Switch the canceled mark of each logged segment: cancel those that
        are not canceled, restore those that are."""
        canceled = self.filtered("canceled")
        (self - canceled).action_cancel()
        canceled.action_restore()
        return True

    def action_cancel(self):
        """Cancel the logged segments and all their interactions; those not
        canceled yet are canceled with the segment, and come back with it."""
        segments = self.filtered(lambda logged: not logged.canceled)
        entries = segments._entries_to_switch([("canceled", "=", False)])
        with switched(AUDIT_FIELDS):
            entries.write({"canceled": True, "canceled_with_segment": True})
            segments.write({"canceled": True})
        return True

    def action_restore(self):
        """Restore the canceled logged segments and the interactions canceled
        with them; those canceled on their own before stay canceled."""
        segments = self.filtered("canceled")
        entries = segments._entries_to_switch([("canceled_with_segment", "=", True)])
        with switched(AUDIT_FIELDS):
            entries.write({"canceled": False, "canceled_with_segment": False})
            segments.write({"canceled": False})
        return True

    def _entries_to_switch(self, domain):
        """The interactions of ``domain`` the logged segments logged. Who
        switches a logged segment must be allowed to change it and every one
        of them, not only the ones they see."""
        self.check_access("write")
        Entry = self.env["crm.interaction.log.entry"]
        entries = Entry.sudo().search([("logged_segment_id", "in", self.ids), *domain])
        entries = Entry.browse(entries.ids)
        entries.check_access("write")
        return entries

    def action_view_log_entries(self):
        return self.env["crm.interaction.log.entry"]._action_view(
            [("logged_segment_id", "in", self.ids)]
        )

    def _send_attachments(self):
        """E-mail the template's attachment, in the contact's language, to the
        lines that go by e-mail, through Odoo's mail queue. The entries follow
        their mail: in progress until sent, error if it fails. Contacts who
        opted out of e-mail (blacklisted) or are archived get none: their
        entries say why."""
        self.ensure_one()
        Mail = self.env["mail.mail"].sudo()
        entries = (
            self.env["crm.interaction.log.entry"]
            .sudo()
            .search(
                [
                    ("logged_segment_id", "=", self.id),
                    ("correspondence_type", "=", "email"),
                ]
            )
        )
        email_from = self.env.user.email_formatted or self.env.company.email_formatted
        attachment_cache = {}
        not_sent = {}
        for entry in entries:
            partner = entry.partner_id.with_context(active_test=False)
            if not partner.active:
                not_sent.setdefault(
                    self.env._("Not sent: the contact is archived."), []
                ).append(entry.id)
                continue
            if partner.is_blacklisted:
                not_sent.setdefault(
                    self.env._("Not sent: the contact has opted out of e-mail."), []
                ).append(entry.id)
                continue
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
                        attachment.copy(
                            {"res_model": "res.partner", "res_id": partner.id}
                        ).id
                    )
                ]
            mail = Mail.create(
                {
                    "subject": entry.subject or entry.description,
                    # the description is text: escaped into the HTML body
                    "body_html": Markup("<p>%s</p>") % (entry.description or ""),
                    "email_from": email_from,
                    "recipient_ids": [Command.link(partner.id)],
                    "model": "res.partner",
                    "res_id": partner.id,
                    "attachment_ids": attachment_ids,
                    "auto_delete": False,
                }
            )
            entry.write(
                {
                    "mail_message_id": mail.mail_message_id.id,
                    "attachment_id": attachment.id or False,
                    "delivery_status": "in_progress",
                }
            )
        for info, entry_ids in not_sent.items():
            entries.browse(entry_ids).write(
                {"delivery_status": "not_sent", "delivery_info": info}
            )
        return True

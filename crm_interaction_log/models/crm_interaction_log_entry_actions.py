# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .switches import AUDIT_FIELDS, UNLINK_POSTPONED, switched


# one concern a file, so that each stays short enough to hold in one's head
class CrmInteractionLogEntry(models.Model):
    """What users do with entries: cancel and restore, evaluate, resume,
    resend, create a task or an opportunity, open the document."""

    _inherit = "crm.interaction.log.entry"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _action_view(self, domain, context=None):
        """The "Interaction Log Entries" action, on the entries of ``domain``."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interaction_log.crm_interaction_log_entry_action"
        )
        action["domain"] = domain
        action["context"] = dict(context or {}, prefetch_fields=False)
        return action

    def action_toggle_canceled(self):
        """Switch the canceled mark. One entry switches at once; several all
        take the opposite of the first selected one's mark (in the order the
        client gives them), after a confirmation saying how many change."""
        canceled = not self[:1].canceled
        if len(self) <= 1:
            self._set_canceled(canceled)
            return True
        self.check_access("write")
        self._check_can_set_canceled(canceled)
        return (
            self.env["crm.interaction.switch.canceled.wizard"]
            .create({"entry_ids": [Command.set(self.ids)], "canceled": canceled})
            ._open()
        )

    def _set_canceled(self, canceled):
        """Cancel (``canceled``) or restore the entries."""
        self._check_can_set_canceled(canceled)
        with switched(AUDIT_FIELDS):
            self.filtered(lambda entry: entry.canceled != canceled).write(
                {"canceled": canceled}
            )
        if not canceled:
            # a restored entry whose segment e-mail was stopped gets it now
            self.logged_segment_id._trigger_send()

    def _check_can_set_canceled(self, canceled):
        if any(self.mapped("postponed")):
            raise UserError(
                self.env._(
                    "A postponed interaction cannot be canceled; "
                    "delete it or resume it."
                )
            )
        if not canceled:
            self.filtered("canceled")._check_can_uncancel()

    def _check_can_uncancel(self):
        """An entry of a canceled logged segment stays canceled: restoring the
        logged segment restores it."""
        entry = self.sudo().filtered(lambda e: e.logged_segment_id.canceled)[:1]
        if entry:
            raise UserError(
                self.env._(
                    "Interaction %(entry)s belongs to the canceled logged segment "
                    "%(segment)s: it cannot be restored on its own; restore the "
                    "logged segment.",
                    entry=entry.name,
                    segment=entry.logged_segment_id.name,
                )
            )

    def action_evaluate(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Evaluate Interactions"),
            "res_model": "crm.interaction.evaluate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_create_task(self):
        """A to-do (mail.activity) on the contact, linked to the entry."""
        self.ensure_one()
        if self.canceled:
            raise UserError(
                self.env._("You cannot create a task for a canceled interaction.")
            )
        # Whoever may change the entry and read its contact may plan its
        # follow-up on the contact; Odoo asks for the right to change the
        # contact itself to add an activity to it, which a salesperson does
        # not need to have.
        self.check_access("write")
        self.partner_id.check_access("read")
        activity_type = self.env.ref(
            "mail.mail_activity_data_todo", raise_if_not_found=False
        )
        activity = (
            self.env["mail.activity"]
            .sudo()
            .create(
                {
                    "res_id": self.partner_id.id,
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "activity_type_id": activity_type.id if activity_type else False,
                    "summary": self.description,
                    "note": self.subject,
                    "user_id": (self.user_id or self.env.user).id,
                    "interaction_entry_id": self.id,
                }
            )
        )
        self.invalidate_recordset(["activity_id"])
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.activity",
            "res_id": activity.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def _prepare_lead_values(self):
        self.ensure_one()
        return {
            "name": self.description,
            "type": "opportunity",
            "partner_id": self.partner_id.id,
            "user_id": self.user_id.id,
            "campaign_id": self.campaign_id.id,
            "company_id": self.company_id.id,
            "description": self.subject,
        }

    def action_create_opportunity(self):
        """Create an opportunity for the entry; refused when the entry is
        canceled or already has one."""
        self.ensure_one()
        if self.canceled:
            raise UserError(
                self.env._(
                    "You cannot create an opportunity for a canceled interaction."
                )
            )
        if self.lead_id:
            raise UserError(
                self.env._("Interaction %s already has an opportunity.", self.name)
            )
        self.lead_id = self.env["crm.lead"].create(self._prepare_lead_values())
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.lead_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_open_attachment(self):
        self.ensure_one()
        if not self.attachment_id:
            raise UserError(self.env._("Interaction %s has no attachment.", self.name))
        return self.attachment_id._interaction_open_action(download=True)

    def action_open_document(self):
        self.ensure_one()
        if not self.res_model or not self.res_id:
            raise UserError(
                self.env._("Interaction %s has no source document.", self.name)
            )
        if (
            self.res_model not in self.env
            or not self.env[self.res_model].browse(self.res_id).exists()
        ):
            raise UserError(
                self.env._(
                    "The source document %s no longer exists.", self.document_name or ""
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_create_interaction(self):
        """Create Interaction on the entries' contacts, with the template of
        the first entry. With no entry (the list's button, nothing selected)
        the user chooses the contact in the wizard; the list of one contact's
        entries proposes that contact."""
        if not self:
            return self.env["crm.interaction.create.wizard"].action_start(
                self.env.context.get("default_partner_id") or None
            )
        return self.partner_id.action_create_interaction(template=self[:1].template_id)

    def action_resend(self):
        """Send the entry's attachment again by e-mail, to its contact or
        another one; the e-mail logs a new entry, this one stays as it is."""
        self.ensure_one()
        if not self.attachment_id:
            raise UserError(
                self.env._(
                    "Interaction %(entry)s has no attachment to send again.",
                    entry=self.name,
                )
            )
        if self.postponed:
            raise UserError(
                self.env._("A postponed interaction is resumed, not resent.")
            )
        Wizard = self.env["crm.interaction.create.wizard"]
        values = Wizard._values_from_entry(self)
        del values["entry_id"]
        values.update(
            resend_entry_id=self.id,
            correspondence_type="email",
            contact_via=self.partner_id.email,
            successful=True,
            evaluation=False,
        )
        return Wizard.create(values)._reopen()

    def action_resume(self):
        """Reopen the Create Interaction wizard on a postponed entry."""
        self.ensure_one()
        if not self.postponed:
            raise UserError(self.env._("Only postponed interactions can be resumed."))
        Wizard = self.env["crm.interaction.create.wizard"]
        wizard = Wizard.create(Wizard._values_from_entry(self))
        return wizard._reopen()

    def action_delete_postponed(self):
        postponed = self.filtered("postponed")
        if postponed != self:
            raise UserError(
                self.env._("Only postponed interactions can be deleted here.")
            )
        # who may finish a postponed interaction may also drop it
        postponed.check_access("write")
        with switched(UNLINK_POSTPONED):
            postponed.sudo().unlink()
        return True

    @api.model
    def _delete_canceled(self, domain):
        """Delete the canceled entries matching ``domain`` in one statement,
        as the ORM's unlink would: only with the right to delete, only the
        records the user's rules allow; their comments go with them (ON DELETE
        CASCADE) and their attachments when nothing else uses them. Returns
        how many were deleted. Used for clean-ups of 100,000 entries, where
        loading them into the ORM would cost far more than the delete."""
        self.browse().check_access("unlink")
        query = self._where_calc(list(domain) + [("canceled", "=", True)])
        self._apply_ir_rules(query, "unlink")
        # the rows as the ORM knows them, pending writes included
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                "DELETE FROM crm_interaction_log_entry WHERE id IN %s"
                " RETURNING attachment_id",
                query.subselect(),
            )
        )
        # the deleted entries, their comments and every list that showed them
        self.env.invalidate_all(flush=False)
        attachment_ids = {row[0] for row in rows if row[0]}
        if attachment_ids:
            self.env["ir.attachment"].browse(attachment_ids)._unlink_if_unused()
        return len(rows)

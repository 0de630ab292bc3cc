# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.crm_interaction_log_entry import EVALUATION
from ..models.crm_interaction_template import (
    CORRESPONDENCE_TYPE,
    INFORMATION_FLOW,
    INITIATED_BY,
    _lang_get,
)
from ..models.switches import AUDIT_FIELDS, switched


def _next_minute(moment):
    """Round a datetime up to the next whole minute (12:00:00 stays 12:00)."""
    rounded = moment.replace(second=0, microsecond=0)
    if rounded < moment:
        rounded += timedelta(minutes=1)
    return rounded


class CrmInteractionCreateWizard(models.TransientModel):
    """Create Interaction: record one interaction with one contact."""

    _name = "crm.interaction.create.wizard"
    _description = "Create Interaction"

    state = fields.Selection(
        selection=[
            ("edit", "Edit"),
            ("confirm_cancel", "Finish Later?"),
            ("offer_opportunity", "Create Opportunity?"),
        ],
        default="edit",
        required=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Contact", required=True
    )
    template_id = fields.Many2one(
        comodel_name="crm.interaction.template",
        string="Interaction Template",
        required=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users", string="Salesperson", required=True
    )
    date = fields.Datetime(
        string="Date and Time",
        required=True,
        default=lambda self: self._default_date(),
    )
    description = fields.Char(required=True)
    successful = fields.Boolean(string="Interaction Successful", default=True)
    information_flow = fields.Selection(selection=INFORMATION_FLOW)
    initiated_by = fields.Selection(selection=INITIATED_BY)
    correspondence_type = fields.Selection(selection=CORRESPONDENCE_TYPE)
    contact_via = fields.Char()
    cost = fields.Float(digits=(16, 2))
    duration = fields.Float(string="Duration (Min.)")
    evaluation = fields.Selection(selection=EVALUATION)
    lang = fields.Selection(selection=_lang_get, string="Language")
    campaign_id = fields.Many2one(comodel_name="utm.campaign")
    lead_id = fields.Many2one(comodel_name="crm.lead", string="Opportunity")
    comment = fields.Char()
    entry_id = fields.Many2one(
        comodel_name="crm.interaction.log.entry",
        string="Interaction Log Entry",
        readonly=True,
        help="The postponed entry this wizard resumes, then the entry it created.",
    )

    @api.model
    def _default_date(self):
        return _next_minute(fields.Datetime.now())

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        partner = self.env["res.partner"].browse(
            res.get("partner_id") or self.env.context.get("default_partner_id")
        )
        if "user_id" in fields_list and not res.get("user_id"):
            # the current user when a salesperson, else the contact's
            if self.env.user.has_group("sales_team.group_sale_salesman"):
                res["user_id"] = self.env.uid
            elif partner.user_id:
                res["user_id"] = partner.user_id.id
            else:
                res["user_id"] = self.env.uid
        if partner and "lang" in fields_list and not res.get("lang"):
            res["lang"] = partner.lang
        return res

    @api.onchange("template_id")
    def _onchange_template_id(self):
        template = self.template_id
        if not template:
            return
        self.update(template._interaction_defaults())
        if not self.description:
            self.description = template.name

    @api.onchange("partner_id", "correspondence_type")
    def _onchange_contact_via(self):
        partner = self.partner_id
        if not partner:
            return
        if self.correspondence_type == "email":
            self.contact_via = partner.email
        else:
            self.contact_via = partner.phone or partner.mobile
        if partner.lang:
            self.lang = partner.lang

    # ------------------------------------------------------------------
    # entry values
    # ------------------------------------------------------------------
    @api.model
    def _values_from_entry(self, entry):
        """Wizard values that resume a postponed entry."""
        return {
            "partner_id": entry.partner_id.id,
            "template_id": entry.template_id.id,
            "user_id": entry.user_id.id or self.env.uid,
            "date": entry.date,
            "description": entry.description,
            "successful": not entry.attempt_failed,
            "information_flow": entry.information_flow,
            "initiated_by": entry.initiated_by,
            "correspondence_type": entry.correspondence_type,
            "contact_via": entry.contact_via,
            "cost": entry.cost,
            "duration": entry.duration,
            "evaluation": entry.evaluation,
            "lang": entry.lang,
            "campaign_id": entry.campaign_id.id,
            "lead_id": entry.lead_id.id,
            "entry_id": entry.id,
        }

    def _entry_values(self, postponed):
        self.ensure_one()
        if self.cost < 0 or self.duration < 0:
            raise UserError(self.env._("The cost and duration cannot be negative."))
        return {
            "partner_id": self.partner_id.id,
            "template_id": self.template_id.id,
            "group_id": self.template_id.group_id.id,
            "user_id": self.user_id.id,
            "date": self.date,
            "description": self.description,
            "subject": self.description,
            "attempt_failed": not self.successful,
            "information_flow": self.information_flow
            or self.template_id.information_flow,
            "initiated_by": self.initiated_by or self.template_id.initiated_by,
            "correspondence_type": self.correspondence_type,
            "contact_via": self.contact_via,
            "cost": self.cost,
            "duration": self.duration,
            "evaluation": self.evaluation,
            "lang": self.lang,
            "campaign_id": self.campaign_id.id,
            "lead_id": self.lead_id.id,
            "postponed": postponed,
            "company_id": (self.template_id.company_id or self.env.company).id,
        }

    def _save_entry(self, postponed):
        values = self._entry_values(postponed)
        if self.comment:
            values["comment_ids"] = [Command.create({"comment": self.comment})]
        if self.entry_id:
            if not self.entry_id.postponed:
                raise UserError(
                    self.env._(
                        "Interaction %(entry)s was already finished.",
                        entry=self.entry_id.name,
                    )
                )
            with switched(AUDIT_FIELDS):
                self.entry_id.write(values)
            entry = self.entry_id
        else:
            with switched(AUDIT_FIELDS):
                entry = self.env["crm.interaction.log.entry"].create(values)
        self.write({"entry_id": entry.id, "comment": False})
        return entry

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Create Interaction"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    # ------------------------------------------------------------------
    # buttons
    # ------------------------------------------------------------------
    @api.model
    def action_start(self, partner):
        """Open the wizard on a contact."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Create Interaction"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_partner_id": partner.id},
        }

    def action_finish(self):
        """Log the interaction, then offer to create an opportunity."""
        self.ensure_one()
        self._save_entry(postponed=False)
        if self.entry_id.lead_id:
            return {"type": "ir.actions.act_window_close"}
        self.state = "offer_opportunity"
        return self._reopen()

    def action_cancel(self):
        """Cancelling asks whether to finish the interaction later."""
        self.ensure_one()
        self.state = "confirm_cancel"
        return self._reopen()

    def action_back(self):
        self.ensure_one()
        self.state = "edit"
        return self._reopen()

    def action_finish_later(self):
        """Log the interaction as postponed, to be resumed from its list."""
        self.ensure_one()
        self._save_entry(postponed=True)
        return {"type": "ir.actions.act_window_close"}

    def action_discard(self):
        return {"type": "ir.actions.act_window_close"}

    def action_create_opportunity(self):
        self.ensure_one()
        if not self.entry_id:
            raise UserError(self.env._("Finish the interaction first."))
        return self.entry_id.action_create_opportunity()

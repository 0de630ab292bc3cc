# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.safe_eval import safe_eval


class CrmSegmentLogWizard(models.TransientModel):
    """Log Segment: one interaction per line, at once."""

    _name = "crm.segment.log.wizard"
    _description = "Log Segment"

    segment_id = fields.Many2one(comodel_name="crm.segment", required=True)
    send_attachments = fields.Boolean(
        help="E-mail the template's attachment, in each contact's language, to the "
        "lines whose correspondence type is e-mail."
    )
    create_followup = fields.Boolean(
        string="Create Follow-up Segment",
        help='A new segment "Follow-up on segment ..." with the same contacts.',
    )

    def action_log(self):
        self.ensure_one()
        logged, followup = self.segment_id._log(
            send_attachments=self.send_attachments,
            create_followup=self.create_followup,
        )
        record = followup or logged
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }


class CrmSegmentContactsWizard(models.TransientModel):
    """Add, remove or refine the contacts of a segment with a filter."""

    _name = "crm.segment.contacts.wizard"
    _description = "Segment Contacts"

    segment_id = fields.Many2one(comodel_name="crm.segment", required=True)
    mode = fields.Selection(
        selection=[
            ("add", "Add Contacts"),
            ("remove", "Remove Contacts"),
            ("refine", "Refine Contacts"),
        ],
        required=True,
        default="add",
        help="Add: the contacts that match. Remove: the lines whose contact matches. "
        "Refine: keep only the lines whose contact matches.",
    )
    category_ids = fields.Many2many(
        comodel_name="res.partner.category",
        relation="crm_segment_contacts_wizard_tag_rel",
        column1="wizard_id",
        column2="category_id",
        string="Tags",
    )
    country_ids = fields.Many2many(
        comodel_name="res.country",
        relation="crm_segment_contacts_wizard_country_rel",
        column1="wizard_id",
        column2="country_id",
        string="Countries",
    )
    user_ids = fields.Many2many(
        comodel_name="res.users",
        relation="crm_segment_contacts_wizard_user_rel",
        column1="wizard_id",
        column2="user_id",
        string="Salespeople",
    )
    company_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="crm_segment_contacts_wizard_company_rel",
        column1="wizard_id",
        column2="partner_id",
        string="Companies",
        domain=[("is_company", "=", True)],
    )
    domain = fields.Char(
        string="Other Conditions",
        default="[]",
        help="Any domain on contacts, e.g. [('city', '=', 'Oslo')].",
    )
    include_persons = fields.Boolean(
        string="Include Company Persons",
        help="Add the persons of the companies that match with them.",
    )

    def _partner_domain(self):
        self.ensure_one()
        try:
            domain = safe_eval(self.domain or "[]")
        except (SyntaxError, ValueError, TypeError, NameError, ZeroDivisionError) as e:
            raise UserError(
                self.env._(
                    "The conditions %(domain)s are not a valid domain.",
                    domain=self.domain,
                )
            ) from e
        if not isinstance(domain, list | tuple):
            raise UserError(
                self.env._(
                    "The conditions %(domain)s are not a valid domain.",
                    domain=self.domain,
                )
            )
        domain = list(domain)
        if self.category_ids:
            domain.append(("category_id", "in", self.category_ids.ids))
        if self.country_ids:
            domain.append(("country_id", "in", self.country_ids.ids))
        if self.user_ids:
            domain.append(("user_id", "in", self.user_ids.ids))
        if self.company_ids:
            domain.append(("commercial_partner_id", "in", self.company_ids.ids))
        return domain

    def _matching_partners(self):
        Partner = self.env["res.partner"]
        try:
            partners = Partner.search(self._partner_domain())
        except (ValueError, TypeError, KeyError) as e:
            raise UserError(
                self.env._("The conditions cannot filter contacts: %(error)s", error=e)
            ) from e
        if self.include_persons:
            partners |= Partner.search(
                [("parent_id", "in", partners.filtered("is_company").ids)]
            )
        return partners

    def action_apply(self):
        self.ensure_one()
        segment = self.segment_id
        segment._check_open()
        partners = self._matching_partners()
        if self.mode == "add":
            segment._add_partners(partners)
        else:
            # the lines to drop are searched, not loaded: segments can be huge
            operator = "in" if self.mode == "remove" else "not in"
            self.env["crm.segment.line"].search(
                [
                    ("segment_id", "=", segment.id),
                    ("partner_id", operator, partners.ids),
                ]
            ).unlink()
        return {"type": "ir.actions.act_window_close"}


class CrmSegmentAddWizard(models.TransientModel):
    """Add to Segment: the contacts selected in the contacts list."""

    _name = "crm.segment.add.wizard"
    _description = "Add to Segment"

    segment_id = fields.Many2one(
        comodel_name="crm.segment",
        domain=[("state", "=", "draft")],
        help="Leave empty to create a new segment.",
    )
    description = fields.Char(string="New Segment Description")
    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="crm_segment_add_wizard_partner_rel",
        column1="wizard_id",
        column2="partner_id",
        string="Contacts",
        default=lambda self: self._default_partner_ids(),
    )
    include_persons = fields.Boolean(string="Include Company Persons")

    @api.model
    def _default_partner_ids(self):
        if self.env.context.get("active_model") == "res.partner":
            return [Command.set(self.env.context.get("active_ids") or [])]
        return []

    def action_add(self):
        self.ensure_one()
        if not self.partner_ids:
            raise UserError(self.env._("Select the contacts to add."))
        segment = self.segment_id or self.env["crm.segment"].create(
            {"description": self.description}
        )
        partners = self.partner_ids
        if self.include_persons:
            partners |= self.env["res.partner"].search(
                [("parent_id", "in", partners.filtered("is_company").ids)]
            )
        segment._add_partners(partners)
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.segment",
            "res_id": segment.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

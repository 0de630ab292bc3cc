# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math

import psycopg2

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

from ..models.input_check import MAX_INTEGER, check_date

# the operators whose value Odoo turns into a pattern (any value goes)
PATTERN_OPERATORS = ("like", "not like", "ilike", "not ilike", "=like", "=ilike")


def _field_of(model, path):
    """The field the path of a condition (``name`` or ``name.name...``)
    ends on; None when Odoo does not know it (it says so itself)."""
    field = None
    for name in path.split("."):
        if field is not None:
            if not field.relational:
                return None
            model = model.env[field.comodel_name]
        field = model._fields.get(name)
        if field is None:
            return None
    return field


def _fits(model, field, value):
    """Whether the database can compare ``field`` (of ``model``) with
    ``value``."""
    if value is False or value is None:
        return True
    kind = field.type
    if kind in ("integer", "many2one", "one2many", "many2many"):
        if isinstance(value, str):
            return kind != "integer"  # a name, which Odoo searches
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and abs(value) <= MAX_INTEGER
        )
    if kind in ("float", "monetary"):
        return (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
        )
    if kind in ("date", "datetime"):
        try:
            check_date(model, field, value)
        except ValidationError:
            return False
        return True
    if kind in ("char", "text", "html", "selection"):
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    return True


class CrmSegmentLogWizard(models.TransientModel):
    """Log Segment: one interaction per line, at once."""

    _name = "crm.segment.log.wizard"
    _inherit = "crm.interaction.checked.mixin"
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
    _inherit = "crm.interaction.checked.mixin"
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

    def _check_domain_values(self, model, domain):
        """Refuse a condition whose value the database cannot compare with
        its field (a word for a number or an id, a date that is not one, a
        number beyond the column): a clear error instead of the database's."""
        for leaf in domain:
            if not expression.is_leaf(leaf) or expression.is_boolean(leaf):
                continue  # operators, and what Odoo refuses clearly itself
            path, operator, value = expression.normalize_leaf(leaf)
            field = _field_of(model, path)
            if field is None or operator in PATTERN_OPERATORS:
                continue
            if operator in ("any", "not any"):
                if not field.relational or not isinstance(value, list | tuple):
                    raise UserError(
                        self.env._(
                            "The condition %(condition)s cannot filter contacts: "
                            "%(operator)s takes conditions on the records of "
                            "a relational field.",
                            condition=str(leaf),
                            operator=operator,
                        )
                    )
                self._check_domain_values(self.env[field.comodel_name], value)
                continue
            for item in value if isinstance(value, list | tuple) else [value]:
                if not _fits(model, field, item):
                    raise UserError(
                        self.env._(
                            "The condition %(condition)s cannot filter contacts: "
                            "%(field)s cannot be compared with %(value)r.",
                            condition=str(leaf),
                            field=field._description_string(self.env),
                            value=item,
                        )
                    )

    def _matching_partners(self):
        Partner = self.env["res.partner"]
        domain = self._partner_domain()
        self._check_domain_values(Partner, domain)
        try:
            # what the checks above do not foresee is refused by the
            # database: undone, and the user told
            with self.env.cr.savepoint():
                partners = Partner.search(domain)
        except (ValueError, TypeError, KeyError, psycopg2.Error) as e:
            error = e.diag.message_primary if isinstance(e, psycopg2.Error) else e
            raise UserError(
                self.env._(
                    "The conditions cannot filter contacts: %(error)s", error=error
                )
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
    _inherit = "crm.interaction.checked.mixin"
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

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import math

import psycopg2

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.misc import format_date
from odoo.tools.safe_eval import safe_eval

from ..models.input_check import MAX_INTEGER, check_date
from ..models.utm_campaign import COUNTED

# how many names the words of a criterion naming more records show
NAMES_SHOWN = 5

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


def _ids_in(value):
    """The ids of a criterion's stored value (a list of ids), None when it
    is not one."""
    values = value if isinstance(value, list) else [value]
    if all(
        isinstance(id_, int) and not isinstance(id_, bool) and 0 < id_ <= MAX_INTEGER
        for id_ in values
    ):
        return values
    return None


class CrmSegmentCriteriaWizardMixin(models.AbstractModel):
    """A wizard that selects contacts for a segment step: its values are the
    step's criteria (``crm.segment.criteria.mixin.criteria``), said in words
    and applied again by Reuse Criteria. A field added to the wizard, by this
    module or another, is a criterion of its own."""

    _name = "crm.segment.criteria.wizard.mixin"
    _description = "Segment Criteria Wizard"
    # the wizard's fields that are not criteria
    _criteria_excluded = ("segment_id",)

    @api.model
    def _criteria_fields(self):
        return [
            field
            for name, field in self._fields.items()
            if field.store
            and not field.automatic
            and name not in self._criteria_excluded
        ]

    def _criteria(self):
        """The values the user chose (those that are not the defaults), as
        JSON: many2many as lists of ids, dates as text."""
        self.ensure_one()
        fields_ = self._criteria_fields()
        defaults = self.default_get([field.name for field in fields_])
        criteria = {}
        for field in fields_:
            value = self[field.name]
            if not value:
                continue
            if field.relational:
                value = value.ids
            elif field.type in ("date", "datetime"):
                value = field.to_string(value)
            elif value == defaults.get(field.name):
                continue
            criteria[field.name] = value
        return criteria

    @api.model
    def _criteria_values(self, criteria):
        """The wizard's values of stored ``criteria``. Records deleted since
        are dropped; a criterion left without any is refused, as it would
        select other contacts than it did."""
        criteria = criteria if isinstance(criteria, dict) else {}
        values = {}
        for field in self._criteria_fields():
            if field.name not in criteria:
                continue
            value = criteria[field.name]
            ids = _ids_in(value) if field.relational else None
            if ids == []:
                continue
            if ids is None:
                # what is not ids is for the wizard to refuse (check_values)
                values[field.name] = value
                continue
            records = self.env[field.comodel_name].browse(ids).exists()
            if not records:
                raise UserError(
                    self.env._(
                        "The %(field)s of these criteria were deleted since they "
                        "were saved: without them, the criteria would select other "
                        "contacts.",
                        field=field._description_string(self.env),
                    )
                )
            if field.type == "many2one":
                values[field.name] = records.id
            else:
                values[field.name] = [Command.set(records.ids)]
        return values

    @api.model
    def _criteria_words(self, criteria):
        """Stored ``criteria`` in words, one phrase a criterion: "Tags VIP"."""
        criteria = criteria if isinstance(criteria, dict) else {}
        words = []
        for field in self._criteria_fields():
            value = criteria.get(field.name)
            if value in (None, False, "", []):
                continue
            text = self._criterion_text(field, value)
            if text is True:
                words.append(field._description_string(self.env))
            elif text:
                words.append(
                    self.env._(
                        "%(field)s %(value)s",
                        field=field._description_string(self.env),
                        value=text,
                    )
                )
        return words

    @api.model
    def _criterion_text(self, field, value):
        """The stored ``value`` of ``field`` as the user reads it; True for a
        box ticked."""
        if field.type == "boolean":
            return value is True
        if field.relational:
            ids = _ids_in(value)
            records = self.env[field.comodel_name].browse(ids or []).exists()
            # the names of the records the user may read
            names = (
                records[:NAMES_SHOWN]._filtered_access("read").mapped("display_name")
            )
            if len(records) > NAMES_SHOWN:
                return self.env._(
                    "%(names)s and %(count)s more",
                    names=", ".join(names),
                    count=len(records) - NAMES_SHOWN,
                )
            return ", ".join(names)
        if field.type == "selection" and isinstance(value, str):
            return dict(field._description_selection(self.env)).get(value, value)
        if field.type == "date":
            try:
                return format_date(self.env, value)
            except (ValueError, TypeError):
                return str(value)
        return str(value)

    @api.model
    def _replay_values(self, segment, mode):
        """The values of the wizard that applies a step of ``mode`` to
        ``segment`` again, besides the criteria."""
        return {"segment_id": segment.id}

    @api.model
    def _replay(self, segment, mode, criteria):
        """Apply the step of ``mode`` with stored ``criteria`` to ``segment``
        as the wizard does: checked as the user's own values are."""
        values = dict(self._criteria_values(criteria))
        values.update(self._replay_values(segment, mode))
        return self.create(values)._apply()

    def _apply(self):
        """Apply the wizard to its segment as a step; returns the segment."""
        raise NotImplementedError()


class CrmSegmentContactsWizard(models.TransientModel):
    """Add, remove or refine the contacts of a segment with a filter."""

    _name = "crm.segment.contacts.wizard"
    _inherit = [
        "crm.interaction.checked.mixin",
        "crm.segment.criteria.wizard.mixin",
    ]
    _description = "Segment Contacts"
    _criteria_excluded = ("segment_id", "mode")
    # the fields of the interaction criterion, said in one phrase
    _interaction_fields = (
        "interaction_condition",
        "interaction_template_ids",
        "interaction_group_ids",
        "interaction_date_from",
        "interaction_date_to",
    )

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
    interaction_condition = fields.Selection(
        selection=[
            ("had", "had an interaction"),
            ("had_not", "had no interaction"),
        ],
        string="Interactions",
        help="The contacts that had, or had not, an interaction (neither "
        "canceled nor postponed) of the templates and groups given, within the "
        "period given; either date may be left empty. Only the interactions "
        "you may see count: a salesperson who sees his own documents only "
        "selects by his own interactions.",
    )
    interaction_template_ids = fields.Many2many(
        comodel_name="crm.interaction.template",
        relation="crm_segment_contacts_wizard_template_rel",
        column1="wizard_id",
        column2="template_id",
        string="Interaction Templates",
        help="Any of these templates; empty: any template.",
    )
    interaction_group_ids = fields.Many2many(
        comodel_name="crm.interaction.group",
        relation="crm_segment_contacts_wizard_group_rel",
        column1="wizard_id",
        column2="group_id",
        string="Interaction Groups",
        help="Any of these groups; empty: any group.",
    )
    interaction_date_from = fields.Date(string="Interactions From")
    interaction_date_to = fields.Date(string="Interactions To")

    @api.constrains("interaction_date_from", "interaction_date_to")
    def _check_interaction_period(self):
        for wizard in self:
            if (
                wizard.interaction_date_from
                and wizard.interaction_date_to
                and wizard.interaction_date_from > wizard.interaction_date_to
            ):
                raise ValidationError(
                    self.env._(
                        "The period of the interactions starts on %(start)s, after "
                        "its end on %(end)s.",
                        start=format_date(self.env, wizard.interaction_date_from),
                        end=format_date(self.env, wizard.interaction_date_to),
                    )
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
        if self.interaction_condition:
            contacts = self._interaction_contacts()
            operator = "in" if self.interaction_condition == "had" else "not in"
            domain.append(("id", operator, contacts))
        return domain

    def _interaction_contacts(self):
        """The contacts of the entries of the interaction criteria, as a
        subquery: the user's record rules on entries apply. The dates are
        whole days in UTC (the statistics' periods are days in the user's
        timezone)."""
        self.ensure_one()
        entries = list(COUNTED)
        if self.interaction_template_ids:
            entries.append(("template_id", "in", self.interaction_template_ids.ids))
        if self.interaction_group_ids:
            entries.append(("group_id", "in", self.interaction_group_ids.ids))
        if self.interaction_date_from:
            entries.append(
                (
                    "date",
                    ">=",
                    datetime.datetime.combine(
                        self.interaction_date_from, datetime.time.min
                    ),
                )
            )
        if self.interaction_date_to:
            entries.append(
                (
                    "date",
                    "<",
                    datetime.datetime.combine(
                        self.interaction_date_to + datetime.timedelta(days=1),
                        datetime.time.min,
                    ),
                )
            )
        Entry = self.env["crm.interaction.log.entry"]
        return Entry._search(entries).subselect(
            SQL.identifier(Entry._table, "partner_id")
        )

    @api.model
    def _criteria_words(self, criteria):
        criteria = criteria if isinstance(criteria, dict) else {}
        words = super()._criteria_words(
            {
                name: value
                for name, value in criteria.items()
                if name not in self._interaction_fields
            }
        )
        if criteria.get("interaction_condition"):
            words.append(self._interaction_words(criteria))
        return words

    @api.model
    def _interaction_words(self, criteria):
        """The interaction criterion: "had an interaction of templates X
        from ... to ..."."""

        def text(name):
            value = criteria.get(name)
            return value and self._criterion_text(self._fields[name], value)

        words = [text("interaction_condition")]
        if text("interaction_template_ids"):
            words.append(
                self.env._(
                    "of templates %(names)s", names=text("interaction_template_ids")
                )
            )
        if text("interaction_group_ids"):
            words.append(
                self.env._("in groups %(names)s", names=text("interaction_group_ids"))
            )
        if text("interaction_date_from"):
            words.append(
                self.env._("from %(date)s", date=text("interaction_date_from"))
            )
        if text("interaction_date_to"):
            words.append(self.env._("to %(date)s", date=text("interaction_date_to")))
        return " ".join(words)

    def _check_domain_values(self, model, domain):
        """Refuse a condition whose value the database cannot compare with
        its field (a word for a number or an id, a date that is not one, a
        number beyond the column): a clear error instead of the database's."""
        for leaf in domain:
            if not expression.is_leaf(leaf) or expression.is_boolean(leaf):
                continue  # operators, and what Odoo refuses clearly itself
            path, operator, value = expression.normalize_leaf(leaf)
            if isinstance(value, SQL):
                continue  # a subquery of the wizard's own criteria
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
        self._apply()
        return {"type": "ir.actions.act_window_close"}

    def _apply(self):
        self.ensure_one()
        segment = self.segment_id
        segment._check_open()
        segment._apply_step(self.mode, self._criteria(), self._matching_partners())
        return segment

    @api.model
    def _replay_values(self, segment, mode):
        return dict(super()._replay_values(segment, mode), mode=mode)


class CrmSegmentAddWizard(models.TransientModel):
    """Add to Segment: the contacts selected in the contacts list."""

    _name = "crm.segment.add.wizard"
    _inherit = [
        "crm.interaction.checked.mixin",
        "crm.segment.criteria.wizard.mixin",
    ]
    _description = "Add to Segment"
    _criteria_excluded = ("segment_id", "description")

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
        segment = self._apply()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.segment",
            "res_id": segment.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _apply(self):
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
        segment._apply_step("add_selected", self._criteria(), partners)
        return segment


class CrmSegmentCriteriaSaveWizard(models.TransientModel):
    """Save Criteria: the steps of a segment, under a code."""

    _name = "crm.segment.criteria.save.wizard"
    _inherit = "crm.interaction.checked.mixin"
    _description = "Save Segment Criteria"

    segment_id = fields.Many2one(comodel_name="crm.segment", required=True)
    code = fields.Char(required=True, size=10)
    name = fields.Char(string="Description", required=True)

    def action_save(self):
        self.ensure_one()
        segment = self.segment_id
        if not segment.step_ids:
            raise UserError(
                self.env._(
                    "Segment %(segment)s has no criteria to save.",
                    segment=segment.name,
                )
            )
        saved = self.env["crm.segment.saved.criteria"].create(
            {
                "code": self.code,
                "name": self.name,
                "company_id": (segment.company_id or self.env.company).id,
                "line_ids": [
                    Command.create(
                        {"sequence": n, "mode": step.mode, "criteria": step.criteria}
                    )
                    for n, step in enumerate(segment.step_ids)
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": saved._name,
            "res_id": saved.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }


class CrmSegmentCriteriaReuseWizard(models.TransientModel):
    """Reuse Criteria: the steps of saved criteria, applied to a segment."""

    _name = "crm.segment.criteria.reuse.wizard"
    _inherit = "crm.interaction.checked.mixin"
    _description = "Reuse Segment Criteria"

    segment_id = fields.Many2one(comodel_name="crm.segment", required=True)
    saved_criteria_id = fields.Many2one(
        comodel_name="crm.segment.saved.criteria", required=True
    )

    def action_reuse(self):
        self.ensure_one()
        self.segment_id._check_open()
        steps = self.saved_criteria_id.line_ids
        if not steps:
            raise UserError(
                self.env._(
                    "The saved criteria %(criteria)s have no steps.",
                    criteria=self.saved_criteria_id.display_name,
                )
            )
        steps._apply_to(self.segment_id)
        return {"type": "ir.actions.act_window_close"}

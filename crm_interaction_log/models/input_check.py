# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Values from outside (the web client, XML-RPC, imports) are checked against
their fields before anything is written, so that a wrong value gets a clear,
translated error instead of a database or Python error.

Only what Odoo does not refuse clearly itself: a value of the wrong type, a
selection key or a size it does not have (Odoo would cut the string), a NUL
character, a number beyond its column; a missing required value, a record that
does not exist and a duplicate, which Odoo lets the database refuse (a failed
query logged as an error on the server, a message naming neither the field
nor the value); a file the user may not read. The company of a linked record
is Odoo's ``check_company``; costs and durations are checked here only
(``_interaction_non_negative``)."""

import base64
import binascii
import datetime
import math
import re
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

MAX_FLOAT = 1e12  # far above any cost or duration, inside numeric(16, 2)
MAX_INTEGER = 2**31 - 1
# the days a date may have: one away from the calendar's ends
FIRST_DAY = datetime.date(1, 1, 2).toordinal()
LAST_DAY = datetime.date(9999, 12, 30).toordinal()

# The checks below take the model they check as ``self`` and translate with
# ``self.env._``: the error speaks the language of the user who wrote the value.


def label(self, field):
    """The field's label in the user's language."""
    return field._description_string(self.env)


def _invalid(self, field, value):
    return ValidationError(
        self.env._(
            "%(field)s: %(value)r is not a valid value.",
            field=label(self, field),
            value=value,
        )
    )


def check_date(self, field, value):
    """A date Odoo reads, and that stays a date in every time zone (read in
    Kathmandu, 9999-12-31 would be in the year 10000)."""
    try:
        if isinstance(value, datetime.date):
            day = value
        elif not isinstance(value, str):
            raise ValueError(value)
        elif field.type == "datetime" and len(value) > 10:
            day = fields.Datetime.to_datetime(value)
        else:
            day = fields.Date.to_date(value)
        if not FIRST_DAY <= day.toordinal() <= LAST_DAY:
            raise ValueError(value)
    except (ValueError, TypeError, OverflowError) as error:
        raise _invalid(self, field, value) from error


def _check_binary(self, field, value):
    """A file's content comes as base64 text."""
    if value is False or value is None:
        return
    try:
        if not isinstance(value, str | bytes):
            raise TypeError(value)
        base64.b64decode(value, validate=True)
    except (TypeError, ValueError, binascii.Error) as error:
        raise ValidationError(
            self.env._(
                "%(field)s: the file's content is not base64 text.",
                field=label(self, field),
            )
        ) from error


def _is_id(value):
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and 0 < value <= MAX_INTEGER
    )


def _existing(self, vals_list):
    """{comodel: ids that exist} of the many2one values of ``vals_list``: one
    query per comodel for a whole batch, not one per value."""
    wanted = defaultdict(set)
    for vals in vals_list:
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is not None and field.type == "many2one" and _is_id(value):
                wanted[field.comodel_name].add(value)
    return {
        model: set(self.env[model].sudo().browse(ids).exists().ids)
        for model, ids in wanted.items()
    }


def _check_value(self, field, value, existing=None):
    if field.type in ("float", "monetary"):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or abs(value) > MAX_FLOAT
        ):
            raise _invalid(self, field, value)
    elif field.type == "integer":
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or abs(value) > MAX_INTEGER
        ):
            raise _invalid(self, field, value)
    elif field.type in ("char", "text", "html", "selection"):
        if not isinstance(value, str) or "\x00" in value:
            raise _invalid(self, field, value)
        if getattr(field, "size", None) and len(value) > field.size:
            # Odoo would cut the value to its size: two codes that differ only
            # past it would then be the same code
            raise ValidationError(
                self.env._(
                    "%(field)s: %(value)r is longer than %(size)s characters.",
                    field=label(self, field),
                    value=value[: field.size + 20],
                    size=field.size,
                )
            )
        if field.type == "selection":
            allowed = [key for key, _label in field._description_selection(self.env)]
            if value not in allowed:
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(value)r is not one of the allowed values "
                        "(%(allowed)s).",
                        field=label(self, field),
                        value=value,
                        allowed=", ".join(allowed),
                    )
                )
    elif field.type == "many2one":
        if not _is_id(value) or (
            value not in existing.get(field.comodel_name, ())
            if existing is not None
            else not self.env[field.comodel_name].sudo().browse(value).exists()
        ):
            raise ValidationError(
                self.env._(
                    "%(field)s: there is no record %(value)r.",
                    field=label(self, field),
                    value=value,
                )
            )
        if field.comodel_name == "ir.attachment" and not self.env.is_superuser():
            # a file is linked by whoever may read it: its content is then
            # shown and sent with the record that links it
            _check_readable(self.env["ir.attachment"].browse(value))
    elif field.type in ("date", "datetime"):
        check_date(self, field, value)
    elif field.type == "boolean":
        if not isinstance(value, bool | int) and value is not None:
            raise _invalid(self, field, value)


# the commands a many2many of the module takes: links, never new or changed
# records of another model; a one2many also takes its own lines' values
LINK_COMMANDS = (Command.UNLINK, Command.LINK, Command.CLEAR, Command.SET)
LINE_COMMANDS = LINK_COMMANDS + (Command.CREATE, Command.UPDATE, Command.DELETE)


def _check_x2many(self, field, value):
    """An x2many value is a list of ids (a many2many's) or of the commands the
    field takes, whose arguments are what Odoo expects; the records it names
    exist and the user may read them."""
    linked = self.env[field.comodel_name].browse(_x2many_ids(self, field, value))
    if linked.exists() != linked:
        raise ValidationError(
            self.env._(
                "%(field)s: there is no record %(value)r.",
                field=label(self, field),
                value=value,
            )
        )
    if not self.env.su:
        _check_readable(linked)


def _x2many_ids(self, field, value):
    """The ids the x2many ``value`` names."""
    if value is False or value is None:
        return []
    if not isinstance(value, list | tuple):
        raise _invalid(self, field, value)
    if field.type == "many2many" and value and not isinstance(value[0], list | tuple):
        if not all(_is_id(id_) for id_ in value):
            raise _invalid(self, field, value)
        return list(value)
    allowed = LINE_COMMANDS if field.type == "one2many" else LINK_COMMANDS
    ids = []
    for command in value:
        ids += _command_ids(self, field, command, allowed)
    return ids


def _command_ids(self, field, command, allowed):
    """The ids of one x2many command."""
    if not isinstance(command, list | tuple) or not command:
        raise _invalid(self, field, command)
    code, args = command[0], [*command[1:], None, None]
    if isinstance(code, bool) or code not in allowed:
        raise _invalid(self, field, command)
    if code == Command.CREATE and isinstance(args[1], dict):
        return []
    if code == Command.UPDATE and _is_id(args[0]) and isinstance(args[1], dict):
        return [args[0]]
    if code in (Command.DELETE, Command.UNLINK, Command.LINK) and _is_id(args[0]):
        return [args[0]]
    if code == Command.CLEAR:
        return []
    if (
        code == Command.SET
        and isinstance(args[1], list | tuple)
        and all(_is_id(id_) for id_ in args[1])
    ):
        return list(args[1])
    raise _invalid(self, field, command)


def client_records(model, value):
    """The records of ``model`` that ``value`` stands for, given to a method a
    client calls: a recordset (as the module's code passes them), an id or a
    list of ids (as a client sends them). They must exist and the user must be
    allowed to read them."""
    if isinstance(value, models.BaseModel):
        if value._name != model._name:
            raise _not_records(model, value)
        records = value
    else:
        ids = list(value) if isinstance(value, list | tuple) else [value]
        if not all(_is_id(id_) for id_ in ids):
            raise _not_records(model, value)
        records = model.browse(ids)
    if records.exists() != records:
        raise _not_records(model, value)
    _check_readable(records)
    return records


def _not_records(model, value):
    return UserError(
        model.env._(
            "%(value)r does not stand for records of %(model)s.",
            value=value,
            model=model.env["ir.model"]._get(model._name).name,
        )
    )


def _check_readable(records):
    """Raise an AccessError unless the user may read ``records``; a file
    also by its own rules (the record it is attached to)."""
    if not records:
        return  # an empty recordset would check the model's access rights
    records.check_access("read")
    if records._name == "ir.attachment":
        records.check("read")


def check_written(records, vals_list):
    """What a user wrote is still his after the write: Odoo checks record
    rules on the records as they were before a write, not on what the write
    made of them. So the records must still be his to write under his record
    rules (not moved into another company, to another salesperson's entry),
    and every record they were linked to by ``vals_list`` one he may read.
    The log's own code, which records as the superuser, writes what it must."""
    if records.env.su or not records:
        return
    records.check_access("write")
    linked = {
        name
        for vals in vals_list
        for name in vals
        if name in records._fields and records._fields[name].type == "many2one"
    }
    for name in linked:
        _check_readable(records.mapped(name))


def check_non_negative(self, vals):
    """Refuse negative values of the model's ``_interaction_non_negative`` fields
    (costs and durations) with a clear error before the database's CHECK
    constraint would refuse them with a technical one."""
    for name in getattr(self, "_interaction_non_negative", ()):
        value = vals.get(name)
        if isinstance(value, int | float) and value < 0:
            raise ValidationError(
                self.env._(
                    "%(field)s cannot be negative (%(value)s given).",
                    field=label(self, self._fields[name]),
                    value=value,
                )
            )


def check_create_values(self, vals_list):
    """``check_values`` of the values of a ``create``."""
    if not all(isinstance(vals, dict) for vals in vals_list):
        raise ValidationError(self.env._("The values to write must be a dictionary."))
    existing = _existing(self, vals_list)
    for vals in vals_list:
        check_values(self, vals, create=True, existing=existing)


def check_values(self, vals, create=False, existing=None):
    """Raise a ValidationError for the first value of ``vals`` that does not
    fit its field of the model ``self``, for a required field left blank (or, with
    ``create``, not given and without a default), and for a negative cost or
    duration."""
    if not isinstance(vals, dict):
        raise ValidationError(self.env._("The values to write must be a dictionary."))
    if create:
        missing = [
            name
            for name, field in self._fields.items()
            if field.required
            and field.store
            and not field.compute
            and not field.related
            and name not in vals
        ]
        defaults = self.default_get(missing) if missing else {}
        for name in missing:
            if name not in defaults:
                raise ValidationError(
                    self.env._("%s is required.", label(self, self._fields[name]))
                )
    for name, value in vals.items():
        field = self._fields.get(name)
        if field is not None and field.type in ("one2many", "many2many"):
            _check_x2many(self, field, value)
            continue
        if field is not None and field.type == "binary":
            _check_binary(self, field, value)
            continue
        if field is None or field.type in (
            "reference",
            "json",
            "properties",
            "properties_definition",
        ):
            continue
        if value is False or value is None or (value == "" and field.type != "boolean"):
            if field.required:
                raise ValidationError(self.env._("%s is required.", label(self, field)))
            continue
        _check_value(self, field, value, existing)
    check_non_negative(self, vals)
    _check_unique(self, vals, create)


def _check_unique(self, vals, create):
    """The model's ``unique(...)`` SQL constraints, checked before writing so
    that a clash is a clear error (and no failed query on the server)."""
    for _name, definition, message in self._sql_constraints:
        match = re.match(r"\s*unique\s*\(([^)]*)\)", definition, re.I)
        if not match:
            continue
        names = [name.strip() for name in match.group(1).split(",")]
        if not any(name in vals for name in names):
            continue
        if create:
            defaults = self.default_get([n for n in names if n not in vals])
            rows = [(self.browse(), dict(defaults, **vals))]
        else:
            rows = [(record, vals) for record in self]
        for record, values in rows:
            key = {}
            for name in names:
                value = values[name] if name in values else record[name]
                key[name] = value.id if isinstance(value, models.BaseModel) else value
            if any(value in (False, None) for value in key.values()):
                continue  # NULLs never clash in a unique constraint
            domain = [(name, "=", value) for name, value in key.items()]
            if record:
                domain.append(("id", "!=", record.id))
            if self.sudo().with_context(active_test=False).search_count(domain):
                raise ValidationError(_constraint_message(self, _name, message))


def _constraint_message(self, name, message):
    """The message of the model's SQL constraint ``name`` in the user's
    language: Odoo keeps the translations of constraint messages on the
    constraint's record (``ir.model.constraint``), not among the code terms."""
    self.env.cr.execute(
        "SELECT COALESCE(message->>%s, message->>'en_US') FROM ir_model_constraint "
        "WHERE name = %s AND type = 'u'",
        (self.env.lang or "en_US", f"{self._table}_{name}"),
    )
    row = self.env.cr.fetchone()
    return (row and row[0]) or message


class CrmInteractionCheckedMixin(models.AbstractModel):
    """Checks the values of ``create`` and ``write`` with ``check_values``,
    and what they wrote with ``check_written``."""

    _name = "crm.interaction.checked.mixin"
    _description = "Interaction Values Checked"

    @api.model_create_multi
    def create(self, vals_list):
        check_create_values(self, vals_list)
        records = super().create(vals_list)
        check_written(records, vals_list)
        return records

    def write(self, vals):
        check_values(self, vals)
        res = super().write(vals)
        check_written(self, [vals])
        return res

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models
from odoo.exceptions import UserError

from .switches import AUDIT_FIELDS, is_switched


class CrmInteractionAuditMixin(models.AbstractModel):
    """Fields that record what happened, which only the interaction log
    writes: users give none of them to ``create`` or ``write``; the module's
    own code writes them inside ``switched(AUDIT_FIELDS)``, around that write
    only. A record once logged may stay closed to every change but those of
    ``_audit_logged_writable``."""

    _name = "crm.interaction.audit.mixin"
    _description = "Interaction Log Audit Fields"

    # True: only the log creates records of the model, users none
    _audit_created_by_log = False
    # the fields users still change on a logged record; None: every field
    # outside the audit fields
    _audit_logged_writable = None

    @api.model
    def _audit_field_names(self):
        """The fields that record what happened; a module that records more of
        it adds its fields here."""
        return ()

    @api.model
    def _audit_default(self, name, value):
        """Whether ``value`` of the audit field ``name`` is the value a new
        record has anyway, which a client sending every field may give."""
        return value in (False, None, 0, "")

    def _audit_logged(self):
        """The records of ``self`` that are logged: closed to changes but
        those of ``_audit_logged_writable``."""
        return self.browse()

    @api.model
    def _audit_error(self, names):
        """The error that refuses values of the audit fields ``names`` (their
        labels; none when the record itself is refused), in the model's words."""
        raise NotImplementedError

    @api.model
    def _check_audit_fields(self, vals, create=False):
        """Refuse values of the fields that record what happened, unless the
        module's own code writes them. A new record may leave them at their
        defaults. The data files of the module, loaded while the registry is
        being built (demo data of printed documents, canceled entries), are the
        module's own too: no request reaches a registry that is not ready."""
        if is_switched(AUDIT_FIELDS) or not self.pool.ready:
            return
        if create and self._audit_created_by_log:
            raise self._audit_error([])
        forged = [
            name
            for name in self._audit_field_names()
            if name in vals and not (create and self._audit_default(name, vals[name]))
        ]
        if forged:
            raise self._audit_error(
                [self._fields[name]._description_string(self.env) for name in forged]
            )

    def _check_logged_fields(self, vals):
        """A logged record stays as it was logged: users change only
        ``_audit_logged_writable``, unless the module's own code writes."""
        if self._audit_logged_writable is None or is_switched(AUDIT_FIELDS):
            return
        locked = [name for name in vals if name not in self._audit_logged_writable]
        logged = self._audit_logged() if locked else self.browse()
        if logged:
            names = [
                self._fields[name]._description_string(self.env)
                if name in self._fields
                else name
                for name in locked
            ]
            raise UserError(
                self.env._(
                    "%(fields)s of interaction %(entries)s cannot be changed: a "
                    "logged interaction stays as it was logged. Cancel it and "
                    "create a new interaction instead; evaluation, comments, "
                    "tasks and opportunities go through its actions.",
                    fields=", ".join(names),
                    entries=", ".join(logged.mapped("display_name")[:10]),
                )
            )

    @api.model
    def _complete_values(self, vals):
        """What the log itself adds to the values of a new record, after they
        were checked (its number, ...)."""
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_audit_fields(vals, create=True)
        return super().create([self._complete_values(vals) for vals in vals_list])

    def write(self, vals):
        self._check_audit_fields(vals)
        self._check_logged_fields(vals)
        return super().write(vals)

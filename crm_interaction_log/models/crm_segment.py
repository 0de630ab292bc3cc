# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .crm_interaction_template import (
    CORRESPONDENCE_TYPE,
    INFORMATION_FLOW,
    INITIATED_BY,
    _lang_get,
)
from .crm_segment_history import KEPT_LINE_COLUMNS
from .input_check import check_create_values, check_values, check_written
from .switches import AUDIT_FIELDS, SEGMENT_LOGGING, is_switched, switched

# Header fields the lines take over, and that "Apply to Lines" pushes down.
LINE_FIELDS = (
    "template_id",
    "unit_cost",
    "unit_duration",
    "date",
    "information_flow",
    "initiated_by",
    "lang",
    "subject",
    "description",
)


class CrmSegment(models.Model):
    """A list of contacts that receive the same interaction at once."""

    _name = "crm.segment"
    _description = "Segment"
    _interaction_non_negative = ("unit_cost", "unit_duration")
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="No.", required=True, readonly=True, copy=False, default="/"
    )
    description = fields.Char()
    # deleting a campaign looks its records up here
    campaign_id = fields.Many2one(comodel_name="utm.campaign", index="btree_not_null")
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        default=lambda self: self.env.user,
    )
    template_id = fields.Many2one(
        comodel_name="crm.interaction.template",
        string="Interaction Template",
        check_company=True,
    )
    unit_cost = fields.Float(digits=(16, 2))
    unit_duration = fields.Float(string="Unit Duration (Min.)")
    date = fields.Date(default=fields.Date.context_today)
    information_flow = fields.Selection(selection=INFORMATION_FLOW)
    initiated_by = fields.Selection(selection=INITIATED_BY)
    correspondence_type = fields.Selection(
        selection=CORRESPONDENCE_TYPE, string="Correspondence Type (Default)"
    )
    ignore_contact_correspondence_type = fields.Boolean(
        string="Ignore Contact Corres. Type"
    )
    lang = fields.Selection(selection=_lang_get, string="Language Code (Default)")
    subject = fields.Char(string="Subject (Default)")
    line_ids = fields.One2many(
        comodel_name="crm.segment.line",
        inverse_name="segment_id",
        string="Lines",
        copy=False,
    )
    # what Add / Remove / Refine Contacts and Add to Segment did, oldest
    # first: Go Back undoes the newest, Save Criteria keeps them
    step_ids = fields.One2many(
        comodel_name="crm.segment.step",
        inverse_name="segment_id",
        string="Criteria",
        readonly=True,
        copy=False,
    )
    line_count = fields.Integer(string="No. of Lines", compute="_compute_statistics")
    total_cost = fields.Float(
        string="Cost", compute="_compute_statistics", digits=(16, 2)
    )
    total_duration = fields.Float(
        string="Duration (Min.)", compute="_compute_statistics"
    )
    state = fields.Selection(
        selection=[("draft", "Open"), ("logged", "Logged")],
        default="draft",
        readonly=True,
        copy=False,
    )
    logged_segment_id = fields.Many2one(
        comodel_name="crm.logged.segment", readonly=True, copy=False
    )
    # how far the e-mails of its logging got
    send_state = fields.Selection(related="logged_segment_id.send_state")
    send_progress = fields.Float(
        string="E-mails Sent to the Queue", related="logged_segment_id.send_progress"
    )
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company
    )

    @api.depends("line_ids.unit_cost", "line_ids.unit_duration")
    def _compute_statistics(self):
        # One grouped query, never the lines themselves (segments can be huge).
        # The form's onchange computes on new records: their lines are the
        # saved record's (_origin).
        stats = {
            segment.id: (count, cost, duration)
            for segment, count, cost, duration in self.env[
                "crm.segment.line"
            ]._read_group(
                [("segment_id", "in", self._origin.ids)],
                ["segment_id"],
                ["__count", "unit_cost:sum", "unit_duration:sum"],
            )
        }
        for segment in self:
            count, cost, duration = stats.get(segment._origin.id, (0, 0.0, 0.0))
            segment.line_count = count
            segment.total_cost = cost
            segment.total_duration = duration

    @api.model
    def _template_values(self, template):
        """What a segment takes from its template."""
        values = template._interaction_defaults(
            cost="unit_cost", duration="unit_duration"
        )
        values["lang"] = template.lang
        return values

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if self.template_id:
            self.update(self._template_values(self.template_id))

    @api.onchange(*LINE_FIELDS)
    def _onchange_header_for_lines(self):
        if self.line_count:
            return {
                "warning": {
                    "title": self.env._("Segment lines"),
                    "message": self.env._(
                        "The lines keep their values. Save, then use "
                        '"Apply to Lines" to give them the new header values.'
                    ),
                }
            }

    @api.model_create_multi
    def create(self, vals_list):
        check_create_values(self, vals_list)
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("crm.segment") or "/"
                )
            if vals.get("template_id"):
                # what the form's onchange gives, for segments created
                # without the form (RPC, data files, "Add to Segment")
                template = self.env["crm.interaction.template"].browse(
                    vals["template_id"]
                )
                for name, value in self._template_values(template).items():
                    if name not in vals:
                        vals[name] = (
                            value.id if isinstance(value, models.BaseModel) else value
                        )
        segments = super().create(vals_list)
        check_written(segments, vals_list)
        return segments

    def write(self, vals):
        check_values(self, vals)
        if (
            not is_switched(SEGMENT_LOGGING)
            and set(vals) - {"description"}
            and any(segment.state == "logged" for segment in self)
        ):
            raise UserError(self.env._("A logged segment cannot be changed."))
        res = super().write(vals)
        check_written(self, [vals])
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_logged(self):
        if any(segment.state == "logged" for segment in self):
            raise UserError(
                self.env._(
                    "A logged segment cannot be deleted: its interactions "
                    "were logged. Cancel the logged segment instead."
                )
            )

    def _check_open(self):
        for segment in self:
            if segment.state == "logged":
                raise UserError(
                    self.env._(
                        "Segment %(segment)s is already logged.", segment=segment.name
                    )
                )

    def _line_defaults(self):
        """The values a new line takes from the header."""
        self.ensure_one()
        values = {name: self[name] for name in LINE_FIELDS}
        values["template_id"] = self.template_id.id
        if not values["lang"]:
            del values["lang"]  # the lines keep their contact's language
        return values

    # ------------------------------------------------------------------
    # filling
    # ------------------------------------------------------------------
    def _add_partners(self, partners, step=None):
        """Add contacts (records or ids) that are not on the segment yet;
        returns how many. The lines carry ``step``, the segment's step that
        adds them, whose Go Back deletes them.

        One INSERT ... SELECT, however many they are ("Add Contacts" of a
        100,000-contact filter): what the lines' ORM create computes is
        computed here in SQL -- the contact company, the contact's language
        (else the segment's), the header's values and the correspondence
        rule (``crm_segment_line.correspondence_rule``) -- and the access
        rights and record rules are checked as the ORM would."""
        self.ensure_one()
        ids = partners.ids if isinstance(partners, models.BaseModel) else partners
        ids = list(dict.fromkeys(ids))
        self._check_open()
        Line = self.env["crm.segment.line"]
        Line.check_access("create")
        if not ids:
            return 0
        self.env.flush_all()
        defaults = self._line_defaults()
        template = self.template_id
        rows = self.env.execute_query(
            SQL(
                """
            INSERT INTO crm_segment_line
                (segment_id, partner_id, commercial_partner_id, template_id,
                 unit_cost, unit_duration, date, information_flow, initiated_by,
                 lang, subject, description, correspondence_type,
                 wanted_correspondence_type, company_id, step_id,
                 create_uid, create_date, write_uid, write_date)
            SELECT %(segment)s, p.id, p.commercial_partner_id, %(template)s,
                   %(cost)s, %(duration)s, %(date)s, %(flow)s, %(initiated)s,
                   COALESCE(p.lang, %(lang)s), %(subject)s, %(description)s,
                   CASE WHEN r.wanted = 'email' AND COALESCE(p.email, '') = ''
                        THEN NULL ELSE r.wanted END,
                   r.wanted, %(company)s, %(step)s,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM unnest(%(ids)s::int[]) WITH ORDINALITY AS u(id, n)
              JOIN res_partner p ON p.id = u.id
             CROSS JOIN LATERAL (SELECT CASE
                       WHEN %(segment_ignores)s THEN %(segment_type)s
                       WHEN %(template_ignores)s
                            OR p.interaction_correspondence_type IS NULL
                           THEN COALESCE(%(template_type)s, %(segment_type)s)
                       ELSE p.interaction_correspondence_type
                   END AS wanted) r
             WHERE NOT EXISTS (SELECT 1 FROM crm_segment_line l
                                WHERE l.segment_id = %(segment)s
                                  AND l.partner_id = p.id)
             ORDER BY u.n
            RETURNING id""",
                segment=self.id,
                template=template.id or None,
                cost=defaults["unit_cost"],
                duration=defaults["unit_duration"],
                date=defaults["date"] or None,
                flow=defaults["information_flow"] or None,
                initiated=defaults["initiated_by"] or None,
                lang=self.lang or None,
                subject=defaults["subject"] or None,
                description=defaults["description"] or None,
                company=self.company_id.id or None,
                step=step.id if step else None,
                uid=self.env.uid,
                ids=ids,
                segment_ignores=bool(self.ignore_contact_correspondence_type),
                segment_type=self.correspondence_type or None,
                template_ignores=bool(template.ignore_contact_correspondence_type),
                template_type=template.correspondence_type or None,
            )
        )
        Line.invalidate_model()
        self.invalidate_recordset()
        lines = Line.browse([row[0] for row in rows])
        lines.check_access("create")
        return len(lines)

    def _remove_partners(self, partners, step, keep=False):
        """Delete the lines whose contact is among ``partners`` (records or
        ids) -- with ``keep``, those whose contact is not; returns how many.

        One DELETE, whatever the segment's size, whose rows the same
        statement keeps, as they were, in the history of ``step``, the
        segment's step that deletes them: its Go Back gives them back."""
        self.ensure_one()
        ids = partners.ids if isinstance(partners, models.BaseModel) else partners
        self._check_open()
        # the lines' record rules are their segment's company: the segment is
        # the user's to write (_lock_open)
        self.env["crm.segment.line"].check_access("unlink")
        self.env.flush_all()
        columns = SQL(", ").join(map(SQL.identifier, KEPT_LINE_COLUMNS))
        self.env.cr.execute(
            SQL(
                """
            WITH gone AS (
                DELETE FROM crm_segment_line
                 WHERE segment_id = %(segment)s AND %(matching)s
             RETURNING *)
            INSERT INTO crm_segment_history
                (step_id, line_id, added_step_id, %(columns)s,
                 create_uid, create_date, write_uid, write_date)
            SELECT %(step)s, id, step_id, %(columns)s,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM gone""",
                segment=self.id,
                matching=SQL(
                    "partner_id <> ALL(%s::int[])"
                    if keep
                    else "partner_id = ANY(%s::int[])",
                    list(ids),
                ),
                columns=columns,
                step=step.id,
                uid=self.env.uid,
            )
        )
        removed = self.env.cr.rowcount
        self.env["crm.segment.line"].invalidate_model()
        self.invalidate_recordset()
        return removed

    def _lock_open(self):
        """Lock the open segment for a step or its Go Back, marked as changed:
        logging it at the same moment waits, then fails to serialise and is
        retried (see ``_log``), and finds its lines as they are now."""
        self.ensure_one()
        self._check_open()
        self.check_access("write")
        locked = self.env.execute_query(
            SQL(
                """UPDATE crm_segment
                      SET write_uid = %s, write_date = now() at time zone 'UTC'
                    WHERE id = %s AND state = 'draft'
                RETURNING id""",
                self.env.uid,
                self.id,
            )
        )
        self.invalidate_recordset(["state", "write_uid", "write_date"])
        if not locked:
            self._check_open()

    def _apply_step(self, mode, criteria, partners):
        """Apply a step to the open segment: add ``partners`` (mode ``add``,
        ``add_selected``), remove them (``remove``) or keep only them
        (``refine``); recorded with the ``criteria`` that selected them."""
        self.ensure_one()
        self._lock_open()
        step = self.env["crm.segment.step"].create(
            {"segment_id": self.id, "mode": mode, "criteria": criteria}
        )
        if mode in ("add", "add_selected"):
            step.write({"added_count": self._add_partners(partners, step=step)})
        else:
            step.write(
                {
                    "removed_count": self._remove_partners(
                        partners, step, keep=mode == "refine"
                    )
                }
            )
        return step

    def action_go_back(self):
        """Undo the newest step of the open segment."""
        self.ensure_one()
        self._lock_open()
        step = self.env["crm.segment.step"].search(
            [("segment_id", "=", self.id)], order="id desc", limit=1
        )
        if not step:
            raise UserError(
                self.env._(
                    "Segment %(segment)s has no step to go back from.",
                    segment=self.name,
                )
            )
        return step._undo()

    def action_apply_to_lines(self):
        """Give every line the header's values."""
        self.ensure_one()
        self._check_open()
        self.line_ids.write(self._line_defaults())
        self.line_ids._apply_correspondence_rule()
        return True

    def action_open_contacts_wizard(self):
        self.ensure_one()
        self._check_open()
        mode = self.env.context.get("segment_mode")
        if mode not in ("add", "remove", "refine"):
            mode = "add"
        titles = {
            "add": self.env._("Add Contacts"),
            "remove": self.env._("Remove Contacts"),
            "refine": self.env._("Refine Contacts"),
        }
        return self._wizard_action(
            titles[mode], "crm.segment.contacts.wizard", mode=mode
        )

    def action_save_criteria(self):
        return self._wizard_action(
            self.env._("Save Criteria"), "crm.segment.criteria.save.wizard"
        )

    def action_reuse_criteria(self):
        self.ensure_one()
        self._check_open()
        return self._wizard_action(
            self.env._("Reuse Criteria"), "crm.segment.criteria.reuse.wizard"
        )

    def _wizard_action(self, title, model, **defaults):
        """The action of the wizard ``model`` on the segment, with the
        default values ``defaults``."""
        self.ensure_one()
        context = {f"default_{name}": value for name, value in defaults.items()}
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": dict(context, default_segment_id=self.id),
        }

    def action_view_lines(self):
        """The lines in a list of their own, paged: a segment can hold
        thousands of contacts, more than a form's one2many should load."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Segment Lines"),
            "res_model": "crm.segment.line",
            "view_mode": "list,form",
            "views": [
                (
                    self.env.ref("crm_interaction_log.crm_segment_line_view_tree").id,
                    "list",
                ),
                (False, "form"),
            ],
            "domain": [("segment_id", "=", self.id)],
            "context": {"default_segment_id": self.id},
        }

    # ------------------------------------------------------------------
    # logging
    # ------------------------------------------------------------------
    def action_log(self):
        self.ensure_one()
        self._check_can_log()
        return self._wizard_action(self.env._("Log Segment"), "crm.segment.log.wizard")

    def _check_can_log(self):
        self.ensure_one()
        self._check_open()
        if not self.description:
            raise UserError(
                self.env._("Segment %(segment)s has no description.", segment=self.name)
            )
        if not self.line_count:
            raise UserError(
                self.env._("Segment %(segment)s has no lines.", segment=self.name)
            )
        missing = self.env["crm.segment.line"].search_count(
            [("segment_id", "=", self.id), ("template_id", "=", False)]
        )
        if missing:
            raise UserError(
                self.env._(
                    "%(count)d lines of segment %(segment)s have no interaction "
                    "template.",
                    count=missing,
                    segment=self.name,
                )
            )

    def _log(self, send_attachments=False, create_followup=False):
        """Log the segment: a logged segment and one entry per line, in one
        transaction. Another user logging the same segment at the same moment
        waits for this one and then finds it logged. The attachments sent by
        e-mail are not sent here: a scheduled job sends them in batches
        (``crm.logged.segment._cron_send_attachments``)."""
        self.ensure_one()
        # the entries are written by SQL from the lines' rows
        self.env.flush_all()
        # Lock the segment row. A second user logging it at the same moment
        # waits, then fails to serialise (REPEATABLE READ): Odoo's RPC layer
        # retries the request, which then finds the segment logged.
        self.env.execute_query(
            SQL("SELECT state FROM crm_segment WHERE id = %s FOR UPDATE", self.id)
        )
        self.invalidate_recordset(["state"])
        self._check_can_log()
        if send_attachments:
            self._check_can_send()
        with switched(AUDIT_FIELDS):
            logged = self.env["crm.logged.segment"].create(
                {
                    "segment_id": self.id,
                    "description": self.description,
                    "campaign_id": self.campaign_id.id,
                    "user_id": self.env.uid,
                    # a segment of no company logs in the user's company
                    "company_id": (self.company_id or self.env.company).id,
                    "send_attachments": bool(send_attachments),
                }
            )
        logged._create_entries(self, send_attachments=send_attachments)
        with switched(SEGMENT_LOGGING):
            self.write({"state": "logged", "logged_segment_id": logged.id})
        # the e-mails go out in batches, by the scheduled job
        logged._trigger_send()
        logged._start_letters()
        followup = self.browse()
        if create_followup:
            followup = self._create_followup()
        return logged, followup

    def _check_can_send(self):
        """Sending e-mail needs an address on every line that goes by e-mail."""
        self.ensure_one()
        self.env["crm.segment.line"].flush_model(
            ["segment_id", "partner_id", "wanted_correspondence_type"]
        )
        self.env["res.partner"].flush_model(["name", "email"])
        rows = self.env.execute_query(
            SQL(
                """
            SELECT p.name
              FROM crm_segment_line l JOIN res_partner p ON p.id = l.partner_id
             WHERE l.segment_id = %s AND l.wanted_correspondence_type = 'email'
               AND COALESCE(p.email, '') = '' LIMIT 10""",
                self.id,
            )
        )
        names = [row[0] for row in rows]
        if names:
            raise UserError(
                self.env._(
                    "These contacts have no e-mail address, so the attachments "
                    "cannot be sent to them: %(contacts)s",
                    contacts=", ".join(names),
                )
            )

    def _create_followup(self):
        """A new open segment with the same header and lines; the lines are
        copied by one INSERT ... SELECT, however many they are."""
        self.ensure_one()
        followup = self.copy(
            {
                "description": self.env._(
                    "Follow-up on segment %(segment)s", segment=self.name
                ),
                "state": "draft",
            }
        )
        Line = self.env["crm.segment.line"]
        Line.check_access("create")
        Line.flush_model()
        self.env.execute_query(
            SQL(
                """
            INSERT INTO crm_segment_line
                (segment_id, partner_id, commercial_partner_id, template_id,
                 unit_cost, unit_duration, date, information_flow, initiated_by,
                 correspondence_type, wanted_correspondence_type, lang, subject,
                 description, company_id,
                 create_uid, create_date, write_uid, write_date)
            SELECT %(new)s, partner_id, commercial_partner_id, template_id,
                   unit_cost, unit_duration, date, information_flow, initiated_by,
                   correspondence_type, wanted_correspondence_type, lang, subject,
                   %(description)s, %(company)s,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM crm_segment_line WHERE segment_id = %(old)s ORDER BY id""",
                new=followup.id,
                old=self.id,
                uid=self.env.uid,
                description=followup.description,
                company=followup.company_id.id or None,
            )
        )
        followup.invalidate_recordset()
        return followup

    def action_view_log_entries(self):
        """The entries the segments logged (postponed ones have their own list)."""
        return self.env["crm.interaction.log.entry"]._action_view(
            [("segment_id", "in", self.ids), ("postponed", "=", False)]
        )

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext
from odoo.tools.sql import column_exists

from .crm_interaction_document_mixin import record_safely
from .switches import ACTIVITIES, AUDIT_FIELDS, is_switched, switched


class MailActivity(models.Model):
    """A task created from an interaction ("Create Task") keeps its link to
    the interaction on the task, not on the entry: a task is deleted when it is
    done, and a link on the entry would make PostgreSQL look the entry table up,
    and rewrite the entry with all its indexes, for every finished or deleted
    task. Here it goes away with the task's own row."""

    _inherit = "mail.activity"
    # An activity marked done records an entry on its contact with the
    # template set up for its type (``mail.activity.type``).

    # deleting entries (the clean-up of canceled ones) looks their tasks up
    interaction_entry_id = fields.Many2one(
        comodel_name="crm.interaction.log.entry",
        string="Interaction",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
    )

    def init(self):
        # an earlier version kept the link on the entry (activity_id)
        cr = self.env.cr
        if column_exists(cr, "crm_interaction_log_entry", "activity_id"):
            cr.execute("""
                UPDATE mail_activity a SET interaction_entry_id = e.id
                  FROM crm_interaction_log_entry e
                 WHERE e.activity_id = a.id AND a.interaction_entry_id IS NULL""")
            cr.execute("ALTER TABLE crm_interaction_log_entry DROP COLUMN activity_id")

    def _check_interaction_entry(self, vals):
        """A task is linked to an interaction by who may change it."""
        if vals.get("interaction_entry_id") and not self.env.is_superuser():
            entry = self.env["crm.interaction.log.entry"].browse(
                vals["interaction_entry_id"]
            )
            entry.check_access("write")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_interaction_entry(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_interaction_entry(vals)
        return super().write(vals)

    def _action_done(self, feedback=False, attachment_ids=None):
        # every way to mark an activity done comes here, before it is deleted
        if not is_switched(ACTIVITIES):
            self._interaction_record_done(feedback)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def _interaction_partner(self):
        """The contact the activity is about: the contact it is planned on,
        else its record's contact."""
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id)
        if self.res_model == "res.partner":
            return record
        if "partner_id" in record._fields:
            partner = record.partner_id
            if isinstance(partner, models.BaseModel) and partner._name == "res.partner":
                return partner
        return self.env["res.partner"]

    def action_create_interaction(self):
        """Create Interaction with the activity's contact; finishing it can
        mark the activity as done."""
        if len(self) != 1:
            raise UserError(
                self.env._("Select one activity to create an interaction for.")
            )
        partner = self._interaction_partner()
        if not partner:
            raise UserError(
                self.env._(
                    "Activity %(activity)s is not about a contact.",
                    activity=self.display_name,
                )
            )
        return self.env["crm.interaction.create.wizard"].action_start(
            partner, activity_id=self.id, description=self.summary or False
        )

    def _interaction_record_done(self, feedback=False):
        """Record the activities of ``self`` marked done as interactions, by
        the user who marks them; never a failure of marking them done.
        Portal and public users record nothing."""
        recorded = self.env["mail.activity.type"]._interaction_recorded_type_ids()
        activities = self.filtered(
            lambda activity: activity.activity_type_id.id in recorded
            and activity.res_model
            and activity.res_id
        )
        if not activities or self.env.user.share:
            return
        record_safely(
            self.env,
            lambda: activities._interaction_create_done_entries(feedback),
            "Could not record the activities %s as interactions",
            activities.ids,
        )

    def _interaction_create_done_entries(self, feedback):
        # the setup and the records are read as the system: a salesperson
        # marks done an activity of a record or template he cannot read
        activities = self.sudo()
        user = self.env.user
        # {(model, id): (company, name)} of the activities' records, read
        # together for each model
        targets = {}
        for model, model_activities in activities.grouped("res_model").items():
            records = self.env[model].sudo().browse(model_activities.mapped("res_id"))
            has_company = "company_id" in records._fields
            for record in records.exists():
                company = record.company_id if has_company else None
                targets[model, record.id] = (
                    company or self.env.company,
                    record.display_name,
                )
        vals_list = []
        for activity in activities:
            if (activity.res_model, activity.res_id) not in targets:
                continue
            company, name = targets[activity.res_model, activity.res_id]
            template = activity.activity_type_id.with_company(
                company
            ).interaction_template_id
            partner = activity._interaction_partner()
            if not template or not partner:
                continue
            # the meeting of a "Meeting" activity records its attendees when
            # it takes place (calendar_event), when meetings are recorded
            if activity.calendar_event_id and company._interaction_template("meeting"):
                continue
            # a contact's own activity has no other document than the contact
            document = (
                {}
                if activity.res_model == "res.partner"
                else {
                    "res_model": activity.res_model,
                    "res_id": activity.res_id,
                    "document_name": name,
                }
            )
            vals_list.append(
                {
                    "partner_id": partner.id,
                    "commercial_partner_id": partner.commercial_partner_id.id,
                    "template_id": template.id,
                    "channel": "activity",
                    "lang": partner.lang,
                    "description": activity.summary or activity.activity_type_id.name,
                    "date": fields.Datetime.now(),
                    "user_id": user.id,
                    "logged_by_id": user.id,
                    "company_id": company.id,
                    "lead_id": activity.res_id
                    if activity.res_model == "crm.lead"
                    else False,
                    **document,
                }
            )
        entries = self.env["crm.interaction.log.entry"].sudo()._bulk_create(vals_list)
        if isinstance(feedback, Markup):
            feedback = html2plaintext(feedback)
        feedback = (feedback or "").strip()
        if entries and feedback:
            with switched(AUDIT_FIELDS):
                self.env["crm.interaction.log.comment"].sudo().create(
                    [
                        {"entry_id": entry.id, "comment": feedback, "user_id": user.id}
                        for entry in entries
                    ]
                )
        return entries

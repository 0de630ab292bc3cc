# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.sql import column_exists


class MailActivity(models.Model):
    """A task created from an interaction ("Create Task") keeps its link to
    the interaction on the task, not on the entry: a task is deleted when it is
    done, and a link on the entry would make PostgreSQL look the entry table up,
    and rewrite the entry with all its indexes, for every finished or deleted
    task. Here it goes away with the task's own row."""

    _inherit = "mail.activity"

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

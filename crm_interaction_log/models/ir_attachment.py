# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import SQL

# The models whose attachments the module creates: the only attachments it
# ever deletes.
ATTACHMENT_OWNERS = ("crm.interaction.template", "crm.interaction.log.entry")


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _unlink_if_unused(self):
        """Delete the attachments the module created (a template's file, an
        entry's own file) that no interaction log entry nor template language
        line still uses. Any other attachment an entry or a line points to --
        an invoice's PDF, a document of the contact -- belongs to its record
        and stays."""
        # an entry's own file went with it: Odoo deletes a record's files
        owned = (
            self.sudo().exists().filtered(lambda a: a.res_model in ATTACHMENT_OWNERS)
        )
        if not owned:
            return
        entry = self.env["crm.interaction.log.entry"]._fields["attachment_id"]
        line = self.env["crm.interaction.template.language"]._fields["attachment_id"]
        rows = self.env.execute_query(
            SQL(
                """
                SELECT %(entry)s FROM crm_interaction_log_entry
                 WHERE %(entry)s IN %(ids)s
                UNION
                SELECT %(line)s FROM crm_interaction_template_language
                 WHERE %(line)s IN %(ids)s""",
                entry=SQL.identifier("attachment_id", to_flush=entry),
                line=SQL.identifier("attachment_id", to_flush=line),
                ids=tuple(owned.ids),
            )
        )
        used = {row[0] for row in rows}
        owned.filtered(lambda a: a.id not in used).unlink()

    def _interaction_owner(self):
        """(model, id) of the record the file is attached to, (False, 0)
        without one: an entry's own file -- imported on it, or a copy of
        another entry's -- is attached to it, so whoever may read the entry
        may read the file, and no one else. Read as the superuser: where a file
        belongs says nothing of its content."""
        attachment = self.sudo()[:1]
        return attachment.res_model or False, attachment.res_id or 0

    def _interaction_open_action(self, download=False):
        """The action that opens the file in a new browser tab (a letter to
        print), or downloads it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.id}" + ("?download=true" if download else ""),
            "target": "new",
        }

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL


class CrmSegmentContactsWizard(models.TransientModel):  # pylint: disable=no-wizard-in-models
    """Add / Remove / Refine Contacts by mailing list. A criterion of the
    wizard, so a criterion of the segment's steps and of saved criteria."""

    _inherit = "crm.segment.contacts.wizard"

    mailing_list_ids = fields.Many2many(
        comodel_name="mailing.list",
        relation="crm_segment_contacts_wizard_mailing_list_rel",
        column1="wizard_id",
        column2="list_id",
        string="Mailing Lists",
        help="The contacts whose e-mail address is subscribed to one of these "
        "mailing lists, and not opted out of it.",
    )

    def _partner_domain(self):
        domain = super()._partner_domain()
        if self.mailing_list_ids:
            domain.append(("email_normalized", "in", self._subscribed_emails()))
        return domain

    def _subscribed_emails(self):
        """The normalized addresses subscribed to the wizard's mailing lists,
        as a subquery."""
        Contact = self.env["mailing.contact"]
        return Contact._search(
            [
                ("email_normalized", "!=", False),
                (
                    "subscription_ids",
                    "any",
                    [
                        ("list_id", "in", self.mailing_list_ids.ids),
                        ("opt_out", "=", False),
                    ],
                ),
            ]
        ).subselect(SQL.identifier(Contact._table, "email_normalized"))

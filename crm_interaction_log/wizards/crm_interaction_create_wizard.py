# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.crm_interaction_log_entry import EVALUATION
from ..models.crm_interaction_template import (
    CORRESPONDENCE_TYPE,
    INFORMATION_FLOW,
    INITIATED_BY,
    _lang_get,
)
from ..models.input_check import client_records
from ..models.mail_mail import DELIVERY_STATUS
from ..models.switches import ACTIVITIES, AUDIT_FIELDS, switched


def _dialog(name, model, **values):
    """A window action that opens a form of ``model`` in a dialog."""
    return {
        "type": "ir.actions.act_window",
        "name": name,
        "res_model": model,
        "view_mode": "form",
        "views": [(False, "form")],
        "target": "new",
        **values,
    }


def _next_minute(moment):
    """Round a datetime up to the next whole minute (12:00:00 stays 12:00)."""
    rounded = moment.replace(second=0, microsecond=0)
    if rounded < moment:
        rounded += timedelta(minutes=1)
    return rounded


class CrmInteractionCreateWizard(models.TransientModel):
    """Create Interaction: record one interaction with one contact."""

    _name = "crm.interaction.create.wizard"
    _inherit = "crm.interaction.checked.mixin"
    _description = "Create Interaction"

    state = fields.Selection(
        selection=[
            ("edit", "Edit"),
            ("confirm_cancel", "Finish Later?"),
            ("offer_opportunity", "Create Opportunity?"),
        ],
        default="edit",
        required=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Contact", required=True
    )
    template_id = fields.Many2one(
        comodel_name="crm.interaction.template",
        string="Interaction Template",
        required=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users", string="Salesperson", required=True
    )
    date = fields.Datetime(
        string="Date and Time",
        required=True,
        default=lambda self: self._default_date(),
    )
    description = fields.Char(required=True)
    successful = fields.Boolean(string="Interaction Successful", default=True)
    information_flow = fields.Selection(selection=INFORMATION_FLOW)
    initiated_by = fields.Selection(selection=INITIATED_BY)
    correspondence_type = fields.Selection(selection=CORRESPONDENCE_TYPE)
    contact_via = fields.Char()
    cost = fields.Float(digits=(16, 2))
    duration = fields.Float(string="Duration (Min.)")
    evaluation = fields.Selection(selection=EVALUATION)
    lang = fields.Selection(selection=_lang_get, string="Language")
    # Every link to a record deleted in the day's work (a campaign, an
    # opportunity, an entry, a file, an activity) has an index: deleting the
    # record looks the wizards up by it, and they are many until the
    # transient records are vacuumed.
    campaign_id = fields.Many2one(comodel_name="utm.campaign", index="btree_not_null")
    lead_id = fields.Many2one(
        comodel_name="crm.lead", string="Opportunity", index="btree_not_null"
    )
    comment = fields.Char()
    entry_id = fields.Many2one(
        comodel_name="crm.interaction.log.entry",
        string="Interaction Log Entry",
        readonly=True,
        help="The postponed entry this wizard resumes, then the entry it created.",
        index="btree_not_null",
    )
    resend_entry_id = fields.Many2one(
        comodel_name="crm.interaction.log.entry",
        string="Resent Interaction",
        readonly=True,
        help="The interaction whose attachment this one sends again.",
        index="btree_not_null",
    )
    attachment_id = fields.Many2one(
        comodel_name="ir.attachment",
        compute="_compute_attachment_id",
        # read as the user: the entry or template it comes from is his to read
        compute_sudo=False,
        store=True,
        readonly=True,
        help="The file of the interaction resumed, else of the one resent, else "
        "the template's attachment in the contact's language (else in the "
        "template's default language, else in any language).",
        index="btree_not_null",
    )
    attachment_name = fields.Char(related="attachment_id.name", string="File")
    # the reference's "Import": the interaction's own file (a scanned letter,
    # notes of the call), kept on the entry instead of the template's; its
    # size is limited by Odoo's own upload limit
    upload_file = fields.Binary(
        string="Import File",
        attachment=False,
        help="A file of this interaction (a scanned letter, notes of the call): "
        "the interaction keeps it instead of the template's attachment; on a "
        "postponed interaction it replaces the file imported before.",
    )
    upload_filename = fields.Char(string="File Name")
    send_email = fields.Boolean(
        string="Send by E-mail",
        compute="_compute_send_email",
        store=True,
        readonly=False,
        help="Finish opens the e-mail to the contact, with the attachment; the "
        "interaction is logged when the e-mail is sent.",
    )
    activity_id = fields.Many2one(
        comodel_name="mail.activity",
        readonly=True,
        help="The scheduled activity this interaction carries out.",
        index="btree_not_null",
    )
    mark_activity_done = fields.Boolean(
        default=True, help="Mark the activity as done when the interaction is logged."
    )

    # not on the entry's file, which would look the wizards up on every write
    # of an entry's file: the wizard saving an entry (entry_id) with the file
    # imported (upload_file, then cleared) is what changes it
    @api.depends("template_id", "lang", "resend_entry_id", "entry_id", "upload_file")
    def _compute_attachment_id(self):
        for wizard in self:
            wizard.attachment_id = wizard._source_attachment()

    def _source_attachment(self):
        """The file the interaction carries when none is imported: the file of
        the postponed entry resumed, else of the entry resent, else the
        template's. Read from those records, never from what a client wrote in
        ``attachment_id``, which only shows it: no client links a file by its
        id."""
        self.ensure_one()
        entry = self.entry_id
        if entry.attachment_id._interaction_owner() == (entry._name, entry.id):
            return entry.attachment_id
        if self.resend_entry_id:
            return self.resend_entry_id.attachment_id
        if self.template_id:
            return self.template_id._get_language(self.lang).attachment_id
        return self.env["ir.attachment"]

    @api.depends("correspondence_type", "attachment_id", "upload_file")
    def _compute_send_email(self):
        for wizard in self:
            wizard.send_email = bool(
                wizard.correspondence_type == "email"
                and (wizard.attachment_id or wizard.upload_file)
            )

    @api.constrains("upload_file", "upload_filename")
    def _check_upload(self):
        for wizard in self:
            if wizard.upload_file and not wizard.upload_filename:
                raise ValidationError(self.env._("Give the imported file a name."))
            if wizard.upload_filename and not wizard.upload_file:
                raise ValidationError(
                    self.env._(
                        "The file %(name)s is empty: import a file with content.",
                        name=wizard.upload_filename,
                    )
                )

    @api.model
    def _default_date(self):
        return _next_minute(fields.Datetime.now())

    @api.model
    def default_get(self, fields_list):
        if not isinstance(fields_list, list | tuple) or not all(
            isinstance(name, str) for name in fields_list
        ):
            raise ValidationError(
                self.env._(
                    "%(fields)r is not a list of field names.", fields=fields_list
                )
            )
        res = super().default_get(fields_list)
        partner = self.env["res.partner"].browse(
            res.get("partner_id") or self.env.context.get("default_partner_id")
        )
        if "user_id" in fields_list and not res.get("user_id"):
            res["user_id"] = self._default_salesperson(partner).id
        if partner and "lang" in fields_list and not res.get("lang"):
            res["lang"] = partner.lang
        return res

    @api.model
    def _default_salesperson(self, partner):
        """The current user when a salesperson, else the contact's."""
        if self.env.user.has_group("sales_team.group_sale_salesman"):
            return self.env.user
        return partner.user_id or self.env.user

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        # a contact chosen in the wizard, opened without one, brings its
        # salesperson as the contact it is opened on does (default_get)
        if self.partner_id:
            self.user_id = self._default_salesperson(self.partner_id)

    @api.onchange("template_id")
    def _onchange_template_id(self):
        template = self.template_id
        if not template:
            return
        self.update(template._interaction_defaults())
        if not self.description:
            self.description = template.name

    @api.onchange("partner_id", "correspondence_type")
    def _onchange_contact_via(self):
        partner = self.partner_id
        if not partner:
            return
        if self.correspondence_type == "email":
            self.contact_via = partner.email
        else:
            self.contact_via = partner.phone or partner.mobile
        if partner.lang:
            self.lang = partner.lang

    # ------------------------------------------------------------------
    # entry values
    # ------------------------------------------------------------------
    @api.model
    def _values_from_entry(self, entry):
        """Wizard values that resume a postponed entry."""
        return {
            "partner_id": entry.partner_id.id,
            "template_id": entry.template_id.id,
            "user_id": entry.user_id.id or self.env.uid,
            # resuming does the interaction now
            "date": self._default_date(),
            "description": entry.description,
            "successful": not entry.attempt_failed,
            "information_flow": entry.information_flow,
            "initiated_by": entry.initiated_by,
            "correspondence_type": entry.correspondence_type,
            "contact_via": entry.contact_via,
            "cost": entry.cost,
            "duration": entry.duration,
            "evaluation": entry.evaluation,
            "lang": entry.lang,
            "campaign_id": entry.campaign_id.id,
            "lead_id": entry.lead_id.id,
            "entry_id": entry.id,
        }

    def _check_cost_duration(self):
        if self.cost < 0 or self.duration < 0:
            raise UserError(self.env._("The cost and duration cannot be negative."))

    def _entry_values(self, postponed):
        self.ensure_one()
        self._check_cost_duration()
        return {
            "partner_id": self.partner_id.id,
            "template_id": self.template_id.id,
            "group_id": self.template_id.group_id.id,
            "user_id": self.user_id.id,
            "date": self.date,
            "description": self.description,
            "subject": self.description,
            "attempt_failed": not self.successful,
            "information_flow": self.information_flow
            or self.template_id.information_flow,
            "initiated_by": self.initiated_by or self.template_id.initiated_by,
            "correspondence_type": self.correspondence_type,
            "contact_via": self.contact_via,
            "cost": self.cost,
            "duration": self.duration,
            "evaluation": self.evaluation,
            "lang": self.lang,
            "campaign_id": self.campaign_id.id,
            "lead_id": self.lead_id.id,
            "postponed": postponed,
            "company_id": (self.template_id.company_id or self.env.company).id,
        }

    def _save_entry(self, postponed, **extra):
        values = dict(self._entry_values(postponed), **extra)
        attachment = self._source_attachment()
        if attachment and not self.upload_file:
            values["attachment_id"] = attachment.id
        if self.comment:
            values["comment_ids"] = [Command.create({"comment": self.comment})]
        if self.entry_id:
            if not self.entry_id.postponed:
                raise UserError(
                    self.env._(
                        "Interaction %(entry)s was already finished.",
                        entry=self.entry_id.name,
                    )
                )
            with switched(AUDIT_FIELDS):
                self.entry_id.write(values)
            entry = self.entry_id
        else:
            with switched(AUDIT_FIELDS):
                entry = self.env["crm.interaction.log.entry"].create(values)
        self._attach_own_file(entry)
        if not postponed and not entry.attachment_id:
            # the template's letter, merged with this interaction
            entry._interaction_print_letters()
        # the imported file is the entry's from now on
        self.write(
            {
                "entry_id": entry.id,
                "comment": False,
                "upload_file": False,
                "upload_filename": False,
            }
        )
        if not postponed and self.activity_id and self.mark_activity_done:
            # the entry just saved records the activity
            with switched(ACTIVITIES):
                self.activity_id.action_feedback(feedback=self.description)
        return entry

    def _attach_own_file(self, entry):
        """Give ``entry`` its own file when the wizard has one for it: the file
        imported, or a copy of another entry's (an interaction resent). The
        file is attached to the entry, so that whoever may read the entry may
        read it, and no one else. The entry's file it replaces goes when
        nothing else uses it."""
        previous = entry.attachment_id
        owner_model, owner_id = previous._interaction_owner()
        owner = {"res_model": entry._name, "res_id": entry.id}
        if self.upload_file:
            own = self.env["ir.attachment"].create(dict(self._upload_values(), **owner))
        elif owner_model == entry._name and owner_id != entry.id:
            own = previous.copy(owner)
        else:
            return
        # a logged entry keeps its values; this is its file being saved
        with switched(AUDIT_FIELDS):
            entry.write({"attachment_id": own.id})
        previous._unlink_if_unused()

    def _upload_values(self):
        """The imported file, as values of an attachment."""
        return {"name": self.upload_filename, "datas": self.upload_file}

    def _reopen(self):
        return _dialog(self.env._("Create Interaction"), self._name, res_id=self.id)

    # ------------------------------------------------------------------
    # buttons
    # ------------------------------------------------------------------
    @api.model
    def action_start(self, partner=None, template=None, **defaults):
        """Open the wizard on a contact (and a template, an opportunity, an
        activity ...: ``defaults`` are the wizard's default values), or with
        no contact (None), which the user then chooses in it. The contact and
        the template are records or, from a client, their ids."""
        # refused here rather than by the form the web client would open
        self.check_access("create")
        context = {}
        if partner is not None:
            partner = client_records(self.env["res.partner"], partner)
            if len(partner) != 1:
                raise UserError(self.env._("Select one contact to interact with."))
            context["default_partner_id"] = partner.id
        if template:
            template = client_records(self.env["crm.interaction.template"], template)
            if len(template) != 1:
                raise UserError(self.env._("Select one interaction template."))
            context["default_template_id"] = template.id
        unknown = sorted(set(defaults) - set(self._fields))
        if unknown:
            raise UserError(
                self.env._(
                    "The Create Interaction wizard has no fields %(names)s.",
                    names=", ".join(unknown),
                )
            )
        # the action goes back to the client: XML-RPC carries no None
        context.update(
            {
                f"default_{name}": False if value is None else value
                for name, value in defaults.items()
            }
        )
        return _dialog(self.env._("Create Interaction"), self._name, context=context)

    def action_finish(self):
        """Log the interaction, then offer to create an opportunity. An
        interaction sent by e-mail opens the e-mail first: it is logged when
        the e-mail is sent."""
        self.ensure_one()
        if self.send_email:
            return self._action_compose_email()
        self._save_entry(postponed=False)
        if self.entry_id.lead_id:
            return {"type": "ir.actions.act_window_close"}
        self.state = "offer_opportunity"
        return self._reopen()

    def action_cancel(self):
        """Cancelling asks whether to finish the interaction later."""
        self.ensure_one()
        self.state = "confirm_cancel"
        return self._reopen()

    def action_back(self):
        self.ensure_one()
        self.state = "edit"
        return self._reopen()

    def action_finish_later(self):
        """Log the interaction as postponed, to be resumed from its list."""
        self.ensure_one()
        self._save_entry(postponed=True)
        return {"type": "ir.actions.act_window_close"}

    def _check_can_send(self):
        if not self.partner_id.email:
            raise UserError(
                self.env._(
                    "%(contact)s has no e-mail address: the interaction cannot be "
                    "sent by e-mail.",
                    contact=self.partner_id.display_name,
                )
            )
        self._check_cost_duration()

    def _action_compose_email(self):
        """Odoo's e-mail composer, to the contact, with the description as
        subject and body and a copy of the file imported or of the attachment
        (the template keeps its own file)."""
        self._check_can_send()
        source = self._source_attachment()
        attachments = self.env["ir.attachment"]
        composer = {"res_model": "mail.compose.message", "res_id": 0}
        if self.upload_file:
            attachments = attachments.create(dict(self._upload_values(), **composer))
        elif source:
            attachments = source.copy(composer)
        return _dialog(
            self.env._("Send Interaction"),
            "mail.compose.message",
            context={
                "default_model": "res.partner",
                "default_res_ids": self.partner_id.ids,
                "default_composition_mode": "comment",
                "default_partner_ids": self.partner_id.ids,
                "default_subject": self.description,
                "default_body": Markup("<p>%s</p>") % self.description,
                "default_attachment_ids": [Command.set(attachments.ids)],
                "crm_interaction_create_wizard_id": self.id,
            },
        )

    def _log_email(self, message):
        """Log the interaction the composer just sent as ``message``, with
        the delivery status of its e-mail."""
        self.ensure_one()
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search([("mail_message_id", "=", message.id)], limit=1)
        )
        # its entry follows it from now on (mail_mail)
        mail.interaction_delivery = True
        # no e-mail left: it was sent and deleted
        status = DELIVERY_STATUS.get(mail.state, "in_progress") if mail else "sent"
        return self._save_entry(
            postponed=False,
            mail_message_id=message.id,
            delivery_status=status,
            delivery_info=mail.failure_reason if status == "error" else False,
            contact_via=self.partner_id.email,
        )

    @api.model
    def _from_composer_context(self):
        """The wizard that opened the composer, when it is the user's own."""
        wizard_id = self.env.context.get("crm_interaction_create_wizard_id")
        wizard = self.browse(wizard_id if isinstance(wizard_id, int) else []).exists()
        # another user's wizard is not his to read (its record rule)
        wizard = wizard._filtered_access("read")
        if wizard.create_uid != self.env.user or (
            wizard.entry_id and not wizard.entry_id.postponed
        ):
            # another user's, or already logged
            return self.browse()
        return wizard

    def _checked_attachment(self):
        self.ensure_one()
        attachment = self._source_attachment()
        if not attachment:
            raise UserError(self.env._("This interaction has no attachment."))
        return attachment

    def action_open_attachment(self):
        """Open the attachment in the browser (a letter to print)."""
        return self._checked_attachment()._interaction_open_action()

    def action_download_attachment(self):
        return self._checked_attachment()._interaction_open_action(download=True)

    def action_discard(self):
        return {"type": "ir.actions.act_window_close"}

    def action_create_opportunity(self):
        self.ensure_one()
        if not self.entry_id:
            raise UserError(self.env._("Finish the interaction first."))
        return self.entry_id.action_create_opportunity()

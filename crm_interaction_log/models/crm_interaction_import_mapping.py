# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..nav_captions import ENTRY_COLUMNS

KINDS = [
    ("column", "Column"),
    ("salesperson", "Salesperson Code"),
    ("user", "User ID"),
    ("group", "Interaction Group Code"),
    ("template", "Interaction Template Code"),
    ("campaign", "Campaign No."),
    ("opportunity", "Opportunity No."),
    ("contact", "Contact No."),
]
# the target field of each kind
TARGETS = {
    "salesperson": "user_id",
    "user": "user_id",
    "group": "group_id",
    "template": "template_id",
    "campaign": "campaign_id",
    "opportunity": "lead_id",
    "contact": "partner_id",
    "column": "column_key",
}
# what a template of the templates' file gives the template created
TEMPLATE_FILE_FIELDS = (
    "name",
    "unit_cost",
    "unit_duration",
    "lang",
    "information_flow",
    "initiated_by",
    "correspondence_type",
    "campaign_target",
    "campaign_response",
    "ignore_contact_correspondence_type",
)
# the columns of an entries' file, named by their English caption
COLUMN_KEYS = [(key, captions["en"]) for key, captions in ENTRY_COLUMNS.items()]


class CrmInteractionImportMapping(models.Model):
    """What a code of the exported file is in Odoo: a salesperson code or
    user ID a user, a template or group code a template or group, a campaign
    or opportunity number a campaign or opportunity, a contact number (of a
    mapping file) a contact. Checking the file proposes them; the interaction
    manager corrects them before the import."""

    _name = "crm.interaction.import.mapping"
    _description = "Interaction History Import Mapping"
    _order = "import_id, kind, code"
    _check_company_auto = True

    import_id = fields.Many2one(
        comodel_name="crm.interaction.import",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="import_id.company_id")
    kind = fields.Selection(selection=KINDS, required=True, readonly=True)
    code = fields.Char(required=True, readonly=True)
    row_count = fields.Integer(string="Rows", readonly=True)
    user_id = fields.Many2one(comodel_name="res.users")
    group_id = fields.Many2one(
        comodel_name="crm.interaction.group",
        string="Interaction Group",
        check_company=True,
    )
    template_id = fields.Many2one(
        comodel_name="crm.interaction.template",
        string="Interaction Template",
        check_company=True,
    )
    # deleting a campaign or an opportunity looks its mapping lines up
    campaign_id = fields.Many2one(comodel_name="utm.campaign", index="btree_not_null")
    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Opportunity",
        check_company=True,
        index="btree_not_null",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Contact", index="btree_not_null"
    )
    column_key = fields.Selection(selection=COLUMN_KEYS, string="Column")
    # the template's or group's row of the templates' or groups' file: what
    # the import creates when no template or group is chosen
    file_values = fields.Json(readonly=True)
    outcome = fields.Char(compute="_compute_outcome")

    _sql_constraints = [
        ("code_uniq", "unique(import_id, kind, code)", "A code is mapped once."),
    ]

    @api.depends("kind", "file_values", *TARGETS.values())
    def _compute_outcome(self):
        for line in self:
            if line.kind == "column":
                line.outcome = (
                    self.env._("Read")
                    if line.column_key
                    else self.env._("Not read: not a column of the log")
                )
            elif line[TARGETS[line.kind]]:
                line.outcome = self.env._("Mapped")
            elif line.kind in ("group", "template") and line.file_values:
                line.outcome = self.env._("Created from the file")
            elif line.kind == "template":
                line.outcome = self.env._("Not mapped: its rows do not import")
            elif line.kind == "user":
                line.outcome = self.env._("Not mapped: logged by you")
            else:
                line.outcome = self.env._("Not mapped: left empty")

    def _guess(self):
        """The record of Odoo this line's code most likely is: the template
        or group of that code, the user of that login (or of that name
        before the ``@``, or after a Windows domain's ``\\``), the campaign
        of that name. None when there is none, or more than one."""
        self.ensure_one()
        code = self.code.strip()
        company = [("company_id", "in", (False, self.import_id.company_id.id))]
        if self.kind in ("template", "group"):
            model = f"crm.interaction.{self.kind}"
            records = self.env[model].search([("code", "=ilike", code), *company])
        elif self.kind in ("salesperson", "user"):
            login = code.rsplit("\\", 1)[-1]
            records = self.env["res.users"].search(
                [
                    ("share", "=", False),
                    "|",
                    ("login", "=ilike", login),
                    ("login", "=ilike", f"{login}@%"),
                ]
            )
        elif self.kind == "campaign":
            records = self.env["utm.campaign"].search([("title", "=ilike", code)])
        else:
            return None
        return records if len(records) == 1 else None

    def _create_from_files(self):
        """The groups and templates of the templates' and groups' files that
        are mapped to none of Odoo, created in the import's company."""
        company = self.import_id.company_id
        lines = self.filtered(
            lambda m: m.kind in ("group", "template") and m.file_values
        )
        for line in lines.filtered(lambda m: m.kind == "group" and not m.group_id):
            line.group_id = self.env["crm.interaction.group"].create(
                {
                    "code": line.code,
                    "name": str(line.file_values.get("name") or line.code),
                    "company_id": company.id,
                }
            )
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        groups = {line.code: line.group_id for line in self if line.kind == "group"}
        for line in lines.filtered(
            lambda m: m.kind == "template" and not m.template_id
        ):
            values = {
                key: value
                for key, value in line.file_values.items()
                if key in TEMPLATE_FILE_FIELDS and value is not None
            }
            if values.get("lang") not in installed:
                values.pop("lang", None)
            group = groups.get(line.file_values.get("group_code") or "")
            if not group:
                raise UserError(
                    self.env._(
                        "The template %(code)s has no interaction group: map its "
                        "group code, or import the Interaction Groups page with it.",
                        code=line.code,
                    )
                )
            line.template_id = self.env["crm.interaction.template"].create(
                {
                    **values,
                    "code": line.code,
                    "name": values.get("name") or line.code,
                    "group_id": group.id,
                    "company_id": company.id,
                }
            )

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from lxml import etree

from odoo import models
from odoo.api import call_kw
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from odoo.addons.web.controllers.utils import clean_action

from ..models.switches import AUDIT_FIELDS, switched
from .common import InteractionCase

ENTRIES = "crm_interaction_log.crm_interaction_log_entry_action"
POSTPONED = "crm_interaction_log.crm_interaction_log_entry_action_postponed"
# the context keys of a list that the web client does not pass on to the
# action a button returns (action_service.js, CTX_KEY_REGEX)
NOT_PASSED_ON = re.compile(
    r"^(?:(?:default_|search_default_|show_).+|.+_view_ref|group_by|active_id"
    r"|active_ids|orderedBy)$"
)


def not_creatable(arch):
    return arch.get("create") in ("0", "false", "False")


@tagged("post_install", "-at_install")
class TestEntryViews(InteractionCase):
    """The Interaction Log Entries in the web client, as a salesperson who sees
    his own documents only gets them, and as an employee without interaction
    rights."""

    def views(self, user, xmlid):
        """The action ``xmlid`` and its views (search included) as the web
        client loads them for ``user``."""
        action = self.env["ir.actions.act_window"].with_user(user)._for_xml_id(xmlid)
        Entry = self.env["crm.interaction.log.entry"].with_user(user)
        result = Entry.get_views(
            [tuple(view) for view in action["views"]]
            + [(action["search_view_id"][0], "search")],
            {"action_id": action["id"]},
        )
        archs = {
            view_type: etree.fromstring(view["arch"])
            for view_type, view in result["views"].items()
        }
        return action, archs

    def click_create_interaction(self, user, context=None):
        """Click the list's Create Interaction with no entry selected, as the
        web client does: the button named in the list, called on no record
        with the list's context; the action it returns then opens with the
        context the web client gives it. Returns that action."""
        action, archs = self.views(self.salesman, ENTRIES)
        [button] = archs["list"].xpath("header/button[@display='always']")
        self.assertEqual(button.get("type"), "object")
        list_context = dict(
            safe_eval(action["context"]),
            lang="en_US",
            tz="Europe/Stockholm",
            uid=user.id,
            allowed_company_ids=user.company_ids.ids,
            **(context or {}),
        )
        button_context = {
            "active_domain": safe_eval(action["domain"]),
            "active_ids": [],
            "active_model": "crm.interaction.log.entry",
        }
        Entry = self.env["crm.interaction.log.entry"].with_user(user)
        result = call_kw(
            Entry,
            button.get("name"),
            [[]],
            {"context": dict(list_context, **button_context)},
        )
        result = clean_action(result, Entry.env)
        result["context"] = {
            **{k: v for k, v in list_context.items() if not NOT_PASSED_ON.match(k)},
            **button_context,
            "active_model": "crm.interaction.log.entry",
            **result.get("context", {}),
        }
        return result

    def new_card_action(self, user, kanban):
        """The action the kanban's "New" runs (its on_create), as the web
        client loads it for ``user``."""
        return (
            self.env["ir.actions.act_window"]
            .with_user(user)
            ._for_xml_id(kanban.get("on_create"))
        )

    def document_type(self, code):
        return self.env["crm.interaction.document.type"]._id_of(code)

    def make_entries(self):
        """One entry of each channel, correspondence, direction, delivery
        status and document, by the salesman: {key: entry}."""
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create(
                {"name": "Chairs", "type": "opportunity", "partner_id": self.person.id}
            )
        )
        self.campaign = self.env["utm.campaign"].create({"name": "View campaign"})
        self.lead = lead
        self.segment = self.env["crm.segment"].create(
            {"description": "View segment", "template_id": self.template.id}
        )
        with switched(AUDIT_FIELDS):
            self.logged_segment = self.env["crm.logged.segment"].create(
                {"segment_id": self.segment.id, "description": "View segment"}
            )
        email = {"correspondence_type": "email"}
        rows = {
            "manual": (
                self.person,
                None,
                {"lead_id": lead.id, "campaign_id": self.campaign.id},
            ),
            "invoice": (
                self.person2,
                self.template_in,
                {
                    "channel": "document",
                    "res_model": "account.move",
                    "res_id": 1,
                    "document_type_id": self.document_type("sales_invoice"),
                },
            ),
            "quotation": (
                None,
                None,
                {
                    "channel": "document",
                    "res_model": "sale.order",
                    "document_type_id": self.document_type("sales_quote"),
                },
            ),
            "purchase": (
                None,
                None,
                {
                    "channel": "document",
                    "res_model": "purchase.order",
                    "document_type_id": self.document_type("purchase_quote"),
                },
            ),
            "picking": (
                None,
                None,
                {
                    "channel": "document",
                    "res_model": "stock.picking",
                    "document_type_id": self.document_type("delivery"),
                },
            ),
            "failed_email": (
                None,
                None,
                dict(email, channel="email", delivery_status="error"),
            ),
            "sent_email": (
                None,
                None,
                dict(email, channel="email", delivery_status="sent"),
            ),
            "queued_email": (
                None,
                None,
                dict(email, channel="email", delivery_status="in_progress"),
            ),
            "segment": (
                None,
                None,
                dict(
                    email,
                    channel="segment",
                    delivery_status="not_sent",
                    segment_id=self.segment.id,
                    logged_segment_id=self.logged_segment.id,
                ),
            ),
            "activity": (self.other, self.template_in, {"channel": "activity"}),
            "meeting": (
                None,
                None,
                {"channel": "meeting", "res_model": "calendar.event"},
            ),
            "sms": (
                None,
                None,
                {
                    "channel": "sms",
                    "correspondence_type": "sms",
                    "delivery_status": "sent",
                },
            ),
            "mailing": (
                None,
                None,
                dict(email, channel="mailing", delivery_status="bounced"),
            ),
        }
        return {
            key: self.log(partner or self.person, template=template, **values)
            for key, (partner, template, values) in rows.items()
        }

    # --- no "New", ten columns, cards on a phone ---------------------------
    def test_no_new_entry_form(self):
        _action, archs = self.views(self.salesman, ENTRIES)
        # the salesman may create entries: the views, not his rights, say no
        self.assertTrue(
            self.env["crm.interaction.log.entry"]
            .with_user(self.salesman)
            .has_access("create")
        )
        for view_type in ("list", "form", "calendar"):
            with self.subTest(view_type=view_type):
                self.assertTrue(not_creatable(archs[view_type]))
        # the cards' "New" opens Create Interaction, in both actions
        for xmlid in (ENTRIES, POSTPONED):
            with self.subTest(action=xmlid):
                _action, archs = self.views(self.salesman, xmlid)
                kanban = archs["kanban"]
                self.assertEqual(kanban.get("quick_create"), "0")
                wizard = self.new_card_action(self.salesman, kanban)
                self.assertEqual(
                    (wizard["res_model"], wizard["target"]),
                    ("crm.interaction.create.wizard", "new"),
                )
        _action, archs = self.views(self.salesman, POSTPONED)
        self.assertTrue(not_creatable(archs["list"]))

    def test_list_shows_ten_columns_at_most(self):
        _action, archs = self.views(self.salesman, ENTRIES)
        columns = archs["list"].xpath(
            "field[not(@optional) and not(@column_invisible)]"
        )
        self.assertLessEqual(len(columns), 10)
        names = [column.get("name") for column in columns]
        # what happened with whom first, on a narrow screen too: not the number
        self.assertLess(names.index("partner_id"), names.index("name"))
        self.assertLess(names.index("description"), names.index("name"))
        # the marks keep room for their labels
        for name in ("attempt_failed", "canceled"):
            with self.subTest(name=name):
                self.assertIn(name, names)
                [column] = archs["list"].xpath(f"field[@name='{name}']")
                self.assertTrue(column.get("width"))

    def test_both_lists_have_cards_for_a_phone(self):
        for xmlid in (ENTRIES, POSTPONED):
            with self.subTest(action=xmlid):
                action, archs = self.views(self.salesman, xmlid)
                # Odoo's web client opens an action's kanban view first on a
                # small screen (action_service.js: mobile_view_mode)
                self.assertEqual(action["mobile_view_mode"], "kanban")
                self.assertIn(
                    "kanban", [view_type for _id, view_type in action["views"]]
                )
                card = archs["kanban"].xpath("templates/t[@t-name='card']")[0]
                shown = {field.get("name") for field in card.iter("field")}
                self.assertTrue(
                    {
                        "partner_id",
                        "date",
                        "description",
                        "template_id",
                        "channel",
                        "delivery_status",
                    }
                    <= shown
                )
                self.assertTrue(
                    card.xpath("widget[@name='web_ribbon' and @title='Canceled']")
                )

    def test_one_switch_canceled_mark_button(self):
        _action, archs = self.views(self.salesman, ENTRIES)
        buttons = archs["form"].xpath("//header/button[@name='action_toggle_canceled']")
        self.assertEqual(
            [(b.get("string"), b.get("invisible")) for b in buttons],
            [("Switch Canceled Mark", "postponed")],
        )

    # --- the search view ---------------------------------------------------
    def test_filters_find_the_entries(self):
        entries = self.make_entries()
        expected = {
            "channel_manual": {"manual"},
            "channel_document": {"invoice", "quotation", "purchase", "picking"},
            "channel_email": {"failed_email", "sent_email", "queued_email"},
            "channel_segment": {"segment"},
            "channel_activity": {"activity"},
            "channel_meeting": {"meeting"},
            "channel_sms": {"sms"},
            "channel_mailing": {"mailing"},
            "hard_copy": {"manual", "quotation", "purchase", "picking", "meeting"},
            "by_email": {
                "invoice",
                "failed_email",
                "sent_email",
                "queued_email",
                "segment",
                "activity",
                "mailing",
            },
            "by_sms": {"sms"},
            "outbound": set(entries) - {"invoice", "activity"},
            "inbound": {"invoice", "activity"},
            "initiated_by_us": set(entries) - {"invoice", "activity"},
            "initiated_by_them": {"invoice", "activity"},
            "delivery_error": {"failed_email", "segment", "mailing"},
            "delivery_in_progress": {"queued_email"},
            "delivered": {"sent_email", "sms"},
            "with_opportunity": {"manual"},
            "with_campaign": {"manual"},
            "document_sale": {"quotation"},
            "document_invoice": {"invoice"},
            "document_purchase": {"purchase"},
            "document_picking": {"picking"},
        }
        _action, archs = self.views(self.salesman, ENTRIES)
        search = archs["search"]
        # the delivery errors come first in their section
        [delivery] = search.xpath("filter[@name='delivery_error']")
        previous = next(delivery.itersiblings("separator", "filter", preceding=True))
        self.assertEqual(previous.tag, "separator")
        Entry = self.env["crm.interaction.log.entry"].with_user(self.salesman)
        mine = [("id", ">", self.last_entry_id)]
        for name, keys in expected.items():
            with self.subTest(filter=name):
                [node] = search.xpath(f"filter[@name='{name}']")
                domain = safe_eval(node.get("domain"), {"uid": self.salesman.id})
                found = Entry.search(mine + domain)
                self.assertEqual(
                    {key for key, entry in entries.items() if entry in found}, keys
                )
                self.assertEqual(len(found), len(keys))

    def test_group_bys_group_the_entries(self):
        entries = self.make_entries()
        everyone_but = set(entries).difference
        expected = {
            "groupby_commercial_partner": {
                self.company.id: everyone_but({"activity"}),
                self.other.id: {"activity"},
            },
            "groupby_channel": {
                "manual": {"manual"},
                "document": {"invoice", "quotation", "purchase", "picking"},
                "email": {"failed_email", "sent_email", "queued_email"},
                "segment": {"segment"},
                "activity": {"activity"},
                "meeting": {"meeting"},
                "sms": {"sms"},
                "mailing": {"mailing"},
            },
            "groupby_correspondence_type": {
                "hard_copy": {"manual", "quotation", "purchase", "picking", "meeting"},
                "email": everyone_but(
                    {"manual", "quotation", "purchase", "picking", "meeting", "sms"}
                ),
                "sms": {"sms"},
            },
            "groupby_information_flow": {
                "outbound": everyone_but({"invoice", "activity"}),
                "inbound": {"invoice", "activity"},
            },
            "groupby_initiated_by": {
                "us": everyone_but({"invoice", "activity"}),
                "them": {"invoice", "activity"},
            },
            "groupby_delivery_status": {
                False: {
                    "manual",
                    "invoice",
                    "quotation",
                    "purchase",
                    "picking",
                    "activity",
                    "meeting",
                },
                "error": {"failed_email"},
                "sent": {"sent_email", "sms"},
                "in_progress": {"queued_email"},
                "not_sent": {"segment"},
                "bounced": {"mailing"},
            },
            "groupby_campaign": {
                self.campaign.id: {"manual"},
                False: everyone_but({"manual"}),
            },
            "groupby_lead": {self.lead.id: {"manual"}, False: everyone_but({"manual"})},
            "groupby_segment": {
                self.segment.id: {"segment"},
                False: everyone_but({"segment"}),
            },
            "groupby_logged_segment": {
                self.logged_segment.id: {"segment"},
                False: everyone_but({"segment"}),
            },
            "groupby_document_type": {
                self.document_type("sales_invoice"): {"invoice"},
                self.document_type("sales_quote"): {"quotation"},
                self.document_type("purchase_quote"): {"purchase"},
                self.document_type("delivery"): {"picking"},
                False: everyone_but({"invoice", "quotation", "purchase", "picking"}),
            },
        }
        _action, archs = self.views(self.salesman, ENTRIES)
        Entry = self.env["crm.interaction.log.entry"].with_user(self.salesman)
        key_of = {entry.id: key for key, entry in entries.items()}
        for name, groups in expected.items():
            with self.subTest(group_by=name):
                [node] = archs["search"].xpath(f"//filter[@name='{name}']")
                group_by = safe_eval(node.get("context"))["group_by"]
                found = {
                    (value.id if isinstance(value, models.BaseModel) else value): {
                        key_of[id_] for id_ in ids
                    }
                    for value, ids in Entry._read_group(
                        [("id", ">", self.last_entry_id)], [group_by], ["id:array_agg"]
                    )
                }
                self.assertEqual(found, groups)

    # --- Create Interaction from the list ----------------------------------
    def test_create_interaction_button_opens_the_wizard_without_contact(self):
        action = self.click_create_interaction(self.salesman)
        self.assertEqual(
            (action["res_model"], action["target"]),
            ("crm.interaction.create.wizard", "new"),
        )
        Wizard = (
            self.env[action["res_model"]]
            .with_user(self.salesman)
            .with_context(**action["context"])
        )
        form = Form(Wizard)
        self.assertFalse(form.partner_id)
        # the salesman picks the contact and the template: their onchanges
        # fill in the rest
        form.partner_id = self.person
        form.template_id = self.template
        self.assertEqual(form.contact_via, "+46 8 123")
        self.assertEqual(form.description, self.template.name)
        self.assertEqual(form.user_id, self.salesman)
        form.description = "Called about the chairs"
        wizard = form.save()
        wizard.action_finish()
        entry = self.env["crm.interaction.log.entry"].search(
            [("id", ">", self.last_entry_id)]
        )
        self.assertEqual(entry, wizard.entry_id)
        self.assertEqual(
            (
                entry.partner_id,
                entry.commercial_partner_id,
                entry.template_id,
                entry.description,
                entry.user_id,
                entry.logged_by_id,
                entry.channel,
                entry.contact_via,
                entry.postponed,
            ),
            (
                self.person,
                self.company,
                self.template,
                "Called about the chairs",
                self.salesman,
                self.salesman,
                "manual",
                "+46 8 123",
                False,
            ),
        )

    def test_create_interaction_button_of_a_contacts_entries(self):
        """The contact's own list of entries proposes the contact."""
        entries = self.person2.with_user(
            self.salesman
        ).action_view_interaction_log_entries()
        action = self.click_create_interaction(self.salesman, entries["context"])
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.salesman)
            .with_context(**action["context"])
        )
        self.assertEqual(form.partner_id, self.person2)

    def test_contact_chosen_in_the_wizard_brings_its_salesperson(self):
        """An interaction user who is no salesperson logs for the contact's
        salesperson, whether the wizard is opened on the contact or the
        contact is chosen in it."""
        action = self.click_create_interaction(self.plain_user)
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.plain_user)
            .with_context(**action["context"])
        )
        self.assertEqual(form.user_id, self.plain_user)
        form.partner_id = self.other
        self.assertEqual(form.user_id, self.manager)
        form.template_id = self.template_in
        wizard = form.save()
        wizard.action_finish()
        self.assertEqual(
            (wizard.entry_id.partner_id, wizard.entry_id.user_id),
            (self.other, self.manager),
        )
        # a salesperson logs for himself
        action = self.click_create_interaction(self.salesman)
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.salesman)
            .with_context(**action["context"])
        )
        form.partner_id = self.other
        self.assertEqual(form.user_id, self.salesman)

    def test_new_card_of_a_contacts_entries(self):
        """On a phone, "New" of the contact's cards opens Create Interaction on
        the contact: the web client runs the kanban's on_create with the
        context of the cards."""
        entries = self.person2.with_user(
            self.salesman
        ).action_view_interaction_log_entries()
        _action, archs = self.views(self.salesman, ENTRIES)
        action = self.new_card_action(self.salesman, archs["kanban"])
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.salesman)
            .with_context(**safe_eval(action["context"] or "{}"), **entries["context"])
        )
        self.assertEqual(form.partner_id, self.person2)
        form.template_id = self.template
        form.save().action_finish()
        self.assertEqual(
            self.env["crm.interaction.log.entry"]
            .search([("id", ">", self.last_entry_id)])
            .partner_id,
            self.person2,
        )

    def test_create_interaction_button_refused_without_interaction_rights(self):
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.click_create_interaction(self.employee)
        self.assertFalse(
            self.env["crm.interaction.create.wizard"].search(
                [("create_uid", "=", self.employee.id)]
            )
        )

    # --- the analysis where Odoo's reports are -----------------------------
    def test_analysis_menus_under_reporting(self):
        analysis = self.env.ref("crm_interaction_log.crm_interaction_analysis_action")
        menus = {
            "sale.menu_sale_report": self.env.ref(
                "crm_interaction_log.crm_interaction_analysis_menu_sale"
            ),
            "crm.crm_menu_report": self.env.ref(
                "crm_interaction_log.crm_interaction_analysis_menu_crm"
            ),
        }
        for parent, menu in menus.items():
            with self.subTest(parent=parent):
                self.assertEqual(menu.parent_id, self.env.ref(parent))
                self.assertEqual(menu.action, analysis)
        Menu = self.env["ir.ui.menu"]
        seen = Menu.with_user(self.salesman)._visible_menu_ids()
        for parent, menu in menus.items():
            with self.subTest(user="salesman", parent=parent):
                self.assertIn(menu.id, seen)
                self.assertIn(self.env.ref(parent).id, seen)
        seen = Menu.with_user(self.employee)._visible_menu_ids()
        for parent, menu in menus.items():
            with self.subTest(user="employee", parent=parent):
                self.assertNotIn(menu.id, seen)
        # an interaction user without sales rights finds the analysis under
        # Sales > Reporting, and not Odoo's sales reports, which he may not read
        seen = Menu.with_user(self.plain_user)._visible_menu_ids()
        self.assertIn(menus["sale.menu_sale_report"].id, seen)
        self.assertNotIn(self.env.ref("sale.menu_reporting_sales").id, seen)

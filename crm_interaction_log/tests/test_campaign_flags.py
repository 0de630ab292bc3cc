# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestCampaignFlags(InteractionCase):
    """A template's campaign target / response marks, as a salesperson logs
    interactions for a campaign and finds its contacts afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls.env["utm.campaign"].create({"name": "Autumn offer"})
        Template = cls.env["crm.interaction.template"]
        cls.template_target = Template.create(
            {
                "code": "TOFFER",
                "name": "Autumn offer letter",
                "group_id": cls.group.id,
                "correspondence_type": "hard_copy",
                "campaign_id": cls.campaign.id,
                "campaign_target": True,
            }
        )
        cls.template_response = Template.create(
            {
                "code": "TREPLY",
                "name": "Reply to the autumn offer",
                "group_id": cls.group.id,
                "information_flow": "inbound",
                "initiated_by": "them",
                "campaign_id": cls.campaign.id,
                "campaign_response": True,
            }
        )
        # marked, but of no campaign: its entries are never marked
        cls.template_no_campaign = Template.create(
            {
                "code": "TNOCAMP",
                "name": "Letter without campaign",
                "group_id": cls.group.id,
                "campaign_target": True,
                "campaign_response": True,
            }
        )
        cls.Entry = cls.env["crm.interaction.log.entry"]
        cls.Partner = cls.env["res.partner"].with_user(cls.salesman)

    def flags(self, entries):
        entries.invalidate_recordset()
        return [(e.campaign_target, e.campaign_response) for e in entries]

    def wizard(self, template, **values):
        """Create Interaction as the salesman fills it in on Paula."""
        form = Form(
            self.env["crm.interaction.create.wizard"]
            .with_user(self.salesman)
            .with_context(default_partner_id=self.person.id)
        )
        form.template_id = template
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def log_segment(self, template, partners, **values):
        segment = (
            self.env["crm.segment"]
            .with_user(self.salesman)
            .create(
                dict(
                    {"description": "Autumn mailing", "template_id": template.id},
                    **values,
                )
            )
        )
        segment._add_partners(partners)
        self.env["crm.segment.log.wizard"].with_user(self.salesman).create(
            {"segment_id": segment.id}
        ).action_log()
        return self.Entry.search([("segment_id", "=", segment.id)])

    def contacts(self, domain):
        return self.Partner.search(domain)

    def counts(self, user=None):
        campaign = self.campaign.with_user(user or self.salesman)
        campaign.invalidate_recordset()
        return (
            campaign.interaction_count,
            campaign.interaction_targeted_count,
            campaign.interaction_responded_count,
        )

    # --- logging marks the entries ----------------------------------------
    def test_create_interaction_wizard_marks_target(self):
        wizard = self.wizard(self.template_target)
        self.assertEqual(wizard.campaign_id, self.campaign)  # from the template
        wizard.action_finish()
        entry = self.Entry.search([("partner_id", "=", self.person.id)])
        self.assertEqual(entry, wizard.entry_id)
        self.assertEqual(entry.campaign_id, self.campaign)
        self.assertEqual(self.flags(entry), [(True, False)])

    def test_create_interaction_wizard_without_campaign(self):
        """The salesperson clears the campaign: the entry is not targeted."""
        wizard = self.wizard(self.template_target, campaign_id=self.env["utm.campaign"])
        wizard.action_finish()
        self.assertFalse(wizard.entry_id.campaign_id)
        self.assertEqual(self.flags(wizard.entry_id), [(False, False)])

    def test_resume_with_a_campaign_template(self):
        """A postponed interaction finished with another template takes that
        template's marks."""
        wizard = self.wizard(self.template_no_campaign)
        wizard.action_finish_later()
        entry = wizard.entry_id
        self.assertEqual(self.flags(entry), [(False, False)])
        action = entry.with_user(self.salesman).action_resume()
        resumed = self.env[action["res_model"]].with_user(self.salesman)
        with Form(resumed.browse(action["res_id"])) as form:
            form.template_id = self.template_response
        resumed.browse(action["res_id"]).action_finish()
        self.assertFalse(entry.postponed)
        self.assertEqual(entry.campaign_id, self.campaign)
        self.assertEqual(self.flags(entry), [(False, True)])

    def test_create_marks_from_template_only_with_campaign(self):
        entries = self.log(self.person, self.template_target)
        entries |= self.log(self.person, self.template_response)
        entries |= self.log(self.person, self.template_target, campaign_id=False)
        entries |= self.log(self.person, self.template_no_campaign)
        entries |= self.log(self.person, self.template)
        self.assertEqual(
            self.flags(entries),
            [(True, False), (False, True), (False, False), (False, False)]
            + [(False, False)],
        )
        # another campaign on the entry: the template's marks, for it
        other = self.env["utm.campaign"].create({"name": "Winter offer"})
        entry = self.log(self.person, self.template_no_campaign, campaign_id=other.id)
        self.assertEqual(self.flags(entry), [(True, True)])

    def test_bulk_create_marks(self):
        """The batch path of printed and sent documents marks them alike."""
        entries = self.Entry.with_user(self.salesman)._bulk_create(
            [
                {
                    "partner_id": self.person.id,
                    "template_id": template.id,
                    "description": "Printed",
                    "date": fields.Datetime.now(),
                    "user_id": self.salesman.id,
                }
                for template in (
                    self.template_target,
                    self.template_response,
                    self.template_no_campaign,
                )
            ]
        )
        self.assertEqual(
            self.flags(entries), [(True, False), (False, True), (False, False)]
        )

    def test_segment_log_marks_target_group(self):
        # the segment takes the template's campaign
        entries = self.log_segment(self.template_target, self.person | self.person2)
        self.assertEqual(len(entries), 2)
        self.assertEqual(entries.campaign_id, self.campaign)
        self.assertEqual(self.flags(entries), [(True, False)] * 2)
        self.assertEqual(self.counts(), (2, 2, 0))
        self.assertEqual(
            self.contacts(
                [("interaction_targeted_campaign_ids", "in", self.campaign.ids)]
            ),
            self.person | self.person2,
        )

    def test_segment_without_campaign_is_not_marked(self):
        entries = self.log_segment(
            self.template_no_campaign, self.person | self.person2, campaign_id=False
        )
        entries |= self.log_segment(
            self.template_target, self.person, campaign_id=False
        )
        self.assertEqual(len(entries), 3)
        self.assertFalse(entries.campaign_id)
        self.assertEqual(self.flags(entries), [(False, False)] * 3)

    # --- the campaign shows its target group and responses ----------------
    def test_response_marks_contact_on_campaign(self):
        self.log_segment(self.template_target, self.person | self.person2)
        # Olga, the manager's contact, targeted by him: not the salesman's entry
        self.log(self.other, self.template_target, user=self.manager)
        wizard = self.wizard(self.template_response, description="Paula accepts")
        wizard.action_finish()
        reply = wizard.entry_id
        self.assertEqual(self.flags(reply), [(False, True)])
        # the salesman counts the entries he may read
        self.assertEqual(self.counts(), (3, 2, 1))
        self.assertEqual(self.counts(self.manager), (4, 3, 1))

        responded = [("interaction_responded_campaign_ids", "in", self.campaign.ids)]
        self.assertEqual(self.contacts(responded), self.person)
        self.assertEqual(
            self.contacts(
                [("interaction_responded_campaign_ids", "=", self.campaign.id)]
            ),
            self.person,
        )
        # as the search view's field finds it, by the campaign's name
        self.assertEqual(
            self.contacts([("interaction_responded_campaign_ids", "ilike", "autumn")]),
            self.person,
        )
        # the filter "Responded to a Campaign", and its opposite
        self.assertEqual(
            self.contacts([("interaction_responded_campaign_ids", "!=", False)]),
            self.person,
        )
        not_responded = self.contacts(
            [("interaction_responded_campaign_ids", "not in", self.campaign.ids)]
        )
        self.assertIn(self.person2, not_responded)
        self.assertNotIn(self.person, not_responded)
        self.assertEqual(
            self.contacts(
                [
                    ("id", "in", (self.person | self.person2).ids),
                    ("interaction_responded_campaign_ids", "=", False),
                ]
            ),
            self.person2,
        )
        # on the contact
        person = self.person.with_user(self.salesman)
        self.assertEqual(person.interaction_responded_campaign_ids, self.campaign)
        self.assertEqual(person.interaction_targeted_campaign_ids, self.campaign)
        self.assertFalse(
            self.person2.with_user(self.salesman).interaction_responded_campaign_ids
        )

        # the smart buttons open these contacts and entries
        campaign = self.campaign.with_user(self.salesman)
        action = campaign.action_view_responded_contacts()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(self.contacts(action["domain"]), self.person)
        action = campaign.action_view_targeted_contacts()
        self.assertEqual(self.contacts(action["domain"]), self.person | self.person2)
        action = campaign.action_view_interactions()
        entries = self.Entry.with_user(self.salesman).search(action["domain"])
        self.assertEqual(len(entries), 3)
        self.assertIn(reply, entries)

        # a canceled response no longer counts
        reply.with_user(self.salesman).action_toggle_canceled()
        self.assertEqual(self.counts()[2], 0)
        self.assertFalse(self.contacts(responded))

    def test_campaign_buttons_for_interaction_users_only(self):
        Campaign = self.env["utm.campaign"]
        arch = Campaign.with_user(self.salesman).get_views([(False, "form")])
        self.assertIn("action_view_responded_contacts", str(arch))
        arch = Campaign.with_user(self.employee).get_views([(False, "form")])
        self.assertNotIn("action_view_responded_contacts", str(arch))
        # the employee still reads the campaign
        self.assertEqual(
            self.campaign.with_user(self.employee).read(["name"])[0]["name"],
            "Autumn offer",
        )

    # --- users cannot forge the marks -------------------------------------
    def test_marks_cannot_be_forged(self):
        Entry = self.Entry.with_user(self.salesman)
        values = {
            "partner_id": self.person.id,
            "template_id": self.template_no_campaign.id,
            "description": "Forged",
            "campaign_id": False,
        }
        for flag in ("campaign_target", "campaign_response"):
            with self.assertRaises(AccessError):
                Entry.create(dict(values, **{flag: True}))
        self.assertFalse(self.Entry.search([("description", "=", "Forged")]))
        # nor unmarks a target by giving False
        entry = Entry.create(
            {
                "partner_id": self.person.id,
                "template_id": self.template_target.id,
                "description": "Unmarked",
                "campaign_target": False,
            }
        )
        self.assertEqual(self.flags(entry), [(True, False)])
        for vals in ({"campaign_target": False}, {"campaign_response": True}):
            with self.assertRaises(AccessError):
                entry.write(vals)
        self.assertEqual(self.flags(entry), [(True, False)])

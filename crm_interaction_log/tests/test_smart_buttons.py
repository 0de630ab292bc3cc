# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import InteractionCase

TODAY = "2026-05-15 12:00:00"
FIGURES = ("entry_count", "total_cost", "total_duration")
# the form of Settings > Users (the default one is for inviting users)
USER_FORM = "base.view_users_form"


@tagged("post_install", "-at_install")
class TestSmartButtons(InteractionCase):
    """Where users look for interactions: the contact, the opportunity, the
    salesperson, the interaction group and template."""

    def setUp(self):
        super().setUp()
        self.salesman.tz = self.plain_user.tz = self.manager.tz = "UTC"

    def _arch(self, model, user, view=None):
        """The form of ``model`` (the ``view`` of that xml id, by default the
        model's) as ``user`` gets it from the web client."""
        view_id = view and self.env.ref(view).id
        views = self.env[model].with_user(user).get_views([(view_id, "form")])
        return etree.fromstring(views["views"]["form"]["arch"])

    def _entries(self, action, user):
        """The entries the list of ``action`` shows ``user``."""
        return (
            self.env["crm.interaction.log.entry"]
            .with_user(user)
            .search(action["domain"])
        )

    def _figures(self, record):
        record.invalidate_recordset(FIGURES)
        return tuple(record[name] for name in FIGURES)

    # ------------------------------------------------------------------
    # the contact
    # ------------------------------------------------------------------
    def test_contact_form_buttons(self):
        """Create Interaction is the first button of the contact's box, so
        that a narrow form does not fold it under "More"; the count follows."""
        box = self._arch("res.partner", self.salesman).xpath(
            "//div[@name='button_box']"
        )[0]
        self.assertEqual(
            [button.get("name") for button in box[:3]],
            [
                "action_create_interaction",
                "action_view_interaction_log_entries",
                "action_view_postponed_interactions",
            ],
        )
        self.assertEqual(box[2].get("invisible"), "not interaction_postponed_count")
        names = self._arch("res.partner", self.employee).xpath("//button/@name")
        self.assertNotIn("action_create_interaction", names)
        self.assertNotIn("action_view_postponed_interactions", names)

    def test_contact_postponed(self):
        """The contact's postponed interactions the salesman may read, in the
        list that resumes them; a company's include its persons'."""
        self.log(self.person, description="Logged")
        postponed = self.log(self.person, postponed=True)
        postponed2 = self.log(self.person2, postponed=True)
        # the manager's, on a contact not the salesman's: not his to see
        self.log(self.person, user=self.manager, postponed=True)
        person = self.person.with_user(self.salesman)
        self.assertEqual(person.interaction_postponed_count, 1)
        action = person.action_view_postponed_interactions()
        self.assertEqual(self._entries(action, self.salesman), postponed)
        postponed_list = self.env.ref(
            "crm_interaction_log.crm_interaction_log_entry_view_tree_postponed"
        )
        self.assertIn((postponed_list.id, "list"), action["views"])
        company = self.company.with_user(self.salesman)
        self.assertEqual(company.interaction_postponed_count, 2)
        self.assertEqual(
            self._entries(company.action_view_postponed_interactions(), self.salesman),
            postponed | postponed2,
        )
        self.assertEqual(
            self.other.with_user(self.salesman).interaction_postponed_count, 0
        )
        # the manager sees his own too
        self.assertEqual(
            self.person.with_user(self.manager).interaction_postponed_count, 2
        )

    def test_contact_postponed_refused_without_interaction_rights(self):
        self.log(self.person, postponed=True)
        person = self.person.with_user(self.employee)
        with self.assertRaises(AccessError):
            person.read(["interaction_postponed_count"])
        action = self.person.with_user(
            self.salesman
        ).action_view_postponed_interactions()
        with self.assertRaises(AccessError):
            self._entries(action, self.employee)

    # ------------------------------------------------------------------
    # the opportunity
    # ------------------------------------------------------------------
    def test_opportunity_entries(self):
        """The opportunity's button counts and lists the entries logged for
        it; the header keeps Create Interaction."""
        lead = self.env["crm.lead"].create(
            {
                "name": "Smart buttons deal",
                "type": "opportunity",
                "partner_id": self.person.id,
                "user_id": self.salesman.id,
            }
        )
        entries = self.log(self.person, lead_id=lead.id) | self.log(
            self.person2, lead_id=lead.id
        )
        self.log(self.person, lead_id=lead.id, postponed=True)
        self.log(self.person)  # not for the opportunity
        lead = lead.with_user(self.salesman)
        self.assertEqual(lead.interaction_count, 2)
        action = lead.action_view_interaction_log_entries()
        self.assertEqual(self._entries(action, self.salesman), entries)
        arch = self._arch("crm.lead", self.salesman)
        self.assertTrue(
            arch.xpath("//header/button[@name='action_create_interaction']")
        )
        self.assertTrue(
            arch.xpath(
                "//div[@name='button_box']"
                "/button[@name='action_view_interaction_log_entries']"
            )
        )
        with self.assertRaises(AccessError):
            lead.with_user(self.employee).read(["interaction_count"])
        with self.assertRaises(AccessError):
            self._entries(action, self.employee)

    # ------------------------------------------------------------------
    # the salesperson
    # ------------------------------------------------------------------
    @freeze_time(TODAY)
    def test_salesperson_statistics(self):
        """The salesman's own figures by period: the counted entries he is the
        salesperson of, not those of others."""
        for cost, when in (
            (1, "2025-12-31 10:00:00"),  # last year
            (2, "2026-02-10 10:00:00"),  # this year
            (4, "2026-04-20 10:00:00"),  # this quarter
            (8, "2026-05-03 10:00:00"),  # this month
        ):
            self.log(self.person, cost=cost, duration=cost * 10, date=when)
        self.log(self.person, cost=16, date=TODAY).action_toggle_canceled()
        self.log(self.person, cost=32, date=TODAY, postponed=True)
        others = self.log(
            self.person, user=self.salesman_all, cost=64, duration=640, date=TODAY
        )
        me = self.salesman.with_user(self.salesman)
        self.assertEqual(self._figures(me), (4, 15.0, 150.0))
        for period, figures in (
            ("month", (1, 8.0, 80.0)),
            ("quarter", (2, 12.0, 120.0)),
            ("year", (3, 14.0, 140.0)),
        ):
            me.write({"interaction_period": period})
            self.assertEqual(self._figures(me), figures, period)
        me.write(
            {
                "interaction_period": "range",
                "interaction_date_from": "2026-02-01",
                "interaction_date_to": "2026-04-30",
            }
        )
        self.assertEqual(self._figures(me), (2, 6.0, 60.0))
        action = me.action_view_interaction_log_entries()
        self.assertEqual(len(self._entries(action, self.salesman)), 5)  # + canceled
        # another salesperson's entries, of a contact not his: not counted
        colleague = self.salesman_all.with_user(self.salesman)
        self.assertEqual(self._figures(colleague), (0, 0.0, 0.0))
        colleague = self.salesman_all.with_user(self.salesman_all)
        self.assertEqual(self._figures(colleague), (1, 64.0, 640.0))
        self.assertEqual(
            self._entries(
                colleague.action_view_interaction_log_entries(), self.manager
            ),
            others,
        )
        names = self._arch("res.users", self.salesman, USER_FORM).xpath(
            "//button/@name"
        )
        self.assertIn("action_view_interaction_log_entries", names)

    def test_salesperson_statistics_refused_without_interaction_rights(self):
        self.log(self.person)
        user = self.salesman.with_user(self.employee)
        for names in (list(FIGURES), ["interaction_period"]):
            with self.assertRaises(AccessError):
                user.read(names)
        with self.assertRaises(AccessError):
            user.write({"interaction_period": "month"})
        names = self._arch("res.users", self.employee, USER_FORM).xpath(
            "//button/@name"
        )
        self.assertNotIn("action_view_interaction_log_entries", names)

    # ------------------------------------------------------------------
    # the interaction group and template
    # ------------------------------------------------------------------
    @freeze_time(TODAY)
    def test_group_and_template_statistics_by_period(self):
        """The interaction user and the manager choose a period on a group and
        a template they read: the figures follow, nothing is written."""
        self.log(self.person, cost=1, duration=10, date="2025-12-31 10:00:00")
        self.log(self.person, cost=2, duration=20, date="2026-02-10 10:00:00")
        self.log(
            self.person,
            template=self.template_in,
            cost=4,
            duration=40,
            date="2026-05-03 10:00:00",
        )
        self.log(self.person, cost=8, date=TODAY).action_toggle_canceled()
        self.log(self.person, cost=16, date=TODAY, postponed=True)
        self.env.flush_all()
        written = (self.group.write_date, self.template.write_date)
        for user in (self.plain_user, self.manager):
            group = self.group.with_user(user)
            template = self.template.with_user(user)
            for period, group_figures, template_figures in (
                ("all", (3, 7.0, 70.0), (2, 3.0, 30.0)),
                ("month", (1, 4.0, 40.0), (0, 0.0, 0.0)),
                ("year", (2, 6.0, 60.0), (1, 2.0, 20.0)),
            ):
                group.write({"interaction_period": period})
                template.write({"interaction_period": period})
                self.assertEqual(self._figures(group), group_figures, (user, period))
                self.assertEqual(
                    self._figures(template), template_figures, (user, period)
                )
            template.write(
                {
                    "interaction_period": "range",
                    "interaction_date_from": "2026-01-01",
                    "interaction_date_to": False,
                }
            )
            self.assertEqual(self._figures(template), (1, 2.0, 20.0))
        self.env.flush_all()
        self.group.invalidate_recordset(["write_date"])
        self.template.invalidate_recordset(["write_date"])
        self.assertEqual((self.group.write_date, self.template.write_date), written)

    def test_group_and_template_entries(self):
        entry = self.log(self.person)
        entry_in = self.log(self.person, template=self.template_in)
        self.log(self.person, postponed=True)
        group = self.group.with_user(self.plain_user)
        self.assertEqual(
            self._entries(group.action_view_interaction_log_entries(), self.plain_user),
            entry | entry_in,
        )
        template = self.template.with_user(self.plain_user)
        self.assertEqual(
            self._entries(
                template.action_view_interaction_log_entries(), self.plain_user
            ),
            entry,
        )
        for model in ("crm.interaction.group", "crm.interaction.template"):
            names = self._arch(model, self.plain_user).xpath(
                "//div[@name='button_box']/button/@name"
            )
            self.assertEqual(names, ["action_view_interaction_log_entries"], model)

    def test_manager_saves_period_with_changes(self):
        """A manager saves the period along with a change of the group: the
        change is saved, the period only shown."""
        group = self.group.with_user(self.manager)
        group.write({"name": "Calls", "interaction_period": "year"})
        self.assertEqual(group.interaction_period, "year")
        self.env.invalidate_all()
        self.assertEqual(self.group.name, "Calls")
        self.assertEqual(group.interaction_period, "all")

    def test_group_and_template_refused_without_interaction_rights(self):
        self.log(self.person)
        for record in (self.group, self.template):
            action = record.with_user(
                self.plain_user
            ).action_view_interaction_log_entries()
            record = record.with_user(self.employee)
            with self.assertRaises(AccessError):
                record.read(["entry_count"])
            with self.assertRaises(AccessError):
                record.write({"interaction_period": "month"})
            with self.assertRaises(AccessError):
                self._entries(action, self.employee)

"""The first hour of a salesperson and of a marketer in Odoo 18.0's web client,
step by step, as each of them would click: run by the end-to-end tests (a step
that does not work fails them) and by tools/screenshots.py, which takes the
README's pictures on the way (``shoot``).

The salesperson sees his own documents only; the marketer is an interaction
user and nothing more: the least-privileged users of each walk."""

import datetime
import re
import uuid

from browser import (
    choose_many2one,
    fill_interaction_wizard,
    finish_interaction_wizard,
    open_path,
)
from conftest import make_template, make_user, odoo_script
from playwright.sync_api import expect

SALESPERSON_GROUPS = ["sales_team.group_sale_salesman"]
MARKETER_GROUPS = ["crm_interaction_log.group_crm_interaction_user"]
MODULE = "crm_interaction_log"
TIMEOUT = 60000


def last_quarter(today=None):
    """The first and last day of the quarter before today's."""
    today = today or datetime.date.today()
    first_this = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    last = first_this - datetime.timedelta(days=1)
    return datetime.date(last.year, 3 * ((last.month - 1) // 3) + 1, 1), last


def set_up(admin, server, config, suffix=None):
    """The users and the data of both walks, made by the administrator: a
    salesperson with a contact and an opportunity of his, a marketer, a
    template and the entries of last quarter the marketer selects by. The
    names end in ``suffix`` (a random one by default), so that the walks
    find their own records on a database they have walked before."""
    suffix = uuid.uuid4().hex[:6].upper() if suffix is None else suffix

    def named(text):
        return f"{text} {suffix}".strip()

    data = {"suffix": suffix}
    for role, groups, name in (
        ("salesperson", SALESPERSON_GROUPS, "Sally Seller"),
        ("marketer", MARKETER_GROUPS, "Mark Marketer"),
    ):
        user_id, login, password, _ = make_user(admin, server, role, groups)
        admin("res.users", "write", [user_id], {"name": named(name)})
        data.update(
            {
                f"{role}_id": user_id,
                f"{role}_login": login,
                f"{role}_password": password,
            }
        )
    data["template_name"] = named("Phone call")
    data["template_id"] = make_template(
        admin, "CALL" + suffix, data["template_name"], correspondence_type="hard_copy"
    )
    data["newsletter_name"] = named("Spring newsletter")
    data["newsletter_id"] = make_template(
        admin, "NEWS" + suffix, data["newsletter_name"]
    )
    company_id = admin(
        "res.partner",
        "create",
        {"name": named("Nordlund Trading"), "is_company": True},
    )
    data["partner_name"] = named("Nina Nordlund")
    data["partner_id"] = admin(
        "res.partner",
        "create",
        {
            "name": data["partner_name"],
            "parent_id": company_id,
            "email": f"nina{suffix.lower()}@example.com",
            "user_id": data["salesperson_id"],
        },
    )
    data["lead_name"] = named("Office chairs for Nordlund")
    data["lead_id"] = admin(
        "crm.lead",
        "create",
        {
            "name": data["lead_name"],
            "type": "opportunity",
            "partner_id": data["partner_id"],
            "user_id": data["salesperson_id"],
        },
    )
    # the contacts who had the newsletter last quarter, and one who had it
    # before: the marketer's segment takes the first ones only
    first, last = last_quarter()
    data["readers"] = {
        admin("res.partner", "create", {"name": named(name)}): name
        for name in ("Anna Reader", "Bo Reader", "Carl Reader")
    }
    data["old_reader_id"] = admin(
        "res.partner", "create", {"name": named("Olle Old-Reader")}
    )
    entries = [
        (partner_id, first + datetime.timedelta(days=10 * n))
        for n, partner_id in enumerate(data["readers"])
    ] + [(data["old_reader_id"], first - datetime.timedelta(days=40))]
    # an entry of the opportunity, and the newsletter's entries: made on the
    # server as its own recorders write them (their fields are not the users')
    odoo_script(
        config,
        server.db,
        f"""
from odoo.addons.{MODULE}.models.switches import AUDIT_FIELDS, switched
Entry = env["crm.interaction.log.entry"]
with switched(AUDIT_FIELDS):
    Entry.create(dict(partner_id={data["partner_id"]},
                      template_id={data["template_id"]},
                      user_id={data["salesperson_id"]},
                      lead_id={data["lead_id"]},
                      description="Asked for a quote on the chairs",
                      company_id=env.ref("base.main_company").id))
    Entry.create([dict(partner_id=partner_id, template_id={data["newsletter_id"]},
                       description="Spring newsletter", date=f"{{day}} 09:00:00",
                       company_id=env.ref("base.main_company").id)
                  for partner_id, day in {[(p, d.isoformat()) for p, d in entries]!r}])
""",
    )
    return data


def no_shoot(_name):
    pass


def open_menu(page, app, section, menu, phone=False):
    """Open a menu as a user does: on a desktop the apps menu, the app, then
    the section's dropdown; on a phone the navbar's sidebar (XML ids)."""
    if phone:
        toggle = page.locator(".o_navbar .o_menu_toggle")
        sidebar = page.locator(".o_app_menu_sidebar")
        toggle.click()
        sidebar.wait_for(timeout=TIMEOUT)
        item = sidebar.locator(f"li[data-menu-xmlid='{menu}']")
        if not item.count():
            # another app is open: all the apps, then this one
            sidebar.get_by_text("All Apps").click()
            sidebar.locator(f"li.o_app[data-menu-xmlid='{app}']").click()
            page.wait_for_selector(".o_app_menu_sidebar", state="detached")
            toggle.click()
        page.locator(f".o_app_menu_sidebar li[data-menu-xmlid='{menu}']").click()
        return
    page.locator(".o_navbar_apps_menu button").click()
    page.locator(f".o-dropdown--menu .o_app[data-menu-xmlid='{app}']").click()
    page.locator(f".o_menu_sections button[data-menu-xmlid='{section}']").click(
        timeout=TIMEOUT
    )
    page.locator(f".dropdown-item[data-menu-xmlid='{menu}']").click()


def toggle_search_panel(page):
    """The search view's dropdown of filters and group-bys."""
    toggler = page.locator(".o_control_panel .o_searchview_dropdown_toggler")
    if not toggler.is_visible():
        # on a phone the search bar is folded behind its magnifier
        page.locator(".o_control_panel button:has(.fa-search)").click()
    toggler.click()
    return page.locator(".o_search_bar_menu")


def records(page, text):
    """The rows (list) or cards (kanban) of the open view that show ``text``."""
    return page.locator(".o_data_row, .o_kanban_record").filter(has_text=text)


def stat_button(page, name, phone=False):
    """A button of the form's button box, shown without opening "More" on
    a desktop; on a phone Odoo gathers them all under its bolt button."""
    page.wait_for_selector(".o_form_view .o_form_sheet", timeout=TIMEOUT)
    if phone:
        page.locator(".o_form_view .o-form-buttonbox .o_button_more").click()
        button = page.locator(f".o-form-buttonbox-small button[name={name}]")
    else:
        button = page.locator(f".o_form_view .o-form-buttonbox button[name={name}]")
    expect(button).to_be_visible(timeout=TIMEOUT)
    return button


def choose_search_item(page, text):
    """Click the filter or group-by ``text`` in the search view's dropdown, and
    close it."""
    menu = toggle_search_panel(page)
    menu.locator(".o_menu_item").filter(has_text=text).first.click()
    page.keyboard.press("Escape")


def open_analysis(page, phone=False):
    """Interaction Analysis, where Odoo's reports are: Sales > Reporting."""
    open_menu(
        page,
        "sale.sale_menu_root",
        "sale.menu_sale_report",
        f"{MODULE}.crm_interaction_analysis_menu_sale",
        phone=phone,
    )
    page.wait_for_selector(
        ".o_graph_renderer canvas, .o_pivot, .o_list_view", timeout=TIMEOUT
    )
    expect(page).to_have_title(re.compile("Interaction Analysis"), timeout=TIMEOUT)


def salesperson_walk(page, server, data, shoot=no_shoot, phone=False):
    """Open a contact, create an interaction from its form, find it on the
    timeline and in the entries (by menu), filter them by channel, group them
    by template, open the analysis from Sales > Reporting and the
    opportunity's interactions."""
    description = data["description"]
    suffix = "_phone" if phone else ""
    # the contact's form: Create Interaction is there, not folded under More
    open_path(page, server, f"/odoo/contacts/{data['partner_id']}")
    create = stat_button(page, "action_create_interaction", phone)
    if not phone:
        shoot("contact.png")
    create.click()
    dialog = fill_interaction_wizard(page, data["template_name"], description)
    shoot(f"create_interaction_wizard{suffix}.png")
    finish_interaction_wizard(page, dialog)

    # ... at the top of the contact's timeline
    page.locator(".o_form_view .o_notebook .nav-link:text-is('Timeline')").click()
    item = page.locator(".o_crm_interaction_timeline_item").filter(has_text=description)
    expect(item.first).to_be_visible(timeout=TIMEOUT)
    if not phone:
        page.locator(".o_form_view .o_notebook .nav-link.active").evaluate(
            "tab => tab.scrollIntoView({block: 'start'})"
        )
        shoot("timeline.png")

    # ... in Sales > Interactions > Interaction Log Entries: a list on a
    # desktop, cards on a phone
    open_menu(
        page,
        "sale.sale_menu_root",
        f"{MODULE}.crm_interaction_menu_root",
        f"{MODULE}.crm_interaction_log_entry_menu",
        phone=phone,
    )
    view = ".o_kanban_view" if phone else ".o_list_view"
    page.wait_for_selector(view, timeout=TIMEOUT)
    expect(records(page, description).first).to_be_visible(timeout=TIMEOUT)
    shoot(f"interaction_log_entries{suffix}.png")

    # filtered by channel: the interaction made by hand stays, the
    # opportunity's entry (recorded on the server) too; grouped by template
    choose_search_item(page, "Manual")
    expect(records(page, description).first).to_be_visible(timeout=TIMEOUT)
    choose_search_item(page, "Interaction Template")
    group = page.locator(".o_group_header, .o_kanban_group").filter(
        has_text=data["template_name"]
    )
    expect(group.first).to_be_visible(timeout=TIMEOUT)

    open_analysis(page, phone)

    # the opportunity's interactions, from its form
    open_path(page, server, f"/odoo/crm/{data['lead_id']}")
    stat_button(page, "action_view_interaction_log_entries", phone).click()
    expect(records(page, "Asked for a quote on the chairs").first).to_be_visible(
        timeout=TIMEOUT
    )


def open_segment_form(page, description, template_name, phone=False):
    """Sales > Interactions > Segments, New: a segment of the template saved
    with ``description``; its id."""
    open_menu(
        page,
        "sale.sale_menu_root",
        f"{MODULE}.crm_interaction_menu_root",
        f"{MODULE}.crm_segment_menu",
        phone=phone,
    )
    page.locator(
        ".o_control_panel .o-kanban-button-new, .o_list_button_add"
    ).first.click()
    page.locator(".o_form_view .o_field_widget[name=description] input").fill(
        description
    )
    choose_many2one(page, page.locator(".o_form_view"), "template_id", template_name)
    page.locator(".o_form_view .o_form_button_save").click()
    page.wait_for_url(re.compile(r"/\d+(\?.*)?$"), timeout=TIMEOUT)
    return int(re.search(r"/(\d+)(\?.*)?$", page.url).group(1))


def expect_lines(page, count):
    expect(
        page.locator(".o_form_view button[name=action_view_lines] .o_stat_value")
    ).to_have_text(str(count), timeout=TIMEOUT)


def segment_button(page, name, text=None):
    button = page.locator(f".o_form_view .o_form_statusbar button[name={name}]")
    if text:
        button = button.filter(has_text=text)
    button.first.click()


def confirm(page):
    """The confirmation dialog of a button with ``confirm``."""
    page.locator(".modal-dialog .modal-footer button.btn-primary").click()
    page.wait_for_selector(".modal-dialog", state="detached", timeout=TIMEOUT)


def add_contacts_by_interaction(page, template_name, period=None, shoot=no_shoot):
    """Add Contacts: those who had an interaction of the template, within
    ``period`` (first and last day) if given."""
    segment_button(page, "action_open_contacts_wizard", "Add Contacts")
    dialog = page.locator(".modal-dialog").last
    dialog.locator(".o_field_widget[name=interaction_condition] select").select_option(
        label="had an interaction"
    )
    choose_many2one(page, dialog, "interaction_template_ids", template_name)
    if period:
        for name, day in zip(
            ("interaction_date_from", "interaction_date_to"), period, strict=True
        ):
            field = dialog.locator(f".o_field_widget[name={name}] input")
            field.fill(day.strftime("%m/%d/%Y"))
            field.press("Enter")
        shoot("segment_add_contacts.png")
    dialog.locator(".modal-footer button[name=action_apply]").click()
    page.wait_for_selector(".modal-dialog", state="detached", timeout=TIMEOUT)


def marketer_walk(page, server, data, shoot=no_shoot):
    """Build a segment of the contacts who had an interaction of the
    newsletter last quarter, add more and go back one step, save the
    criteria, reuse them on a new segment and log it; then open the analysis.
    Returns both segments' ids."""
    period = last_quarter()
    first = open_segment_form(
        page, f"Newsletter readers {data['suffix']}".strip(), data["template_name"]
    )
    add_contacts_by_interaction(page, data["newsletter_name"], period, shoot)
    expect_lines(page, len(data["readers"]))
    # every reader, whenever: the old reader too; then undone
    add_contacts_by_interaction(page, data["newsletter_name"])
    expect_lines(page, len(data["readers"]) + 1)
    segment_button(page, "action_go_back")
    confirm(page)
    expect_lines(page, len(data["readers"]))
    shoot("segment.png")

    # the criteria saved, and reused on a new segment, which is logged
    segment_button(page, "action_save_criteria")
    dialog = page.locator(".modal-dialog").last
    dialog.locator(".o_field_widget[name=code] input").fill(f"READ{data['suffix']}")
    dialog.locator(".o_field_widget[name=name] input").fill("Newsletter readers")
    dialog.locator(".modal-footer button[name=action_save]").click()
    page.wait_for_selector(".modal-dialog", state="detached", timeout=TIMEOUT)

    second = open_segment_form(
        page, f"Follow-up call {data['suffix']}".strip(), data["template_name"]
    )
    segment_button(page, "action_reuse_criteria")
    dialog = page.locator(".modal-dialog").last
    choose_many2one(page, dialog, "saved_criteria_id", f"READ{data['suffix']}")
    dialog.locator(".modal-footer button[name=action_reuse]").click()
    page.wait_for_selector(".modal-dialog", state="detached", timeout=TIMEOUT)
    expect_lines(page, len(data["readers"]))
    segment_button(page, "action_log")
    dialog = page.locator(".modal-dialog").last
    dialog.locator(".modal-footer button[name=action_log]").click()
    page.wait_for_selector(".modal-dialog", state="detached", timeout=TIMEOUT)
    page.wait_for_selector(".o_form_view .o_form_sheet", timeout=TIMEOUT)

    # the effort of every salesperson and campaign, from Sales > Reporting
    open_analysis(page)
    shoot("interaction_analysis_graph.png")
    return [first, second]

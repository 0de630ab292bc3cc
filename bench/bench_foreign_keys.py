"""Benchmark 4: the entries' foreign keys at a million entries (100,000 with
--quick). A task (mail.activity) created from an entry keeps the link on the
task (mail_activity.interaction_entry_id), and no column of the entry table
points at a task: unlinking a task or marking it done deletes the task's own
row and touches no entry. Deleting a message sets the entries that point at it
to NULL (ON DELETE SET NULL): PostgreSQL looks those entries up by
mail_message_id for every deleted message, which is a scan of the whole entry
table unless the column has an index.

The same operations run, through the ORM, in the bench database (with the
module and its entries) and in a database with the same modules but this one
(created once, then reused), on the same contacts, tasks and messages:
unlinking 1,000 tasks, marking 1,000 tasks done, unlinking 1,000 messages, and
(for information) writing the state of 1,000 e-mails, whose entries' delivery
status follows it. One in ten of the tasks is linked to an entry (as "Create
Task" links them), one in ten of the deleted messages and every e-mail have an
entry pointing at them; after the tasks are gone, the entries they were
linked to are all still there. Goal: the ratio with the module / without it at
most 1.0; PASS is printed up to 1.10, the noise of two timings on a shared
machine; the difference a record is printed too. Each figure is the median of
seven runs (three for marking tasks done, which takes seconds), taken in turns
in either database and rolled back after each; the data is rolled back at the
end. Printed too: the number of foreign keys from the entry table to
mail_activity (0), and the plan of what deleting an entry runs on the tasks
(the index on interaction_entry_id)."""

import argparse
import ast
import os
import subprocess
import time
import uuid

from common import (
    MODULES,
    ODOO,
    ROOT,
    autocommit_connection,
    database_exists,
    ensure_database,
    environment,
    header,
    machine,
    make_partners,
    parse_args,
    row,
    write_entries,
)

from odoo.tools import SQL

ADDON = "crm_interaction_log"
RUN = uuid.uuid4().hex[:6].upper()  # codes unique to this run
COUNT = 1000  # tasks unlinked, tasks done, messages unlinked, e-mails sent
NO_INDEX_COUNT = 20  # messages unlinked with the index dropped (a scan each)
# one deleted task or message in LINKED has an entry pointing at it
LINKED = 10
REPEAT = 7
GOAL, NOISE = 1.0, 1.10


def baseline_modules():
    """The bench database's modules without this one: common.MODULES and the
    module's own dependencies, so that the databases differ by it alone."""
    with open(os.path.join(ROOT, ADDON, "__manifest__.py")) as f:
        depends = ast.literal_eval(f.read())["depends"]
    names = [m for m in MODULES.split(",") if m != ADDON]
    return ",".join(names + [m for m in depends if m not in names])


def ensure_baseline_database(args):
    """The database without the module: created the first time, reused after."""
    name = f"{args.database}_without_addon"
    if not database_exists(name):
        print(f"creating database {name} ...", flush=True)
        subprocess.run(
            ODOO
            + ["-c", args.config, "-d", name, "-i", baseline_modules()]
            + ["--without-demo=all", "--stop-after-init", "--log-level=warn"],
            check=True,
        )
    return argparse.Namespace(**{**vars(args), "database": name})


def make_activities(env, partner_ids, count):
    """``count`` to-dos on the contacts, assigned to the administrator, due
    today, in one INSERT."""
    todo = env.ref("mail.mail_activity_data_todo").id
    env.cr.execute(
        """
        INSERT INTO mail_activity
            (res_model_id, res_model, res_id, res_name, activity_type_id, summary,
             date_deadline, user_id, automated, active, create_uid, create_date,
             write_uid, write_date)
        SELECT %(model)s, 'res.partner', p, 'Contact ' || p, %(todo)s,
               'Bench task ' || g, current_date, %(user)s, false, true,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM (SELECT g, (%(partners)s)[1 + g %% %(n)s] AS p
                  FROM generate_series(1, %(count)s) g) s
        RETURNING id""",
        {
            "model": env["ir.model"]._get_id("res.partner"),
            "todo": todo,
            "user": env.ref("base.user_admin").id,
            "partners": partner_ids,
            "n": len(partner_ids),
            "count": count,
        },
    )
    return [r[0] for r in env.cr.fetchall()]


def make_messages(env, partner_ids, count, message_type):
    """``count`` messages in the contacts' chatter, in one INSERT: notes
    (``comment``) or the messages of outgoing e-mails (``email_outgoing``)."""
    env.cr.execute(
        """
        INSERT INTO mail_message
            (model, res_id, record_name, message_type, subtype_id, author_id,
             email_from, subject, body, is_internal, date, message_id,
             create_uid, create_date, write_uid, write_date)
        SELECT 'res.partner', p, 'Contact ' || p, %(type)s, %(subtype)s,
               %(author)s, 'admin@example.com', 'Bench message ' || g,
               '<p>Bench message ' || g || '</p>', false,
               now() at time zone 'UTC', '<bench-' || %(run)s || '-' || %(type)s
               || '-' || g || '@example.com>',
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM (SELECT g, (%(partners)s)[1 + g %% %(n)s] AS p
                  FROM generate_series(1, %(count)s) g) s
        RETURNING id, res_id""",
        {
            "type": message_type,
            "subtype": env.ref(
                "mail.mt_note" if message_type == "comment" else "mail.mt_comment"
            ).id,
            "author": env.ref("base.partner_admin").id,
            "run": RUN,
            "partners": partner_ids,
            "n": len(partner_ids),
            "count": count,
        },
    )
    return env.cr.fetchall()


def make_mails(env, partner_ids, count):
    """``count`` queued e-mails to contacts: their messages, then the mails."""
    messages = make_messages(env, partner_ids, count, "email_outgoing")
    env.cr.execute(
        """
        INSERT INTO mail_mail
            (mail_message_id, state, body_html, email_to, is_notification,
             auto_delete, create_uid, create_date, write_uid, write_date)
        SELECT m, 'outgoing', '<p>Bench</p>', 'bench' || p || '@example.com',
               false, false, 1, now() at time zone 'UTC', 1,
               now() at time zone 'UTC'
          FROM unnest(%(messages)s, %(partners)s) AS t(m, p)
        RETURNING id""",
        {
            "messages": [m for m, _p in messages],
            "partners": [p for _m, p in messages],
        },
    )
    mails = [r[0] for r in env.cr.fetchall()]
    if "interaction_delivery" in env["mail.mail"]._fields:
        # e-mails the log sends, which their entries follow
        env.cr.execute(
            "UPDATE mail_mail SET interaction_delivery = true WHERE id = ANY(%s)",
            (mails,),
        )
    return mails, [m for m, _p in messages]


def make_data(env, contacts):
    """The same contacts, tasks, notes and e-mails in either database."""
    partner_ids = make_partners(env, contacts, prefix="ForeignKeys")
    data = {
        "partners": partner_ids,
        "unlinked": make_activities(env, partner_ids, COUNT),
        "done": make_activities(env, partner_ids, COUNT),
        "messages": [m for m, _p in make_messages(env, partner_ids, COUNT, "comment")],
    }
    data["no_index"] = data["messages"][:NO_INDEX_COUNT]
    data["mails"], data["mail_messages"] = make_mails(env, partner_ids, COUNT)
    env.invalidate_all()
    return data


def make_entries(env, total, data):
    """``total`` entries over the contacts in one INSERT ... SELECT; the first
    ones are linked to one in LINKED of the tasks (the task's
    interaction_entry_id, as "Create Task" sets it), the next ones point at one
    in LINKED deleted messages and at every e-mail's message (in progress, as
    while the e-mail is queued), the others at nothing. Records in ``data``
    the entries linked to the tasks to unlink and to mark done."""
    group = env["crm.interaction.group"].create({"code": "FK" + RUN, "name": "Bench"})
    template = env["crm.interaction.template"].create(
        {
            "code": "FK" + RUN,
            "name": "Bench foreign keys",
            "group_id": group.id,
            "unit_cost": 1,
            "unit_duration": 5,
        }
    )
    activities = data["unlinked"][::LINKED] + data["done"][::LINKED]
    messages = data["messages"][::LINKED] + data["mail_messages"]
    ids = write_entries(
        env,
        SQL(
            """
            SELECT g AS row_order, 'FK' || g AS name, p AS partner_id,
                   p AS commercial_partner_id,
                   timestamp '2024-01-01' + (mod(g, 1095)) * interval '1 day'
                       + (mod(g, 600)) * interval '1 minute' AS date,
                   'Bench interaction ' || g AS description,
                   %(template)s AS template_id, 'outbound' AS information_flow,
                   'us' AS initiated_by, 1 AS user_id, 1 AS logged_by_id,
                   'email' AS correspondence_type, 1 AS company_id,
                   m AS mail_message_id,
                   CASE WHEN m IS NOT NULL THEN 'in_progress' END AS delivery_status
              FROM (SELECT g, (%(partners)s)[1 + mod(g, %(n)s)] AS p,
                           (%(messages)s)[g - %(n_activities)s] AS m
                      FROM generate_series(1, %(total)s) g) s""",
            template=template.id,
            messages=messages,
            n_activities=len(activities),
            partners=data["partners"],
            n=len(data["partners"]),
            total=total,
        ),
    )
    # the first entries are linked to the tasks, as "Create Task" links them
    env.cr.execute(
        """UPDATE mail_activity a SET interaction_entry_id = t.entry
             FROM unnest(%s::int[], %s::int[]) t(activity, entry)
            WHERE a.id = t.activity""",
        (activities, ids[: len(activities)]),
    )
    assert env.cr.rowcount == len(activities), "tasks not linked"
    for key in ("unlinked", "done"):
        data[key + "_entries"] = linked_entries(env, data[key])
        assert len(data[key + "_entries"]) == len(data[key][::LINKED]), key
    # the planner's statistics of the new rows (ANALYZE, unlike VACUUM, runs
    # inside the transaction, which is rolled back at the end)
    env.cr.execute("ANALYZE crm_interaction_log_entry")
    env.cr.execute("ANALYZE mail_activity")
    env.invalidate_all()


def linked(env, column, ids):
    """How many entries point at ``ids`` by their ``column``."""
    env.cr.execute(
        f"SELECT count(*) FROM crm_interaction_log_entry WHERE {column} = ANY(%s)",
        (ids,),
    )
    return env.cr.fetchone()[0]


def linked_entries(env, activity_ids):
    """The entries the tasks ``activity_ids`` are linked to."""
    env.cr.execute(
        """SELECT interaction_entry_id FROM mail_activity
            WHERE id = ANY(%s) AND interaction_entry_id IS NOT NULL""",
        (activity_ids,),
    )
    return [r[0] for r in env.cr.fetchall()]


def entries_left(env, entry_ids):
    """How many of the entries ``entry_ids`` exist."""
    env.cr.execute(
        "SELECT count(*) FROM crm_interaction_log_entry WHERE id = ANY(%s)",
        (entry_ids,),
    )
    return env.cr.fetchone()[0]


def run_once(env, operation, data, check=None, prepare=None):
    """Seconds of ``operation`` (flushed), rolled back afterwards; ``prepare``
    runs first, untimed; ``check`` runs before the rollback, on the data as the
    operation left it."""
    env.flush_all()
    env.invalidate_all()
    env.cr.execute("SAVEPOINT bench_foreign_keys")
    if prepare:
        prepare(env)
    start = time.perf_counter()
    operation(env, data)
    env.flush_all()
    seconds = time.perf_counter() - start
    if check:
        check(env, data)
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_foreign_keys")
    env.invalidate_all(flush=False)
    return seconds


def unlink_activities(env, data):
    env["mail.activity"].browse(data["unlinked"]).unlink()


def mark_done(env, data):
    env["mail.activity"].browse(data["done"]).action_feedback(feedback="Done")


def unlink_messages(env, data):
    env["mail.message"].browse(data["messages"]).unlink()


def unlink_no_index(env, data):
    env["mail.message"].browse(data["no_index"]).unlink()


def mails_sent(env, data):
    env["mail.mail"].browse(data["mails"]).write({"state": "sent"})


def gone(model, key):
    def check(env, data):
        assert (
            not env[model]
            .with_context(active_test=False)
            .search_count([("id", "in", data[key])])
        ), f"{model} not deleted"

    return check


def checked(model, key, column):
    """The deletion ran, and the entries that pointed at the deleted records
    now point at nothing (ON DELETE SET NULL ran)."""
    base = gone(model, key)

    def check(env, data):
        base(env, data)
        if "crm.interaction.log.entry" in env:
            assert linked(env, column, data[key]) == 0, column

    return check


def tasks_checked(key):
    """The tasks are gone, and the entries they were linked to are all still
    there (as many of them by id as before)."""
    base = gone("mail.activity", key)

    def check(env, data):
        base(env, data)
        if "crm.interaction.log.entry" in env:
            entries = data[key + "_entries"]
            assert entries_left(env, entries) == len(entries), "entries deleted"

    return check


def tasks_linked(env, data, key):
    """How many of the tasks are linked to an entry, and the entries there are
    of them (by id) before the operation."""
    entries = data[key + "_entries"]
    assert len(linked_entries(env, data[key])) == len(entries)
    assert entries_left(env, entries) == len(entries)
    return f"{len(entries)} of them linked to entries"


def messages_linked(env, data, key):
    return f"{linked(env, 'mail_message_id', data[key])} of them pointed at by entries"


def check_sent(env, data):
    env.cr.execute(
        "SELECT count(*) FROM mail_mail WHERE id = ANY(%s) AND state = 'sent'",
        (data["mails"],),
    )
    assert env.cr.fetchone()[0] == COUNT


# label, operation, its check, the records' key in the data, how many of them
# are linked to entries (in the bench database, before the operation), how
# many runs
OPERATIONS = [
    (
        f"unlink {COUNT} tasks (mail.activity)",
        unlink_activities,
        tasks_checked("unlinked"),
        "unlinked",
        tasks_linked,
        REPEAT,
    ),
    (
        f"mark {COUNT} tasks done (action_feedback)",
        mark_done,
        tasks_checked("done"),
        "done",
        tasks_linked,
        3,
    ),
    (
        f"unlink {COUNT} messages (mail.message)",
        unlink_messages,
        checked("mail.message", "messages", "mail_message_id"),
        "messages",
        messages_linked,
        REPEAT,
    ),
]


def verdict(ratio):
    if ratio <= GOAL:
        return "PASS"
    return "PASS (noise)" if ratio <= NOISE else "FAIL"


def plan(env, query, params):
    env.cr.execute("EXPLAIN " + query, params)
    lines = [r[0] for r in env.cr.fetchall()]
    scans = [line.strip().lstrip("-> ") for line in lines[1:] if "Scan" in line]
    return " / ".join([lines[0]] + scans)


def drop_index(env, column):
    """Drop (inside the savepoint) the entry table's indexes led by ``column``."""
    env.cr.execute(
        """SELECT indexname FROM pg_indexes
            WHERE tablename = 'crm_interaction_log_entry'
              AND indexdef LIKE %s""",
        (f"%USING btree ({column})%",),
    )
    names = [r[0] for r in env.cr.fetchall()]
    for name in names:
        env.cr.execute(f'DROP INDEX "{name}"')
    return names


def median(times):
    return sorted(times)[len(times) // 2]


def in_turns(ours, theirs, data, operation, check, repeat):
    """Median seconds of ``operation`` in either database, run in turns (in
    either order) so that both see the machine alike."""
    times = {ours.cr.dbname: [], theirs.cr.dbname: []}
    for i in range(repeat):
        for env in (theirs, ours) if i % 2 == 0 else (ours, theirs):
            times[env.cr.dbname].append(
                run_once(env, operation, data[env.cr.dbname], check)
            )
    return median(times[ours.cr.dbname]), median(times[theirs.cr.dbname])


def measure(ours, theirs, total, contacts):
    start = time.perf_counter()
    data = {}
    for env in (ours, theirs):
        data[env.cr.dbname] = make_data(env, contacts)
    ours_data = data[ours.cr.dbname]
    make_entries(ours, total, ours_data)
    print(
        f"| (generated {total} entries over {contacts} contacts, and {2 * COUNT}"
        f" tasks, {COUNT} notes, {COUNT} e-mails in both databases in"
        f" {time.perf_counter() - start:.1f} s) | | | |",
        flush=True,
    )
    for label, operation, check, key, how_linked, repeat in OPERATIONS:
        n_linked = how_linked(ours, ours_data, key)
        figure, baseline = in_turns(ours, theirs, data, operation, check, repeat)
        ratio = figure / baseline
        row(
            f"{total} entries: {label}, {n_linked}",
            f"{figure * 1000:.0f} ms",
            f"without the module {baseline * 1000:.0f} ms",
            f"{ratio:.2f} (goal ≤ {GOAL}; ≤ {NOISE} noise) {verdict(ratio)};"
            f" {(figure - baseline) * 1000:+.0f} ms,"
            f" {(figure - baseline) * 1000 / COUNT:+.3f} ms a record",
        )
    # what the index saves: the same deletion with it dropped, on fewer messages
    with_index = median(
        [run_once(ours, unlink_no_index, ours_data) for _ in range(REPEAT)]
    )
    dropped = []
    no_index = run_once(
        ours,
        unlink_no_index,
        ours_data,
        check=gone("mail.message", "no_index"),
        prepare=lambda env: dropped.extend(drop_index(env, "mail_message_id")),
    )
    row(
        f"{total} entries: unlink {NO_INDEX_COUNT} messages,"
        f" {linked(ours, 'mail_message_id', ours_data['no_index'])} of them"
        " pointed at by entries, with the index on mail_message_id dropped"
        f" ({', '.join(dropped) or 'none found'}) (information)",
        f"{no_index * 1000:.0f} ms",
        f"with the index {with_index * 1000:.0f} ms",
        f"{no_index / with_index:.0f}× slower without the index",
    )
    # e-mails sent: the entries' delivery status follows, by mail_message_id
    figure, baseline = in_turns(ours, theirs, data, mails_sent, check_sent, REPEAT)
    row(
        f"{total} entries: {COUNT} e-mails' state written 'sent', "
        f"{linked(ours, 'mail_message_id', ours_data['mail_messages'])} entries"
        " follow (information)",
        f"{figure * 1000:.0f} ms",
        f"without the module {baseline * 1000:.0f} ms",
        f"{figure / baseline:.2f}",
    )
    print(
        "\nEXPLAIN UPDATE crm_interaction_log_entry SET delivery_status='sent'"
        f" WHERE mail_message_id = ANY(array of {COUNT} ids):\n    "
        + plan(
            ours,
            "UPDATE crm_interaction_log_entry SET delivery_status = 'sent'"
            " WHERE mail_message_id = ANY(%s)",
            (ours_data["mail_messages"],),
        ),
    )
    # no foreign key of the entry table points at tasks: a deleted or finished
    # task touches no entry
    ours.cr.execute(
        """SELECT count(*) FROM pg_constraint
            WHERE contype = 'f'
              AND conrelid = 'crm_interaction_log_entry'::regclass
              AND confrelid = 'mail_activity'::regclass"""
    )
    print(
        "Foreign keys from crm_interaction_log_entry to mail_activity:"
        f" {ours.cr.fetchone()[0]} (expected 0)"
    )
    print(
        "EXPLAIN of what deleting an entry runs on the tasks (ON DELETE SET NULL"
        " of mail_activity.interaction_entry_id):\n    "
        + plan(
            ours,
            "UPDATE mail_activity SET interaction_entry_id = NULL"
            " WHERE interaction_entry_id = %s",
            (ours_data["unlinked_entries"][0],),
        ),
        flush=True,
    )


def vacuum(dbname):
    """The rolled-back rows out of the entry table, its statistics right again."""
    conn = autocommit_connection(dbname)
    try:
        with conn.cursor() as cr:
            cr.execute("VACUUM ANALYZE crm_interaction_log_entry")
    finally:
        conn.close()


def main():
    args = parse_args(__doc__)
    ensure_database(args)
    baseline = ensure_baseline_database(args)
    sizes = [(100000, 1000)] if args.quick else [(1000000, 10000)]
    if args.sizes:
        sizes = [s for s in [(100000, 1000), (1000000, 10000)] if s[0] in args.sizes]
    print(f"Machine: {machine()}\n")
    print(f"Without the module: database {baseline.database}\n")
    for total, contacts in sizes:
        header()
        with environment(args) as ours, environment(baseline) as theirs:
            measure(ours, theirs, total, contacts)
        start = time.perf_counter()
        vacuum(args.database)
        print(
            f"(data rolled back; entry table vacuumed in"
            f" {time.perf_counter() - start:.1f} s)\n",
            flush=True,
        )


if __name__ == "__main__":
    main()

"""Load: the Odoo server in multi-worker mode (--workers=2) and 16 concurrent
clients for 60 s, each a salesperson ("own documents only", who may read
invoices) with a web session of his own, mixing invoice prints (PDF), Create
Interaction (the wizard, over JSON-RPC) and reads of the log entries list.
Afterwards: no server error, the entries recorded are exactly the successful
prints and creates -- nothing lost, nothing doubled --, and for every contact
the statistics (the per-contact summary, and the contacts' figures read over
XML-RPC) equal a fresh count of its entries."""

import argparse
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import xmlrpc.client

from common import ODOO, autocommit_connection, ensure_database, machine

HERE = os.path.dirname(os.path.abspath(__file__))
LOG = os.path.join(HERE, "results", "load-odoo.log")
REPORT = "account.account_invoices"  # the Invoices report, with payments
REPORT_NAME = "account.report_invoice_with_payments"
SAVED_PDF = "('INV-%s.pdf' % object.id)"
# what the simulated users are: salespeople who see their own documents only,
# and may read (so print) invoices
USER_GROUPS = ("sales_team.group_sale_salesman", "account.group_account_invoice")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One user of the web client: a session, JSON-RPC calls, PDF prints."""

    def __init__(self, url, db, login="admin", password="admin"):
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.call("/web/session/authenticate", db=db, login=login, password=password)

    def call(self, path, **params):
        body = json.dumps(
            {"jsonrpc": "2.0", "method": "call", "params": params}
        ).encode()
        request = urllib.request.Request(
            self.url + path, body, {"Content-Type": "application/json"}
        )
        with self.opener.open(request, timeout=120) as response:
            answer = json.loads(response.read().decode())
        if "error" in answer:
            raise RuntimeError(answer["error"]["data"]["message"])
        return answer["result"]

    def call_kw(self, model, method, *args, **kwargs):
        return self.call(
            "/web/dataset/call_kw",
            model=model,
            method=method,
            args=list(args),
            kwargs=kwargs,
        )

    def print_invoice(self, invoice_id):
        url = f"{self.url}/report/pdf/{REPORT_NAME}/{invoice_id}"
        with self.opener.open(url, timeout=120) as response:
            if not response.read(4) == b"%PDF":
                raise RuntimeError("not a PDF")

    def create_interaction(self, partner_id, template_id):
        wizard_id = self.call_kw(
            "crm.interaction.create.wizard",
            "create",
            {
                "partner_id": partner_id,
                "template_id": template_id,
                "description": "Load test call",
            },
        )
        self.call_kw("crm.interaction.create.wizard", "action_finish", [wizard_id])

    def read_list(self):
        self.call_kw(
            "crm.interaction.log.entry",
            "search_read",
            [],
            ["name", "date", "partner_id", "description", "template_id", "cost"],
            limit=80,
        )


def set_up(url, db, clients):
    common = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common")
    uid = common.authenticate(db, "admin", "admin", {})
    models = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/object", allow_none=True)

    def rpc(model, method, *args, **kwargs):
        return models.execute_kw(db, uid, "admin", model, method, list(args), kwargs)

    # one base URL for every session (Odoo otherwise rewrites it at an admin's
    # login, and concurrent logins would all write it)
    rpc("ir.config_parameter", "set_param", "web.base.url", url)
    rpc("ir.config_parameter", "set_param", "web.base.url.freeze", "True")
    stamp = str(int(time.time()))
    code = "LD" + stamp[-8:]  # codes are at most 10 characters
    group_id = rpc("crm.interaction.group", "create", {"code": code, "name": "Load"})
    template_id = rpc(
        "crm.interaction.template",
        "create",
        {"code": code, "name": "Load", "group_id": group_id, "unit_cost": 1},
    )
    company_id = rpc("res.users", "read", [uid], ["company_id"])[0]["company_id"][0]
    # the company's Interaction Template Setup: its customer invoices' line
    line_ids = rpc(
        "crm.interaction.document.template",
        "search",
        [
            ("company_id", "=", company_id),
            ("document_type_id.code", "=", "sales_invoice"),
        ],
    )
    assert len(line_ids) == 1, line_ids
    rpc(
        "crm.interaction.document.template",
        "write",
        line_ids,
        {"template_id": template_id},
    )
    partner_ids = [
        rpc("res.partner", "create", {"name": f"Load {stamp} {i}"}) for i in range(32)
    ]
    invoice_ids = rpc(
        "account.move",
        "create",
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner_id,
                "invoice_line_ids": [
                    (0, 0, {"name": "Load", "quantity": 1, "price_unit": 10})
                ],
            }
            for partner_id in partner_ids[:16]
        ],
    )
    rpc("account.move", "action_post", invoice_ids)
    group_ids = [
        rpc("ir.model.data", "check_object_reference", *xmlid.split("."))[1]
        for xmlid in USER_GROUPS
    ]
    users = []
    for n in range(clients):
        login = f"load.{stamp}.{n}@example.com"
        rpc(
            "res.users",
            "create",
            {
                "name": f"Load salesperson {stamp} {n}",
                "login": login,
                "password": login,
                "groups_id": [(6, 0, group_ids)],
            },
            context={"no_reset_password": True},
        )
        users.append((login, login))
    # Each invoice is printed once before the run, and the Invoices report
    # reloads the saved PDF (its "Reload from Attachment" option). A first
    # print runs wkhtmltopdf, which fetches the report's style sheets from this
    # same server: with every worker busy with first prints, none is left to
    # serve them and the prints wait until limit_time_real.
    report = rpc("ir.model.data", "check_object_reference", *REPORT.split("."))[1]
    previous = rpc(
        "ir.actions.report", "read", [report], ["attachment", "attachment_use"]
    )[0]
    rpc(
        "ir.actions.report",
        "write",
        [report],
        {"attachment": SAVED_PDF, "attachment_use": True},
    )
    printer = Client(url, db)
    for invoice_id in invoice_ids:
        printer.print_invoice(invoice_id)
    last_id = (
        rpc("crm.interaction.log.entry", "search", [], limit=1, order="id desc") or [0]
    )[0]
    restore = {
        "attachment": previous["attachment"],
        "attachment_use": previous["attachment_use"],
    }
    return (
        rpc,
        template_id,
        partner_ids,
        invoice_ids,
        users,
        last_id,
        lambda: rpc("ir.actions.report", "write", [report], restore),
    )


def fresh_count(cr):
    """{contact: (count, cost, duration)} counted again from the entries that
    count (neither canceled nor postponed), and the same from the per-contact
    summary the statistics read."""
    cr.execute("""
        SELECT partner_id, COUNT(*), COALESCE(SUM(cost), 0), COALESCE(SUM(duration), 0)
          FROM crm_interaction_log_entry
         WHERE canceled IS NOT TRUE AND postponed IS NOT TRUE
      GROUP BY partner_id""")
    entries = {row[0]: row[1:] for row in cr.fetchall()}
    cr.execute("""
        SELECT partner_id, SUM(entry_count), SUM(cost), SUM(duration)
          FROM crm_interaction_statistics
      GROUP BY partner_id""")
    summary = {row[0]: row[1:] for row in cr.fetchall()}
    return entries, summary


def same(left, right):
    """Two (count, cost, duration): costs to the cent, durations (sums of
    floats in another order) to a millionth."""
    left, right = left or (0, 0, 0), right or (0, 0, 0)
    return (
        left[0] == right[0]
        and round(float(left[1]), 2) == round(float(right[1]), 2)
        and abs(float(left[2]) - float(right[2])) <= 1e-6 * max(1, abs(left[2]))
    )


def check_statistics(rpc, db, partner_ids):
    """What differs from a fresh count of the entries (one line each), how
    many contacts that is, and how many contacts were checked: every
    contact's summary rows, and the load test's contacts' figures read over
    XML-RPC."""
    connection = autocommit_connection(db)
    try:
        with connection.cursor() as cr:
            entries, summary = fresh_count(cr)
            cr.execute("SELECT COUNT(*) FROM res_partner")
            contacts = cr.fetchone()[0]
    finally:
        connection.close()
    wrong, wrong_ids = [], set()
    for partner_id in sorted(set(entries) | set(summary)):
        if not same(entries.get(partner_id), summary.get(partner_id)):
            wrong_ids.add(partner_id)
            wrong.append(
                f"contact {partner_id}: summary {summary.get(partner_id)},"
                f" entries {entries.get(partner_id)}"
            )
    for partner in rpc(
        "res.partner",
        "read",
        partner_ids,
        ["interaction_count", "interaction_cost", "interaction_duration"],
    ):
        read = (
            partner["interaction_count"],
            partner["interaction_cost"],
            partner["interaction_duration"],
        )
        if not same(read, entries.get(partner["id"])):
            wrong_ids.add(partner["id"])
            wrong.append(
                f"contact {partner['id']}: read over XML-RPC {read},"
                f" entries {entries.get(partner['id'])}"
            )
    return wrong, len(wrong_ids), contacts


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    ensure_database(args)
    os.makedirs(os.path.dirname(LOG), exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        ODOO
        + [
            "-c",
            args.config,
            "-d",
            args.database,
            "--db-filter",
            f"^{args.database}$",
            "--http-port",
            str(port),
            "--gevent-port",
            str(free_port()),
            "--workers",
            str(args.workers),
            "--max-cron-threads",
            "0",
            "--limit-time-real",
            "600",
            "--limit-time-cpu",
            "600",
            "--limit-memory-soft",
            str(2**31),
            "--limit-memory-hard",
            str(2**32),
            "--logfile",
            LOG,
            "--log-level",
            "info",
        ]
    )
    try:
        deadline = time.time() + 180
        while True:
            try:
                urllib.request.urlopen(url + "/web/login", timeout=30).read()
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    sys.exit(f"the server did not start: see {LOG}")
                time.sleep(1)
        rpc, template_id, partner_ids, invoice_ids, users, last_id, restore = set_up(
            url, args.database, args.clients
        )
        log_start = os.path.getsize(LOG)
        done = {"print": 0, "create": 0, "read": 0}
        failed = []
        lock = threading.Lock()
        stop_at = time.time() + args.seconds

        def user(n):
            client = Client(url, args.database, *users[n])
            i = 0
            while time.time() < stop_at:
                kind = ("print", "create", "read", "read")[(n + i) % 4]
                try:
                    if kind == "print":
                        client.print_invoice(invoice_ids[(n + i) % len(invoice_ids)])
                    elif kind == "create":
                        client.create_interaction(
                            partner_ids[(n * 7 + i) % len(partner_ids)], template_id
                        )
                    else:
                        client.read_list()
                    with lock:
                        done[kind] += 1
                except Exception as error:  # pylint: disable=broad-except
                    with lock:
                        failed.append(f"{kind}: {error}")
                i += 1

        started = time.time()
        threads = [
            threading.Thread(target=user, args=(n,)) for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.time() - started
        recorded = rpc(
            "crm.interaction.log.entry", "search_count", [("id", ">", last_id)]
        )
        with open(LOG, errors="replace") as f:
            f.seek(log_start)
            errors = [
                line
                for line in f.read().splitlines()
                if re.match(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ", line)
            ]
        with open(LOG, errors="replace") as f:
            f.seek(log_start)
            # Odoo runs a transaction again after a serialization failure
            retries = len(re.findall(r" tries left, try again in ", f.read()))
        restore()
        wrong_statistics, wrong_contacts, contacts = check_statistics(
            rpc, args.database, partner_ids
        )
    finally:
        server.terminate()
        server.wait(60)
    expected = done["print"] + done["create"]
    print(f"Machine: {machine()}")
    print(
        f"Server: --workers={args.workers}; {args.clients} clients (salespeople,"
        f" own documents only) for {elapsed:.0f} s\n"
    )
    print("| figure | value |\n| --- | --- |")
    print(f"| prints (PDF of one invoice) | {done['print']} |")
    print(f"| Create Interaction | {done['create']} |")
    print(f"| list reads (80 entries) | {done['read']} |")
    print(f"| requests per second | {sum(done.values()) / elapsed:.1f} |")
    print(f"| failed requests | {len(failed)} |")
    print(f"| transactions retried after a conflict | {retries} |")
    print(f"| server errors in the log | {len(errors)} |")
    print(
        "| entries recorded / successful prints and creates"
        f" | {recorded} / {expected} |"
    )
    print(
        "| contacts whose statistics equal a fresh count of their entries"
        f" | {contacts - wrong_contacts} / {contacts} |"
    )
    for line in (failed + errors + wrong_statistics)[:20]:
        print("  ", line[:300])
    ok = not failed and not errors and recorded == expected and not wrong_statistics
    print(
        "\nPASS: nothing lost, nothing doubled, no error,"
        " statistics equal to the entries"
        if ok
        else "\nFAIL"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

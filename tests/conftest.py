"""End-to-end fixtures: a real Odoo 18.0 server on the test database, driven
from outside."""

import configparser
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
import xmlrpc.client

import psycopg2
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARTIFACTS = os.path.join(ROOT, "tests", "artifacts")
# Odoo runs from its source tree (not pip-installed): odoo-bin with this interpreter
ODOO_SRC = os.path.abspath(
    os.environ.get("ODOO_SRC") or os.path.join(ROOT, ".odoo", "src")
)
ODOO = [sys.executable, os.path.join(ODOO_SRC, "odoo-bin")]
CORE_ADDONS = os.path.join(ODOO_SRC, "odoo", "addons")
LOGIN = PASSWORD = "admin"
ERROR_LINE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OdooServer:
    """An Odoo server of its own (HTTP port, gevent port, log file) on a database."""

    def __init__(self, config, database, extra_args=(), log_name="odoo-e2e.log"):
        self.config, self.db = config, database
        self.extra_args = list(extra_args)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        os.makedirs(ARTIFACTS, exist_ok=True)
        self.log_path = os.path.join(ARTIFACTS, log_name)
        self.process = None

    def start(self, timeout=300):
        open(self.log_path, "w").close()
        # The gevent port is used by the prefork server's websocket process only,
        # but every server gets one of its own so that no two servers ever meet.
        self.process = subprocess.Popen(
            ODOO
            + [
                "-c",
                self.config,
                "-d",
                self.db,
                "--db-filter",
                f"^{re.escape(self.db)}$",
                "--http-port",
                str(self.port),
                "--gevent-port",
                str(free_port()),
                "--logfile",
                self.log_path,
                "--max-cron-threads",
                "0",
                "--log-level",
                "info",
            ]
            + self.extra_args
        )
        deadline = time.time() + timeout
        # the registry is loaded once "Modules loaded." is logged: only then do
        # requests get answers within their time-outs
        while time.time() < deadline and "Modules loaded." not in self._log_text():
            self._assert_running()
            time.sleep(0.5)
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/web/login", timeout=60) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
            self._assert_running()
        raise AssertionError(
            f"the Odoo server did not answer within {timeout} s: see {self.log_path}"
        )

    def _assert_running(self):
        assert (
            self.process.poll() is None
        ), f"the Odoo server stopped: see {self.log_path}"

    def _log_text(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(30)

    def log_mark(self):
        return os.path.getsize(self.log_path)

    def server_errors(self, since=0):
        """Tracebacks and ERROR/CRITICAL lines the server logged since a mark."""
        with open(self.log_path, errors="replace") as f:
            f.seek(since)
            text = f.read()
        return [
            line
            for line in text.splitlines()
            if ERROR_LINE.match(line) or line.startswith("Traceback")
        ]

    # --- clients -------------------------------------------------------------
    def rpc(self, login=LOGIN, password=PASSWORD):
        """``call(model, method, *args, **kwargs)`` over XML-RPC as ``login``."""
        common = xmlrpc.client.ServerProxy(
            self.url + "/xmlrpc/2/common", allow_none=True
        )
        uid = common.authenticate(self.db, login, password, {})
        assert uid, f"{login} could not log in over XML-RPC"
        models = xmlrpc.client.ServerProxy(
            self.url + "/xmlrpc/2/object", allow_none=True
        )

        def call(model, method, *args, **kwargs):
            return models.execute_kw(
                self.db, uid, password, model, method, list(args), kwargs
            )

        return call

    def http_session(self, login=LOGIN, password=PASSWORD):
        """An HTTP opener with a web session (cookie) of ``login``."""
        import http.cookiejar

        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        body = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"db": self.db, "login": login, "password": password},
            }
        ).encode()
        req = urllib.request.Request(
            self.url + "/web/session/authenticate",
            body,
            {"Content-Type": "application/json"},
        )
        with opener.open(req, timeout=60) as r:
            answer = json.loads(r.read().decode())
        assert (answer.get("result") or {}).get("uid"), answer
        return opener


def odoo_script(config, database, code):
    """Run ``code`` with ``env`` (superuser) on the database, committed at the end."""
    script = """
import odoo
from odoo import api, SUPERUSER_ID
from odoo.modules.registry import Registry
odoo.tools.config.parse_config(["-c", {!r}, "--log-level", "warn"])
with Registry({!r}).cursor() as cr:
    env = api.Environment(cr, SUPERUSER_ID, {{}})
{}
""".format(
        config, database, "\n".join("    " + line for line in code.strip().splitlines())
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def ref(rpc, xmlid):
    """The database id of an XML id, over RPC."""
    module, name = xmlid.split(".")
    data = rpc(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    assert data, f"{xmlid} does not exist"
    return data[0]["res_id"]


def make_user(admin, server, role, group_xmlids):
    """A user of ``group_xmlids`` made by the administrator: id, login,
    password and an XML-RPC client as that user."""
    suffix = uuid.uuid4().hex[:8]
    login, password = f"{role}.{suffix}@example.com", "pw-" + suffix
    user_id = admin(
        "res.users",
        "create",
        {
            "name": f"{role} {suffix}",
            "login": login,
            "password": password,
            "groups_id": [(6, 0, [ref(admin, xmlid) for xmlid in group_xmlids])],
        },
        context={"no_reset_password": True},
    )
    return user_id, login, password, server.rpc(login, password)


def main_company_id(rpc):
    admin_id = rpc("res.users", "search", [("login", "=", LOGIN)])[0]
    return rpc("res.users", "read", [admin_id], ["company_id"])[0]["company_id"][0]


def make_template(rpc, code, name, **values):
    """A template ``code`` in an interaction group of its own (the same code
    and name), made over RPC; the template's id."""
    group_id = rpc("crm.interaction.group", "create", {"code": code, "name": name})
    return rpc(
        "crm.interaction.template",
        "create",
        dict(values, code=code, name=name, group_id=group_id),
    )


def set_up_invoice_template(rpc):
    """A hard-copy template recorded for every print of a customer invoice."""
    suffix = uuid.uuid4().hex[:6].upper()
    template_id = make_template(
        rpc,
        "T" + suffix,
        "E2E invoice " + suffix,
        unit_cost=0.75,
        correspondence_type="hard_copy",
    )
    rpc(
        "crm.interaction.document.template",
        "write",
        [setup_line(rpc, main_company_id(rpc), "sales_invoice")],
        {"template_id": template_id},
    )
    return template_id


def setup_line(rpc, company_id, code):
    """The id of the company's line of document type ``code`` in its
    Interaction Template Setup, over RPC."""
    line_ids = rpc(
        "crm.interaction.document.template",
        "search",
        [("company_id", "=", company_id), ("document_type_id.code", "=", code)],
    )
    assert len(line_ids) == 1, f"{code}: {line_ids}"
    return line_ids[0]


def posted_invoice(rpc, partner_name="PDF Test Customer"):
    """A posted customer invoice: its id and its number."""
    partner_id = rpc("res.partner", "create", {"name": partner_name})
    invoice_id = rpc(
        "account.move",
        "create",
        {
            "move_type": "out_invoice",
            "partner_id": partner_id,
            "invoice_line_ids": [
                (0, 0, {"name": "Consulting", "quantity": 2, "price_unit": 150.0})
            ],
        },
    )
    rpc("account.move", "action_post", [invoice_id])
    number = rpc("account.move", "read", [invoice_id], ["name"])[0]["name"]
    assert number and number != "/", number
    return invoice_id, number


@pytest.fixture(scope="session")
def odoo_config(request):
    config = request.config.getoption("--odoo-config", default=None)
    if not config:
        pytest.skip("needs --odoo-config")
    return os.path.abspath(config)


@pytest.fixture(scope="session")
def odoo_server(request, odoo_config):
    database = request.config.getoption("--odoo-database", default=None)
    if not database:
        pytest.skip("end-to-end tests need --odoo-config and --odoo-database")
    server = OdooServer(odoo_config, database)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def sql(odoo_config, odoo_server):
    """``query(sql, params)``: rows of the server's database, read as committed
    on a connection of its own."""
    parser = configparser.ConfigParser()
    parser.read(odoo_config)
    options = parser["options"]

    def option(name):
        value = options.get(name)
        return None if value in (None, "", "False") else value

    connection = psycopg2.connect(
        dbname=odoo_server.db,
        host=option("db_host"),
        port=option("db_port"),
        user=option("db_user"),
        password=option("db_password"),
    )
    connection.autocommit = True

    def query(text, params=()):
        with connection.cursor() as cr:
            cr.execute(text, params)
            return cr.fetchall()

    yield query
    connection.close()

"""End-to-end fixtures: a real Odoo server on the test database, driven from outside."""
import json
import os
import re
import socket
import subprocess
import time
import urllib.request
import xmlrpc.client

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARTIFACTS = os.path.join(ROOT, "tests", "artifacts")
ODOO = os.path.join(ROOT, ".venv", "bin", "odoo")
LESSC_DIR = os.path.join(ROOT, ".tools", "node_modules", ".bin")
LOGIN = PASSWORD = "admin"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OdooServer(object):
    def __init__(self, config, database, extra_args=()):
        self.config, self.db = config, database
        self.extra_args = list(extra_args)
        self.port = _free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        os.makedirs(ARTIFACTS, exist_ok=True)
        self.log_path = os.path.join(ARTIFACTS, "odoo-e2e.log")
        self.process = None

    def start(self):
        open(self.log_path, "w").close()
        env = dict(os.environ)
        # the web client's style sheets are compiled by the project's lessc
        env["PATH"] = os.pathsep.join([LESSC_DIR, env.get("PATH", "")])
        self.process = subprocess.Popen(env=env, args=[
            ODOO, "-c", self.config, "-d", self.db, "--db-filter", "^%s$" % self.db,
            "--http-port", str(self.port), "--logfile", self.log_path,
            "--max-cron-threads", "0", "--log-level", "info"] + self.extra_args)
        deadline = time.time() + 180
        # Odoo 11 serves HTTP while it still preloads the database's registry;
        # a request in that window imports the addons a second time, half-way,
        # and breaks the registry for good. Ask only once the preload is done.
        while time.time() < deadline and "Modules loaded." not in self._log_text():
            assert self.process.poll() is None, "the Odoo server stopped: see %s" % self.log_path
            time.sleep(0.5)
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/web/login", timeout=30) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
            assert self.process.poll() is None, "the Odoo server stopped: see %s" % self.log_path
        raise AssertionError("the Odoo server did not answer within 180 s")

    def _log_text(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def log_mark(self):
        return os.path.getsize(self.log_path)

    def server_errors(self, since=0):
        """Tracebacks and ERROR/CRITICAL lines the server logged since a mark."""
        with open(self.log_path, errors="replace") as f:
            f.seek(since)
            text = f.read()
        return [line for line in text.splitlines()
                if re.match(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ", line)
                or line.startswith("Traceback")]

    # --- clients -------------------------------------------------------------
    def rpc(self):
        common = xmlrpc.client.ServerProxy(self.url + "/xmlrpc/2/common", allow_none=True)
        uid = common.authenticate(self.db, LOGIN, PASSWORD, {})
        assert uid, "admin could not log in over XML-RPC"
        models = xmlrpc.client.ServerProxy(self.url + "/xmlrpc/2/object", allow_none=True)

        def call(model, method, *args, **kwargs):
            return models.execute_kw(self.db, uid, PASSWORD, model, method, list(args), kwargs)
        return call

    def http_session(self):
        """An HTTP opener with a logged-in web session (cookie)."""
        import http.cookiejar
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": {
            "db": self.db, "login": LOGIN, "password": PASSWORD}}).encode()
        req = urllib.request.Request(self.url + "/web/session/authenticate", body,
                                     {"Content-Type": "application/json"})
        with opener.open(req, timeout=60) as r:
            answer = json.loads(r.read().decode())
        assert answer.get("result", {}).get("uid"), answer
        return opener


@pytest.fixture(scope="session")
def odoo_server(request):
    config = request.config.getoption("--odoo-config")
    database = request.config.getoption("--odoo-database")
    if not (config and database):
        pytest.skip("end-to-end tests need --odoo-config and --odoo-database")
    server = OdooServer(os.path.abspath(config), database)
    try:
        server.start()
        yield server
    finally:
        server.stop()

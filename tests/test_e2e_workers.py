"""Odoo's multi-worker mode (--workers, the prefork server) runs on Python 3.11:
its workers set their CPU limit at each request, then serve it."""
import os

from conftest import OdooServer, _free_port


def test_prefork_workers_serve_requests(odoo_server):
    server = OdooServer(odoo_server.config, odoo_server.db, extra_args=[
        "--workers", "2", "--limit-time-cpu", "600", "--limit-time-real", "1200",
        "--longpolling-port", str(_free_port())])
    server.log_path = server.log_path.replace(".log", "-workers.log")
    try:
        server.start()
        for _i in range(6):  # enough requests for both workers
            rpc = server.rpc()
            assert rpc("res.partner", "search_count", []) > 0
        log = server._log_text()
        assert log.count("Worker WorkerHTTP") >= 2
        assert server.server_errors() == [], os.path.basename(server.log_path)
    finally:
        server.stop()

"""Odoo's multi-worker mode (--workers, the prefork server): HTTP workers serve
requests and the websocket process gets a port of its own (--gevent-port)."""

import os

from conftest import OdooServer


def test_prefork_workers_serve_requests(odoo_server):
    server = OdooServer(
        odoo_server.config,
        odoo_server.db,
        log_name="odoo-e2e-workers.log",
        extra_args=[
            "--workers",
            "2",
            "--limit-time-cpu",
            "600",
            "--limit-time-real",
            "1200",
        ],
    )
    try:
        server.start()
        for _i in range(6):  # enough requests for both workers
            rpc = server.rpc()
            assert rpc("res.partner", "search_count", []) > 0
            assert rpc("crm.interaction.log.entry", "search_count", []) >= 0
        log = server._log_text()
        assert log.count("Worker WorkerHTTP") >= 2
        assert server.server_errors() == [], os.path.basename(server.log_path)
    finally:
        server.stop()

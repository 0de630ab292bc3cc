"""Odoo's multi-worker mode (--workers, the prefork server): HTTP workers serve
requests and the websocket process gets a port of its own (--gevent-port)."""

import os
import uuid

from conftest import OdooServer, make_template


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
        admin = server.rpc()
        suffix = uuid.uuid4().hex[:6].upper()
        template_id = make_template(
            admin, "W" + suffix, f"Worker call {suffix}", unit_cost=1.25
        )
        partner_id = admin("res.partner", "create", {"name": f"Worker {suffix}"})
        # enough requests for both workers: each logs an interaction in one
        # request and reads it back, with the contact's statistics, in others
        for i in range(1, 7):
            rpc = server.rpc()
            entry_id = rpc(
                "crm.interaction.log.entry",
                "create",
                {
                    "partner_id": partner_id,
                    "template_id": template_id,
                    "description": f"Call {i}",
                },
            )
            [entry] = rpc(
                "crm.interaction.log.entry",
                "read",
                [entry_id],
                ["partner_id", "cost", "description"],
            )
            assert (entry["partner_id"][0], entry["cost"], entry["description"]) == (
                partner_id,
                1.25,
                f"Call {i}",
            )
            [partner] = rpc(
                "res.partner",
                "read",
                [partner_id],
                ["interaction_count", "interaction_cost"],
            )
            assert (partner["interaction_count"], partner["interaction_cost"]) == (
                i,
                1.25 * i,
            )
        log = server._log_text()
        assert log.count("Worker WorkerHTTP") >= 2
        assert server.server_errors() == [], os.path.basename(server.log_path)
    finally:
        server.stop()

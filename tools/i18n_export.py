"""Write crm_interaction_log/i18n/crm_interaction_log.pot from the code: every
translatable term of the module (fields, selections, views, menus, actions,
messages in _()), as Odoo's own export finds them in a database that has the
module installed.

    python tools/i18n_export.py -c var/odoo.conf -d DATABASE
"""
import argparse
import io
import os

import odoo
from odoo import api

MODULE = "crm_interaction_log"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level", "warn"])
    registry = odoo.registry(args.database)
    with api.Environment.manage(), registry.cursor() as cr:
        buf = io.BytesIO()
        odoo.tools.trans_export(False, [MODULE], buf, "po", cr)
    path = os.path.join(ROOT, MODULE, "i18n", MODULE + ".pot")
    with open(path, "wb") as f:
        f.write(buf.getvalue())
    print("%s: %d terms" % (os.path.relpath(path, ROOT), buf.getvalue().count(b"\nmsgid ") - 1))


if __name__ == "__main__":
    main()

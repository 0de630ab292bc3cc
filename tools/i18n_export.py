"""Write <module>/i18n/<module>.pot from the code (crm_interaction_log unless
--module names another addon of the project): every translatable term of the
module (fields, selections, views, menus, actions, messages in _()), as
Odoo's own export (odoo-bin --i18n-export) finds them in a database that has
the module installed. With --lang, the terms and their
translations in that language (installed in the database) instead.

    python tools/i18n_export.py -c var/odoo.conf -d DATABASE [--module NAME]
        [--lang sv_SE -o sv.po]
"""

import argparse
import io
import os

import odoo
from odoo.modules.registry import Registry
from odoo.tools.translate import trans_export

MODULE = "crm_interaction_log"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--module", default=MODULE)
    parser.add_argument(
        "--lang", help="a language code (sv_SE); the template if left out"
    )
    parser.add_argument(
        "-o", "--output", help="the file to write (default: the module's .pot)"
    )
    args = parser.parse_args()
    if args.lang and not args.output:
        parser.error(
            "--lang needs --output: the module's .po files are written by translators"
        )
    odoo.tools.config.parse_config(["-c", args.config, "--log-level", "warn"])
    buf = io.BytesIO()
    with Registry(args.database).cursor() as cr:
        trans_export(args.lang or None, [args.module], buf, "po", cr)
    path = (
        os.path.abspath(args.output)
        if args.output
        else os.path.join(ROOT, args.module, "i18n", args.module + ".pot")
    )
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(buf.getvalue())
    terms = buf.getvalue().count(b"\nmsgid ") - 1  # the header is an empty msgid
    print(f"{os.path.relpath(path, ROOT)}: {terms} terms")


if __name__ == "__main__":
    main()

# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast
import os
import tempfile

from odoo.tests import TransactionCase, tagged

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))


def unimported_test_modules(tests_dir):
    """The ``test_*.py`` files of ``tests_dir`` that its ``__init__.py`` does
    not import.

    Odoo's test runner (``odoo.tests.loader.get_test_modules``) runs the
    ``test_*`` modules its package imports, not the files it holds: a module
    left out of ``__init__.py`` is run by pytest and silently skipped by
    ``odoo --test-tags``. The package's source is read rather than its
    attributes, because pytest sets every module it collects on the package,
    imported or not."""
    with open(os.path.join(tests_dir, "__init__.py"), encoding="utf-8") as init:
        tree = ast.parse(init.read())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:  # from .test_x import TestX
                imported.add(node.module.split(".")[0])
            else:  # from . import test_x
                imported.update(alias.name for alias in node.names)
    files = {
        name[: -len(".py")]
        for name in os.listdir(tests_dir)
        if name.startswith("test_") and name.endswith(".py")
    }
    return sorted(files - imported)


@tagged("post_install", "-at_install")
class TestTestDiscovery(TransactionCase):
    def test_every_test_module_is_imported(self):
        self.assertEqual(
            unimported_test_modules(TESTS_DIR),
            [],
            "test modules that Odoo's test runner does not see: import them in "
            f"{os.path.join(TESTS_DIR, '__init__.py')}",
        )

    def test_a_module_left_out_is_found(self):
        """The check itself: a package whose ``__init__.py`` forgets a file."""
        with tempfile.TemporaryDirectory() as tests_dir:
            for name, source in (
                ("__init__.py", "from . import test_a\nfrom .test_b import TestB\n"),
                ("test_a.py", ""),
                ("test_b.py", ""),
                ("test_c.py", ""),
                ("common.py", ""),
            ):
                with open(os.path.join(tests_dir, name), "w", encoding="utf-8") as f:
                    f.write(source)
            self.assertEqual(unimported_test_modules(tests_dir), ["test_c"])

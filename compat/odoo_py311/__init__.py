"""Run Odoo 11.0 on Python 3.11.

Odoo 11.0 was written for Python 3.5/3.6. This package is imported at interpreter
start (through the ``odoo_py311.pth`` file the project's set-up writes into the
virtualenv), so every entry point -- the ``odoo`` server command, ``odoo shell``,
pytest with pytest-odoo -- runs with the same patches and nobody imports it by hand.

Each patch fixes one incompatibility, says why, and touches as little as possible:

* standard-library names that were removed after 3.6 are put back as aliases of
  their documented replacements (``patch_stdlib``);
* Odoo modules that need more than that are patched right after their own
  module code has run, by a post-import hook (``_hooks``), so the patch never
  imports Odoo earlier than Odoo itself would.

The addon ``crm_interaction_log`` never imports this package.
"""
import sys

from . import _hooks, patches

__all__ = ["apply"]

_applied = False


def apply():
    """Apply every patch once. Called on import; idempotent."""
    global _applied
    if _applied:
        return
    _applied = True
    patches.patch_stdlib()
    for module_name, patch in patches.POST_IMPORT_PATCHES.items():
        _hooks.when_imported(module_name, patch)


if sys.version_info >= (3, 8):
    apply()

"""A minimal post-import hook: run a function on a module right after its code ran.

The patched Odoo modules are imported lazily (addons are loaded per database), so
the patches cannot be applied at interpreter start; they are applied the moment
Python finishes executing the module, before anyone else can use it.
"""
import importlib.abc
import importlib.util
import sys
import threading

_patches = {}
_lock = threading.RLock()


def when_imported(module_name, patch):
    """Call ``patch(module)`` once ``module_name`` is imported (now if it already is)."""
    with _lock:
        module = sys.modules.get(module_name)
        if module is not None:
            patch(module)
            return
        _patches.setdefault(module_name, []).append(patch)
        if not any(isinstance(f, _PostImportFinder) for f in sys.meta_path):
            sys.meta_path.insert(0, _PostImportFinder())


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, loader, patches):
        self._loader = loader
        self._patches = patches

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        for patch in self._patches:
            patch(module)

    def __getattr__(self, name):
        # get_source, get_code, is_package, ... are the wrapped loader's
        return getattr(self._loader, name)


class _PostImportFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        patches = _patches.get(fullname)
        if not patches:
            return None
        with _lock:
            patches = _patches.pop(fullname, None)
            if not patches:
                return None
        spec = None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        if spec is None or spec.loader is None:
            with _lock:
                _patches.setdefault(fullname, []).extend(patches)
            return None
        spec.loader = _PatchingLoader(spec.loader, patches)
        return spec

"""The standard-library names Odoo 11.0 needs, back on Python 3.11."""
import base64
import collections
import collections.abc
import inspect
import subprocess
import sys
import threading

import pytest

from odoo_py311 import patches


def test_layer_is_loaded_at_interpreter_start():
    # a bare interpreter of the virtualenv, nothing imported by hand
    out = subprocess.check_output([
        sys.executable, "-c",
        "from collections import Mapping; import sys; "
        "print(Mapping.__module__, 'odoo_py311' in sys.modules)"])
    assert out.split() == [b"collections.abc", b"True"]


@pytest.mark.parametrize("name", ["Mapping", "Iterable", "Sized", "MutableMapping", "Callable"])
def test_collections_abc_aliases(name):
    assert getattr(collections, name) is getattr(collections.abc, name)


def _sample(self, a, b=1, c="x", *args, **kw):
    return a


def test_getargspec_positional_signature():
    spec = inspect.getargspec(_sample)
    assert spec.args == ["self", "a", "b", "c"]
    assert (spec.varargs, spec.keywords, spec.defaults) == ("args", "kw", (1, "x"))


def test_getargspec_refuses_keyword_only_like_the_original():
    def f(a, *, b):
        return a
    with pytest.raises(ValueError):
        inspect.getargspec(f)


def test_formatargspec_as_ormcache_uses_it():
    # odoo.tools.cache turns this text into the parameters of a lambda
    assert inspect.formatargspec(*inspect.getargspec(_sample)) == \
        "(self, a, b=1, c='x', *args, **kw)"
    assert patches.formatargspec(["self"]) == "(self)"


def test_ormcache_builds_its_key_function():
    from odoo.tools import ormcache

    def method(self, a, b=2):
        return a + b

    cache = ormcache("a", "b")
    cache(method)  # formats the signature into a lambda's source and evals it
    assert cache.key(object(), 1) == (1, 2)
    assert cache.key(object(), 1, b=5) == (1, 5)


def test_base64_string_aliases():
    assert base64.decodestring(base64.encodestring(b"odoo\x00")) == b"odoo\x00"
    assert base64.encodestring(b"a" * 100).count(b"\n") == 2  # wrapped like the original


def test_thread_isalive():
    t = threading.Thread(target=lambda: None)
    assert t.isAlive() is False
    t.start()
    t.join()
    assert t.isAlive() is False

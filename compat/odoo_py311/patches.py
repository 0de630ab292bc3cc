"""The patches themselves, one function each, with the reason for it.

Pinned instead of patched (see requirements/python.txt): Pillow 9.5 still has
``Image.ANTIALIAS``; Werkzeug 0.16, Jinja2 2.11 and MarkupSafe 2.0 are the last
versions with the APIs Odoo 11.0 calls.
"""
import ast
import base64
import collections
import collections.abc
import copy
import dis
import importlib.util
import inspect
import sys
import threading

# --------------------------------------------------------------------------
# Standard library: names removed after Python 3.6 that Odoo 11.0 still uses
# --------------------------------------------------------------------------

_ABC_NAMES = (
    "Awaitable", "Coroutine", "AsyncIterable", "AsyncIterator", "AsyncGenerator",
    "Hashable", "Iterable", "Iterator", "Generator", "Reversible", "Sized",
    "Container", "Callable", "Collection", "Set", "MutableSet", "Mapping",
    "MutableMapping", "MappingView", "KeysView", "ItemsView", "ValuesView",
    "Sequence", "MutableSequence", "ByteString",
)


def getargspec(func):
    """``inspect.getargspec`` (removed in 3.11) on top of ``getfullargspec``.

    Odoo 11.0 uses it in ``odoo.api``, ``odoo.http`` and ``odoo.tools.cache``
    on plain positional signatures; like the original it refuses keyword-only
    arguments and annotations, which it could not represent.
    """
    spec = inspect.getfullargspec(func)
    if spec.kwonlyargs or spec.annotations:
        raise ValueError(
            "Function has keyword-only parameters or annotations, "
            "use inspect.signature() API which can support them")
    return ArgSpec(spec.args, spec.varargs, spec.varkw, spec.defaults)


ArgSpec = collections.namedtuple("ArgSpec", "args varargs keywords defaults")


def formatargspec(args, varargs=None, varkw=None, defaults=None):
    """``inspect.formatargspec`` (removed in 3.11) for what getargspec returns.

    ``odoo.tools.cache`` formats a method's signature into the source of a
    lambda that computes the cache key, e.g. ``(self, a, b=1, *args, **kw)``.
    """
    specs = []
    first_default = len(args) - len(defaults) if defaults else len(args)
    for i, arg in enumerate(args):
        spec = arg
        if i >= first_default:
            spec += "=" + repr(defaults[i - first_default])
        specs.append(spec)
    if varargs is not None:
        specs.append("*" + varargs)
    if varkw is not None:
        specs.append("**" + varkw)
    return "(" + ", ".join(specs) + ")"


def patch_stdlib():
    # `from collections import Mapping, Iterable, ...`: the ABC aliases were
    # removed from `collections` in 3.10 (odoo.modules.registry, QWeb, res.bank)
    for name in _ABC_NAMES:
        if not hasattr(collections, name) and hasattr(collections.abc, name):
            setattr(collections, name, getattr(collections.abc, name))
    # `from inspect import getargspec, formatargspec`: removed in 3.11
    if not hasattr(inspect, "getargspec"):
        inspect.getargspec = getargspec
    if not hasattr(inspect, "formatargspec"):
        inspect.formatargspec = formatargspec
    # base64.encodestring/decodestring: removed in 3.9 (reports, attachments,
    # language export); they were deprecated aliases of these two
    if not hasattr(base64, "encodestring"):
        base64.encodestring = base64.encodebytes
    if not hasattr(base64, "decodestring"):
        base64.decodestring = base64.decodebytes
    # Thread.isAlive(): removed in 3.9; the threaded server's shutdown loop
    # (odoo.service.server) calls it
    if not hasattr(threading.Thread, "isAlive"):
        threading.Thread.isAlive = threading.Thread.is_alive


# --------------------------------------------------------------------------
# odoo.tools.safe_eval: the byte-code whitelists
# --------------------------------------------------------------------------

# Each 3.11 opcode added here does what an opcode the whitelist already allows
# did on 3.6, at the same level; nothing that imports, stores attributes, or
# reaches globals/closures is added (IMPORT_*, STORE_ATTR, STORE_GLOBAL,
# LOAD_DEREF, BEFORE_WITH, ... stay forbidden).
SAFE_EVAL_CONST_OPCODES = (
    "RESUME",       # no-op marking the start of every code object
    "NOP",          # no-op
    "COPY", "SWAP",  # replace DUP_TOP, DUP_TOP_TWO, ROT_TWO/THREE/FOUR
    # constant lists and sets of more than two items compile to
    # BUILD_LIST/BUILD_SET + extend from a constant tuple/frozenset
    "LIST_EXTEND", "SET_UPDATE",
)
SAFE_EVAL_EXPR_OPCODES = (
    "BINARY_OP",    # replaces every BINARY_* and INPLACE_* arithmetic opcode
    "IS_OP", "CONTAINS_OP",  # `is`/`in` split out of COMPARE_OP (3.9)
    # 3.11 compiles `'%s/%s' % (a, b)` (BINARY_MODULO, allowed) into these two,
    # the f-string opcodes: they format values exactly as `%` already could
    "FORMAT_VALUE", "BUILD_STRING",
)
SAFE_EVAL_SAFE_OPCODES = (
    # the call sequence, replacing CALL_FUNCTION, CALL_FUNCTION_KW, CALL_METHOD
    "PUSH_NULL", "PRECALL", "CALL", "KW_NAMES",
    # f(**kw) now builds the keyword dict before CALL_FUNCTION_EX
    "DICT_MERGE",
    # jumps, replacing JUMP_ABSOLUTE and POP_JUMP_IF_TRUE/FALSE
    "JUMP_BACKWARD",
    "POP_JUMP_FORWARD_IF_FALSE", "POP_JUMP_FORWARD_IF_TRUE",
    "POP_JUMP_BACKWARD_IF_FALSE", "POP_JUMP_BACKWARD_IF_TRUE",
    "POP_JUMP_FORWARD_IF_NONE", "POP_JUMP_BACKWARD_IF_NONE",
    "POP_JUMP_FORWARD_IF_NOT_NONE", "POP_JUMP_BACKWARD_IF_NOT_NONE",
    # generator expressions (already allowed through YIELD_VALUE)
    "RETURN_GENERATOR",
    # try/except, replacing SETUP_EXCEPT/END_FINALLY
    "PUSH_EXC_INFO", "CHECK_EXC_MATCH", "RERAISE",
    # `assert`, which used LOAD_GLOBAL AssertionError + RAISE_VARARGS
    "LOAD_ASSERTION_ERROR",
)


def _opcodes(names):
    return {dis.opmap[name] for name in names if name in dis.opmap}


def patch_safe_eval(module):
    """Extend safe_eval's whitelists with the 3.11 equivalents of allowed opcodes.

    Without it every domain, context and server action fails with
    ``forbidden opcode(s) ...: RESUME`` (then CALL, PRECALL, ...). The sets are
    updated in place, because ``ir_qweb`` imports ``_SAFE_OPCODES`` by name.
    """
    const, expr, safe = (_opcodes(SAFE_EVAL_CONST_OPCODES),
                         _opcodes(SAFE_EVAL_EXPR_OPCODES),
                         _opcodes(SAFE_EVAL_SAFE_OPCODES))
    module._CONST_OPCODES.update(const)
    module._EXPR_OPCODES.update(const | expr)
    module._SAFE_OPCODES.update(const | expr | safe)


# --------------------------------------------------------------------------
# QWeb: the Python AST it builds by hand
# --------------------------------------------------------------------------

_NAME_CONSTANTS = {"None": None, "True": True, "False": False}


class _QWebAstFixer(ast.NodeTransformer):
    """Bring QWeb's hand-built AST up to what 3.8+ ``compile`` accepts."""

    def visit_Name(self, node):
        # `ast.Name(id='None')` is refused since 3.8 ("Name node can't be used
        # with 'None' constant"): these three are constants now
        if node.id in _NAME_CONSTANTS and isinstance(node.ctx, ast.Load):
            return ast.Constant(value=_NAME_CONSTANTS[node.id])
        return node

    def visit_arguments(self, node):
        # `posonlyargs` became a required field in 3.8
        if not hasattr(node, "posonlyargs"):
            node.posonlyargs = []
        return self.generic_visit(node)


def fix_qweb_ast(tree):
    """Return a compilable copy of a QWeb AST; ``tree`` itself is left as is.

    A copy, because QWeb keeps inspecting its nodes (``isinstance(node,
    ast.Name)``) and may reuse them after compiling.
    """
    tree = _QWebAstFixer().visit(copy.deepcopy(tree))
    if isinstance(tree, ast.Module) and not hasattr(tree, "type_ignores"):
        tree.type_ignores = []  # required field since 3.8
    # 3.11 validates location ranges, and QWeb copies locations between nodes
    # it moved around (`ValueError: AST node line range (2, 1) is not valid`);
    # the line numbers of generated code carry no meaning, so recompute them.
    for node in ast.walk(tree):
        for attr in node._attributes:
            try:
                delattr(node, attr)
            except AttributeError:  # end_* default to None on the class
                pass
    return ast.fix_missing_locations(tree)


def patch_qweb(module):
    """QWeb calls the builtin ``compile`` on its AST: give its module a
    ``compile`` that fixes the AST first. Nothing else of QWeb, and nothing of
    the ``ast`` module, is touched."""
    builtin_compile = compile

    def compile_qweb(source, filename, mode, *args, **kwargs):
        if isinstance(source, ast.AST):
            source = fix_qweb_ast(source)
        return builtin_compile(source, filename, mode, *args, **kwargs)

    module.compile = compile_qweb


# --------------------------------------------------------------------------
# web: Element.getchildren() on xml.etree elements
# --------------------------------------------------------------------------

def pure_python_element_tree():
    """A private copy of ``xml.etree.ElementTree`` without its C accelerator,
    whose ``Element`` has ``getchildren()`` again (removed in 3.9).

    The C ``Element`` type cannot take new methods; the pure-Python one can.
    Only the modules handed this copy use it: everyone else keeps the fast,
    shared ``xml.etree.ElementTree``.
    """
    saved = sys.modules.get("_elementtree", None)
    sys.modules["_elementtree"] = None  # makes `from _elementtree import *` fail
    try:
        spec = importlib.util.find_spec("xml.etree.ElementTree")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        if saved is None:
            del sys.modules["_elementtree"]
        else:
            sys.modules["_elementtree"] = saved
    module.Element.getchildren = lambda self: list(self)
    return module


def patch_web_controllers(module):
    """``concat_xml`` (serving the web client's QWeb templates at
    ``/web/webclient/qweb``) calls ``getchildren()``: without it the backend
    loads no view ("QWeb2: Template 'ActionManager' not found")."""
    module.ElementTree = pure_python_element_tree()


# --------------------------------------------------------------------------
# YAML test and demo files
# --------------------------------------------------------------------------

class _YamlDefaultLoader(object):
    """The ``yaml`` module as Odoo 11.0 knew it: ``load(stream)`` with the
    full ``yaml.Loader`` by default (PyYAML 6 requires the argument). Odoo's
    YAML files are module data, trusted like its Python code, and use the
    custom tags (!record, !python, ...) only that loader knows."""

    def __init__(self, yaml):
        self._yaml = yaml

    def __getattr__(self, name):
        return getattr(self._yaml, name)

    def load(self, stream, Loader=None):
        return self._yaml.load(stream, Loader=Loader or self._yaml.Loader)


def patch_yaml_import(module):
    module.yaml = _YamlDefaultLoader(module.yaml)


class _IntegerRlimits(object):
    """``resource`` for Odoo's prefork server (``--workers``): each worker sets
    its CPU limit to the CPU time it used (a float) plus ``limit_time_cpu``.
    Python 3.11's ``resource.setrlimit`` refuses floats, where earlier versions
    truncated them to whole seconds; this does that truncation."""

    def __init__(self, resource):
        self._resource = resource

    def __getattr__(self, name):
        return getattr(self._resource, name)

    def setrlimit(self, kind, limits):
        soft, hard = limits
        return self._resource.setrlimit(kind, (int(soft), int(hard)))


def patch_prefork_server(module):
    module.resource = _IntegerRlimits(module.resource)


POST_IMPORT_PATCHES = {
    "odoo.service.server": patch_prefork_server,
    "odoo.tools.safe_eval": patch_safe_eval,
    "odoo.addons.base.ir.ir_qweb.qweb": patch_qweb,
    "odoo.addons.web.controllers.main": patch_web_controllers,
    "odoo.tools.yaml_import": patch_yaml_import,
}

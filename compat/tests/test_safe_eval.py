"""safe_eval accepts on 3.11 what it accepted on 3.6, and still refuses the rest."""
import dis

import pytest

from odoo.tools.safe_eval import (_CONST_OPCODES, _EXPR_OPCODES, _SAFE_OPCODES,
                                  const_eval, expr_eval, safe_eval)

from odoo_py311 import patches


def test_const_eval_literals():
    assert const_eval("[1, 2, 3, 4]") == [1, 2, 3, 4]
    assert const_eval("{1, 2, 3}") == {1, 2, 3}
    assert const_eval("{'a': (1, None), 'b': [True]}") == {"a": (1, None), "b": [True]}
    assert const_eval("[('state', 'in', ['draft', 'sent', 'sale'])]") == \
        [("state", "in", ["draft", "sent", "sale"])]


def test_expr_eval_operations():
    assert expr_eval("3 * 4 + 2 ** 3 - 10 // 3") == 17
    assert expr_eval("'a' in ('a', 'b')") is True
    assert expr_eval("None is not 1") is True
    assert expr_eval("[1, 2, 3][1:]") == [2, 3]
    assert expr_eval("'%s/%s' % (1, 2)") == "1/2"  # compiled to FORMAT_VALUE on 3.11


def test_safe_eval_domains_contexts_and_code():
    ctx = {"uid": 7, "active_ids": [3, 4], "context": {"lang": "sv_SE"}}
    assert safe_eval("[('user_id', '=', uid), ('id', 'in', active_ids)]", ctx) == \
        [("user_id", "=", 7), ("id", "in", [3, 4])]
    assert safe_eval("dict(context, default_x=1, **{'y': 2})", ctx) == \
        {"lang": "sv_SE", "default_x": 1, "y": 2}
    assert safe_eval("'a' in ('a', 'b') and uid is not None", ctx) is True
    assert safe_eval("sum(x * 2 for x in active_ids if x > 3)", ctx) == 8
    assert safe_eval("{k: v for k, v in context.items()}.get('lang')", ctx) == "sv_SE"
    assert safe_eval("(lambda a, b=1: a + b)(1)") == 2
    code = """
total = 0
for i in active_ids:
    if i is None:
        continue
    total += i
try:
    int('x')
except Exception as e:
    total = -total
assert total < 0
while total < 0:
    total += 7
    break
result = total
"""
    env = dict(ctx)
    safe_eval(code, env, mode="exec", nocopy=True)
    assert env["result"] == 0


@pytest.mark.parametrize("expr", [
    "__import__('os')",
    "().__class__",
    "context.__class__",
])
def test_dunder_still_forbidden(expr):
    with pytest.raises(NameError):
        safe_eval(expr, {"context": {}})


@pytest.mark.parametrize("code", [
    "import os",
    "from os import path",
    "x.y = 1",
    "del x.y",
    "global g\ng = 1",
    "with open('/etc/passwd') as f:\n    pass",
    "def f():\n    a = 1\n    return lambda: a",  # closures (LOAD_DEREF)
])
def test_forbidden_statements_stay_forbidden(code):
    with pytest.raises(ValueError):
        safe_eval(code, {"x": object()}, mode="exec")


def test_added_opcodes_exclude_dangerous_ones():
    dangerous = {"IMPORT_NAME", "IMPORT_FROM", "IMPORT_STAR", "STORE_ATTR", "DELETE_ATTR",
                 "STORE_GLOBAL", "DELETE_GLOBAL", "LOAD_DEREF", "STORE_DEREF", "LOAD_CLOSURE",
                 "MAKE_CELL", "BEFORE_WITH", "LOAD_BUILD_CLASS", "SETUP_ANNOTATIONS"}
    added = set(patches.SAFE_EVAL_CONST_OPCODES + patches.SAFE_EVAL_EXPR_OPCODES
                + patches.SAFE_EVAL_SAFE_OPCODES)
    assert not added & dangerous
    allowed = {dis.opname[op] for op in _SAFE_OPCODES}
    assert not allowed & dangerous


def test_levels_stay_nested():
    assert _CONST_OPCODES <= _EXPR_OPCODES <= _SAFE_OPCODES
    # a call is not an "expression" operation at expr level, as on 3.6
    with pytest.raises(ValueError):
        expr_eval("len([1])")
    with pytest.raises(ValueError):
        const_eval("[1] + [2]")

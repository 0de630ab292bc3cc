"""QWeb compiles its hand-built AST; web serves its XML templates; YAML data loads."""
import ast
import importlib
import os
import tempfile

from lxml import etree

from odoo.addons.base.ir.ir_qweb import qweb as qweb_module
from odoo.addons.web.controllers import main as web_main
from odoo.tests.common import TransactionCase

from odoo_py311 import patches


def test_fix_qweb_ast_constants_locations_and_copy():
    name = ast.Name(id="None", ctx=ast.Load())
    args = ast.arguments(args=[], vararg=None, kwonlyargs=[], kw_defaults=[],
                         kwarg=None, defaults=[])
    func = ast.FunctionDef(name="f", args=args, body=[ast.Return(value=name)],
                           decorator_list=[], returns=None)
    # a location range 3.11 refuses: end before start
    ast.copy_location(func, ast.Name(id="x", lineno=2, col_offset=0, end_lineno=1,
                                     end_col_offset=0))
    module = ast.Module(body=[func])
    fixed = patches.fix_qweb_ast(module)
    ns = {}
    exec(compile(fixed, "<t>", "exec"), ns)
    assert ns["f"]() is None
    # QWeb's own tree is untouched: it keeps checking isinstance(node, ast.Name)
    assert isinstance(func.body[0].value, ast.Name)


def test_qweb_module_compiles_through_the_fix():
    assert qweb_module.compile is not compile
    assert qweb_module.compile.__name__ == "compile_qweb"


class TestQWebRender(TransactionCase):

    def test_render_template_with_expressions(self):
        template = etree.fromstring("""
            <t t-name="compat.test">
                <div t-att-class="'a' if flag else None" t-att-data-x="'%s-%s' % (1, 2)">
                    <t t-foreach="items" t-as="item"><span t-esc="item.upper()"/></t>
                    <t t-if="not flag">hidden</t>
                    <t t-set="total" t-value="sum(i for i in [1, 2, 3])"/>
                    <b t-esc="total"/>
                </div>
            </t>""")
        html = self.env["ir.qweb"].render(template, {"flag": True, "items": ["x", "y"]})
        html = html.decode() if isinstance(html, bytes) else html
        assert '<div class="a" data-x="1-2">' in html
        assert "<span>X</span><span>Y</span>" in html
        assert "hidden" not in html
        assert "<b>6</b>" in html


def test_concat_xml_with_getchildren():
    tmp = tempfile.mkdtemp()
    paths = []
    for i in range(2):
        path = os.path.join(tmp, "t%d.xml" % i)
        with open(path, "w") as f:
            f.write('<templates><t t-name="T%d"><div/></t></templates>' % i)
        paths.append(path)
    xml, checksum = web_main.concat_xml(paths)
    root = etree.fromstring(xml)
    assert [t.get("t-name") for t in root] == ["T0", "T1"]
    assert checksum


def test_getchildren_only_on_the_private_copy():
    import xml.etree.ElementTree as shared
    assert web_main.ElementTree is not shared
    assert hasattr(web_main.ElementTree.Element, "getchildren")
    assert not hasattr(shared.Element, "getchildren")  # the C type, untouched


def test_yaml_import_loads_without_explicit_loader():
    yaml_import = importlib.import_module("odoo.tools.yaml_import")
    assert yaml_import.yaml.load("a: [1, 2]") == {"a": [1, 2]}

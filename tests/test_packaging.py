"""Packaging: the addon's wheel, built by whool from the addon's pyproject.toml as
OCA publishes 18.0 addons, installs in a fresh virtualenv and Odoo installs the
module from it."""

import ast
import glob
import os
import re
import subprocess
import sys
import sysconfig
import zipfile

import psycopg2
import pytest
from conftest import CORE_ADDONS, ODOO_SRC, ROOT

ADDON = "crm_interaction_log"
DATABASE = "crm_interaction_wheel"
# the main virtualenv's libraries (Odoo's requirements), which the fresh one borrows
MAIN_SITE = sysconfig.get_paths()["purelib"]
# whool's version: the manifest's, then .N for the commits since it changed (or .dev1
# for uncommitted changes before any commit of that version)
with open(os.path.join(ROOT, ADDON, "__manifest__.py")) as manifest:
    VERSION = ast.literal_eval(manifest.read())["version"]
WHEEL_NAME = re.compile(
    rf"^odoo_addon_crm_interaction_log-{re.escape(VERSION)}(\.\d+|\.dev\d+)?"
    r"-py3-none-any\.whl$"
)


def run(args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "-q",
            "-w",
            str(out),
            os.path.join(ROOT, ADDON),
        ]
    )
    wheels = glob.glob(str(out / "*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_is_an_oca_style_odoo18_addon(wheel):
    assert WHEEL_NAME.match(os.path.basename(wheel)), os.path.basename(wheel)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(
            [n for n in names if n.endswith(".dist-info/METADATA")][0]
        ).decode()
    # the addon sits in the odoo.addons namespace, without odoo's own __init__ files
    prefix = f"odoo/addons/{ADDON}/"
    assert prefix + "__manifest__.py" in names
    assert prefix + f"i18n/{ADDON}.pot" in names
    assert "odoo/__init__.py" not in names and "odoo/addons/__init__.py" not in names
    # every file git tracks in the addon, and nothing else (no pyproject.toml)
    tracked = run(["git", "ls-files", ADDON], cwd=ROOT).stdout.split()
    packed = {n for n in names if n.startswith(prefix)}
    assert packed == {
        "odoo/addons/" + path for path in tracked if path != ADDON + "/pyproject.toml"
    }
    assert "Name: odoo-addon-crm_interaction_log" in metadata
    assert "Requires-Dist: odoo==18.0.*" in metadata
    assert "Framework :: Odoo :: 18.0" in metadata
    # the addon's dependencies are all Odoo's own addons, which come with Odoo
    assert [
        line for line in metadata.splitlines() if line.startswith("Requires-Dist:")
    ] == ["Requires-Dist: odoo==18.0.*"]


def test_wheel_installs_in_a_fresh_virtualenv_and_odoo_installs_the_module(
    wheel, tmp_path, request, odoo_config
):
    venv = tmp_path / "venv"
    run([getattr(sys, "_base_executable", sys.executable), "-m", "venv", str(venv)])
    python = str(venv / "bin" / "python")
    # --no-deps: the wheel requires the distribution "odoo", and Odoo runs here from
    # its source tree, which pip does not know as one
    run(
        [
            python,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            wheel,
        ]
    )
    site = run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
    ).stdout.strip()
    installed = os.path.join(site, "odoo", "addons", ADDON)
    assert os.path.isfile(os.path.join(installed, "__manifest__.py"))
    # The fresh environment reaches Odoo's tree and its libraries through a path
    # file; its own site-packages (with the wheel) stays first on sys.path, and
    # odoo.addons, a namespace package, spans both.
    with open(os.path.join(site, "zz_odoo.pth"), "w") as pth:
        pth.write(f"{ODOO_SRC}\n{MAIN_SITE}\n")

    subprocess.run(["dropdb", "--if-exists", DATABASE], check=True)
    request.addfinalizer(lambda: subprocess.run(["dropdb", "--if-exists", DATABASE]))
    # the project's source tree is left out of the addons path: the module can only
    # come from the wheel
    odoo_args = ["-c", odoo_config, "--addons-path", CORE_ADDONS, "-d", DATABASE]
    run(
        [python, os.path.join(ODOO_SRC, "odoo-bin")]
        + odoo_args
        + [
            "-i",
            ADDON,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
            "--logfile",
            "",
        ],
        cwd=str(tmp_path),
    )
    where = run(
        [
            python,
            "-c",
            f"""
import sys, odoo
odoo.tools.config.parse_config(sys.argv[1:])
import odoo.modules.module as module
import odoo.addons.{ADDON} as addon
print("PATH", module.get_module_path({ADDON!r}))
print("FILE", addon.__file__)
""",
        ]
        + odoo_args,
        cwd=str(tmp_path),
    ).stdout
    assert f"PATH {installed}\n" in where
    assert "FILE {}\n".format(os.path.join(installed, "__init__.py")) in where

    with psycopg2.connect(dbname=DATABASE) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT state, latest_version FROM ir_module_module WHERE name = %s",
            (ADDON,),
        )
        assert cr.fetchone() == ("installed", VERSION)
        cr.execute(
            "SELECT count(*) FROM ir_ui_menu m JOIN ir_model_data d"
            " ON d.res_id = m.id AND d.model = 'ir.ui.menu'"
            " WHERE d.module = %s",
            (ADDON,),
        )
        assert cr.fetchone()[0] > 5
        cr.execute("SELECT count(*) FROM crm_interaction_log_entry")
        assert cr.fetchone()[0] == 0

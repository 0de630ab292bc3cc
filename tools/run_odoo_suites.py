#!/usr/bin/env python3
"""Run Odoo 18.0's own test suites of some modules, with and without the addon.

Each run installs the modules on a fresh database with ``--test-enable`` and
``--test-tags /module,...`` -- Odoo's own test runner, at-install then
post-install tests, as Odoo's CI runs them -- and reads the log: the summary
(``N failed, M error(s) of K tests``), the tests per module and every FAIL or
ERROR. The baseline run installs the addon's dependencies but not the addon,
so that a failure of the environment (a missing library, say) shows in both
runs and only a failure caused by the addon shows in the second run alone.
Prints both side by side and exits non-zero when the addon's run has a failure
the baseline does not have, or a run did not end with its summary.

    python tools/run_odoo_suites.py -c var/odoo.conf --modules crm,sale,purchase

A module may be narrowed to test classes with ``module:Class`` (Odoo's
``--test-tags /module:Class``), e.g. ``account:TestAccountMoveOutInvoiceOnchanges``.
"""

import argparse
import ast
import collections
import os
import re
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO_SRC = os.path.abspath(
    os.environ.get("ODOO_SRC") or os.path.join(ROOT, ".odoo", "src")
)
ODOO = [sys.executable, os.path.join(ODOO_SRC, "odoo-bin")]
ADDON = "crm_interaction_log"

RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) "
    r"(?P<logger>[\w.]+): (?P<message>.*)$"
)
SUMMARY = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
STATS = re.compile(r"^(\w+): (\d+) tests ")
PROBLEM = re.compile(r"^(FAIL|ERROR): (.+)$")
ADDON_OF = re.compile(r"odoo\.addons\.(\w+)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def addon_depends():
    with open(os.path.join(ROOT, ADDON, "__manifest__.py"), encoding="utf-8") as f:
        return ast.literal_eval(f.read()).get("depends", [])


def run_suites(config, database, install, suites, log_path):
    """Install ``install`` on a fresh ``database`` with the tests of ``suites``;
    returns the exit code and the seconds taken."""
    subprocess.run(["dropdb", "--if-exists", database], check=True)
    args = ODOO + [
        "-c",
        config,
        "-d",
        database,
        "-i",
        ",".join(install),
        "--test-enable",
        "--test-tags",
        ",".join("/" + m for m in suites),
        "--stop-after-init",
        "--log-level",
        "info",
        "--logfile",
        log_path,
        # the tests' HTTP server (HttpCase) must not meet another server's port
        "--http-port",
        str(free_port()),
        "--gevent-port",
        str(free_port()),
        "--max-cron-threads",
        "0",
    ]
    print("$ {}".format(" ".join(args)), flush=True)
    start = time.time()
    code = subprocess.call(args)
    return code, time.time() - start


def parse_log(log_path):
    """The summary, tests per module and problems (module, kind, test, last line)."""
    result = {
        "summary": None,
        "modules": collections.Counter(),
        "problems": [],
        "critical": [],
    }
    current = None  # the FAIL/ERROR record whose traceback follows
    with open(log_path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            record = RECORD.match(line)
            if not record:
                if current is not None and line.strip():
                    current[3] = line.strip()
                continue
            current = None
            message = record.group("message")
            summary = SUMMARY.search(message)
            if summary:
                result["summary"] = tuple(int(n) for n in summary.groups())
                continue
            if record.group("logger") == "odoo.tests.stats":
                stats = STATS.match(message)
                if stats:
                    result["modules"][stats.group(1)] += int(stats.group(2))
                continue
            problem = PROBLEM.match(message)
            if problem and record.group("level") == "ERROR":
                found = ADDON_OF.search(record.group("logger")) or ADDON_OF.search(
                    problem.group(2)
                )
                current = [
                    found.group(1) if found else "?",
                    problem.group(1),
                    problem.group(2),
                    "",
                ]
                result["problems"].append(current)
                continue
            if record.group("level") == "CRITICAL":
                result["critical"].append(message)
    return result


def count(problems, module, kind):
    return sum(1 for p in problems if p[0] == module and p[1] == kind)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument(
        "-d",
        "--database",
        default="crm_interaction_odoo_suites",
        help="prefix of the two databases (_baseline and _addon)",
    )
    parser.add_argument(
        "--modules", required=True, help="comma-separated modules whose tests run"
    )
    parser.add_argument(
        "--install", default="", help="more modules to install in both runs"
    )
    parser.add_argument(
        "--skip-baseline", action="store_true", help="only the run with the addon"
    )
    args = parser.parse_args()
    config = os.path.abspath(args.config)
    suites = [m for m in args.modules.split(",") if m]
    modules = list(dict.fromkeys(m.split(":")[0] for m in suites))
    extra = [m for m in args.install.split(",") if m]
    base_install = list(dict.fromkeys(modules + extra + addon_depends()))
    logdir = os.path.join(ROOT, "var", "log")
    os.makedirs(logdir, exist_ok=True)

    runs = collections.OrderedDict()
    variants = [("addon", base_install + [ADDON])]
    if not args.skip_baseline:
        variants.insert(0, ("baseline", base_install))
    for name, install in variants:
        log_path = os.path.join(logdir, f"odoo-suites-{name}.log")
        code, seconds = run_suites(
            config, f"{args.database}_{name}", install, suites, log_path
        )
        result = parse_log(log_path)
        result.update(code=code, seconds=seconds, log=log_path)
        runs[name] = result

    names = list(runs)
    print()
    print(
        "| module | "
        + " | ".join(f"{n}: tests | failed | errors" for n in names)
        + " |"
    )
    print("| --- |" + " --- | --- | --- |" * len(names))
    for module in modules + ["?"]:
        cells = []
        for name in names:
            run = runs[name]
            tests = run["modules"].get(module, 0)
            failed = count(run["problems"], module, "FAIL")
            errors = count(run["problems"], module, "ERROR")
            if module == "?" and not (failed or errors):
                continue
            cells.append(f"{tests} | {failed} | {errors}")
        if cells:
            print("| {} | {} |".format(module, " | ".join(cells)))
    totals = []
    for name in names:
        failed, errors, tests = runs[name]["summary"] or (0, 0, 0)
        totals.append(f"**{tests}** | **{failed}** | **{errors}**")
    print("| **total** | {} |".format(" | ".join(totals)))
    print()
    for name in names:
        run = runs[name]
        log = os.path.relpath(run["log"], ROOT)
        print(f"{name}: {run['seconds']:.0f} s, exit code {run['code']}, log {log}")

    def key(problem):
        return tuple(problem[:3])

    baseline = (
        {key(p) for p in runs["baseline"]["problems"]} if "baseline" in runs else set()
    )
    new = [p for p in runs["addon"]["problems"] if key(p) not in baseline]
    for problem in runs["addon"]["problems"]:
        label = "NEW     " if problem in new else "BASELINE"
        print(f"{label} {problem[0]} {problem[1]}: {problem[2]}")
        print(f"         {problem[3][:300]}")
    if "baseline" in runs:
        addon_keys = {key(p) for p in runs["addon"]["problems"]}
        for problem in runs["baseline"]["problems"]:
            if key(problem) not in addon_keys:
                print(f"BASELINE ONLY {problem[0]} {problem[1]}: {problem[2]}")
    broken = [
        name for name, run in runs.items() if run["summary"] is None or run["critical"]
    ]
    for name in broken:
        print(
            "{}: the run did not end with its test summary: {}".format(
                name, "; ".join(runs[name]["critical"])[:500] or "see its log"
            )
        )
    # a module whose tests ran in the baseline but not with the addon
    ran_before = (
        runs["baseline"]["modules"] if "baseline" in runs else dict.fromkeys(modules, 1)
    )
    missing = [
        m for m in modules if ran_before.get(m) and not runs["addon"]["modules"].get(m)
    ]
    if missing:
        print("no tests ran for: {}".format(", ".join(missing)))
    sys.exit(1 if new or broken or missing else 0)


if __name__ == "__main__":
    main()

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

Then the query counts: Odoo's ``assertQueryCount`` logs a counted block whose
count is not the expected one ("Query count more than expected ..." fails the
test, "... less than expected ..." is an INFO record; an exact count logs
nothing). The table "Query counts (baseline → addon)" has a row per counted
block whose count differs between the runs: its test and location, the user,
the expected, baseline and addon counts and the difference. A run that did not
log a block counted the expected number -- unless the block's test failed
otherwise in that run (the block may not have run: ``?``, not compared).
With ``--max-query-difference N`` the exit code is non-zero when the addon
adds more than N queries to a block, and a FAIL of the addon's run that is only
a query count more than expected, within N of the baseline's count, is not a
failure the baseline does not have. Without it the counts are only reported.
With ``--refusal TEXT`` an ERROR of the addon's run whose last line holds TEXT
is a refusal of the addon by design (a test of Odoo's that deletes what the
addon keeps), listed as accepted.

    python tools/run_odoo_suites.py -c var/odoo.conf --modules crm,sale,purchase \
        --max-query-difference 4

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
# assertQueryCount's message, in an INFO record (less) or a FAIL's traceback (more)
QUERY_COUNT = re.compile(
    r"Query count (more|less) than expected for user (\S+): (\d+) [<>] (\d+) "
    r"in (\S+) at (\S+)"
)


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
    # Odoo appends to its logfile: parse this run's log only
    if os.path.exists(log_path):
        os.remove(log_path)
    start = time.time()
    code = subprocess.call(args)
    return code, time.time() - start


def query_count(line):
    """The block ``(user, function, file:line)`` and ``(count, expected)`` of an
    assertQueryCount message in ``line``, or None."""
    found = QUERY_COUNT.search(line)
    if not found:
        return None
    _, user, count, expected, function, location = found.groups()
    return (user, function, location), (int(count), int(expected))


def parse_log(log_path):
    """The summary, tests per module, problems (module, kind, test, last line)
    and query counts ({(user, function, file:line): (count, expected)})."""
    result = {
        "summary": None,
        "modules": collections.Counter(),
        "problems": [],
        "critical": [],
        "queries": {},
    }
    current = None  # the FAIL/ERROR record whose traceback follows
    with open(log_path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            found = query_count(line)
            # a block counted more than once (in a loop): its largest count
            if found and found[1] > result["queries"].get(found[0], (-1, -1)):
                result["queries"][found[0]] = found[1]
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


def failed_tests(run):
    """The words of the tests that failed in ``run`` other than by a query count
    (their function names among them)."""
    return {
        word
        for problem in run["problems"]
        if not query_count(problem[3])
        for word in re.findall(r"\w+", problem[2])
    }


def block_order(row):
    (user, function, location), *_ = row
    path, _, line = location.rpartition(":")
    return path, int(line) if line.isdigit() else 0, function, user


def query_counts(baseline, addon):
    """Rows (block, expected, baseline count, addon count, difference) of the
    blocks either run logged, by location. A run that did not log a block counted
    the expected number, unless the block's test failed otherwise in that run:
    None, and no difference."""
    rows = []
    for block in set(baseline["queries"]) | set(addon["queries"]):
        expected = (baseline["queries"].get(block) or addon["queries"][block])[1]
        counts = []
        for run in (baseline, addon):
            if block in run["queries"]:
                counts.append(run["queries"][block][0])
            elif block[1] in failed_tests(run):
                counts.append(None)
            else:
                counts.append(expected)
        difference = None if None in counts else counts[1] - counts[0]
        rows.append((block, expected, *counts, difference))
    return sorted(rows, key=block_order)


def query_verdict(rows, limit):
    """The rule of ``--max-query-difference``: the blocks the addon adds more than
    ``limit`` queries to (a failure), and those within it, whose query-count FAILs
    in the addon's run are accepted. Without a limit: none and none."""
    if limit is None:
        return [], set()
    over = [row for row in rows if row[4] is not None and row[4] > limit]
    within = {row[0] for row in rows if row[4] is not None and row[4] <= limit}
    return over, within


def accepted(problem, within, refusals=()):
    """A FAIL that is only a query count more than expected, of a block within the
    limit; or an ERROR that ends with one of the addon's ``refusals``, a refusal it
    makes by design."""
    if problem[1] == "ERROR":
        return any(refusal in problem[3] for refusal in refusals)
    found = problem[1] == "FAIL" and query_count(problem[3])
    return bool(found) and found[0] in within


def print_query_counts(rows, title, over_limit, limit):
    """The rows whose counts differ; those over the limit in bold."""
    shown = [row for row in rows if row[4] != 0]
    print()
    print(f"Query counts ({title})")
    print()
    print("| location | test | user | expected | baseline | addon | difference |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for row in shown:
        (user, function, location), expected, before, after, difference = row
        cells = [location, function, user, expected, before, after, difference]
        cells = ["?" if c is None else c for c in cells]
        if difference:
            cells[6] = f"{difference:+d}"
        if row in over_limit:
            cells[6] = f"**{difference:+d}**"
        print("| {} |".format(" | ".join(str(c) for c in cells)))
    differences = [row[4] for row in shown if row[4] is not None]
    unknown = len(shown) - len(differences)
    print()
    print(
        "{} counted block(s) differ{}{}{}".format(
            len(differences),
            f", the largest by {max(differences):+d}" if differences else "",
            f"; {len(over_limit)} over the limit of {limit}" if over_limit else "",
            f"; {unknown} not compared (their test failed otherwise)"
            if unknown
            else "",
        )
    )


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
    parser.add_argument(
        "--max-query-difference",
        type=int,
        metavar="N",
        help="fail when the addon adds more than N queries to a counted block, "
        "and accept its query-count FAILs within N (default: only report)",
    )
    parser.add_argument(
        "--refusal",
        action="append",
        default=[],
        metavar="TEXT",
        help="accept an ERROR of the addon's run whose last line holds TEXT: a "
        "refusal of the addon by design (repeatable)",
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

    # without a baseline run, the counts are compared with Odoo's expected ones
    rows = query_counts(
        runs.get("baseline", {"queries": {}, "problems": []}), runs["addon"]
    )
    over_limit, within_limit = query_verdict(rows, args.max_query_difference)
    print_query_counts(
        rows,
        "baseline → addon" if "baseline" in runs else "expected → addon",
        over_limit,
        args.max_query_difference,
    )
    baseline = (
        {key(p) for p in runs["baseline"]["problems"]} if "baseline" in runs else set()
    )
    # a failure the baseline does not have, but a query count within the limit
    new = [
        p
        for p in runs["addon"]["problems"]
        if key(p) not in baseline and not accepted(p, within_limit, args.refusal)
    ]
    print()
    for problem in runs["addon"]["problems"]:
        # ACCEPTED: not in the baseline, a query count within the limit or a
        # refusal by design
        label = "BASELINE" if key(problem) in baseline else "ACCEPTED"
        label = "NEW     " if problem in new else label
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
    # fails on: a failure the baseline does not have (query counts within the limit
    # aside), a run without its summary, a module without tests, a block over the limit
    sys.exit(1 if new or broken or missing or over_limit else 0)


if __name__ == "__main__":
    main()

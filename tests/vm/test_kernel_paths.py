"""The platform's kernel paths on Debian's 6.1 kernel (MIP6, ip6tnl, ESP), in one boot:

- the JUnit tests tagged mip6-kernel of mobility.netlink, mobility.signalling and mobility.tunnel, which this
  machine's kernel reports skipped, run for real in the guest (the driver against iproute2's view, the kernel
  signalling path between namespaces, the ip6tnl data plane); their JUnit report is written to
  target/test-reports/vm-junit-*.xml so the test run's summary counts each of them;
- `./mobility -c 'mip:caps --json'` in the guest finds MIP6, ip6tnl and ESP and chooses the kernel signalling path
  and the ip6tnl data plane.
"""
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from vm_lane import FIGURES, GUEST_RESULTS, REPO, ensure_built, run_guest

MODULES = ["mobility.netlink", "mobility.signalling", "mobility.tunnel"]
REPORTS = REPO / "target" / "test-reports"


def _mvn(*args):
    p = subprocess.run(["mvn", "-B", "-q", "-o", *args], cwd=REPO, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:  # not downloaded yet: once more, online
        p = subprocess.run(["mvn", "-B", "-q", *args], cwd=REPO, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        pytest.fail(f"mvn {' '.join(args)} failed:\n{p.stdout}\n{p.stderr}")


def _classpath():
    """The three modules' test and main classes and their test-scope dependencies, from Maven, minus JUnit itself
    (the console launcher brings its own engines; two copies of an engine stop it)."""
    _mvn("dependency:build-classpath", "-Dmdep.outputFile=target/test-classpath.txt", "-Dmdep.includeScope=test",
         "-pl", ",".join(MODULES))
    roots, entries = [], []
    for m in MODULES:
        roots.append(str(REPO / m / "target" / "test-classes"))
        entries.append(str(REPO / m / "target" / "classes"))
        entries += (REPO / m / "target" / "test-classpath.txt").read_text().strip().split(":")
    kept = []
    for e in roots + entries:
        if e and e not in kept and not re.search(r"/(org/junit|org/opentest4j|org/apiguardian)/", e):
            kept.append(e)
    return roots, ":".join(kept)


def _launcher():
    """JUnit's console launcher (junit-platform-console-standalone) of the JUnit version the root pom uses."""
    jupiter = re.search(r"<junit.version>5\.([0-9.]+)</junit.version>", (REPO / "pom.xml").read_text()).group(1)
    version = f"1.{jupiter}"
    _mvn("dependency:copy", f"-Dartifact=org.junit.platform:junit-platform-console-standalone:{version}",
         "-DoutputDirectory=target/vm-junit", "-Dmdep.overWriteIfNewer=true")
    return str(REPO / "target" / "vm-junit" / f"junit-platform-console-standalone-{version}.jar")


@pytest.fixture(scope="session")
def kernel_paths(vm_ready):
    ensure_built()
    roots, classpath = _classpath()
    launcher = _launcher()
    run = run_guest("--env", "MOBILITY_TIMEOUT_SCALE=" + os.environ.get("MOBILITY_TIMEOUT_SCALE", "4"), "--",
                    "/usr/bin/python3", "tests/vm/guest_kernel_paths.py", launcher, classpath, *roots, timeout=1200)
    records = {}
    for _, line in run.lines:
        tag, _, payload = line.partition(" ")
        if tag in ("@@junit", "@@caps"):
            records[tag[2:]] = json.loads(payload)
    if "junit" not in records:
        (REPORTS / "vm-kernel-paths.log").write_text(run.stderr)
        pytest.fail(f"the guest reported no JUnit run: {run.describe()}")
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "vm-kernel-paths.log").write_text(run.stderr)
    for old in REPORTS.glob("vm-junit-*.xml"):
        old.unlink()
    for name, text in records["junit"]["reports"].items():
        (REPORTS / f"vm-junit-{name}").write_text(text)
    GUEST_RESULTS.extend((name, outcome) for name, outcome, _ in _cases(records))
    FIGURES["JUnit tests tagged mip6-kernel in the guest"] = f"{records['junit']['seconds']} s"
    if "caps" in records:
        FIGURES["./mobility -c 'mip:caps --json' in the guest"] = f"{records['caps']['seconds']} s"
    FIGURES["kernel paths run in all (boot, JUnit, mip:caps, power-off)"] = f"{run.seconds:.1f} s"
    return run, records


def _cases(records):
    cases = []
    for text in records["junit"]["reports"].values():
        for case in ET.fromstring(text).iter("testcase"):
            outcome = "failed" if case.find("failure") is not None or case.find("error") is not None else (
                "skipped" if case.find("skipped") is not None else "passed")
            detail = "".join((case.find(o).text or "") for o in ("failure", "error", "skipped")
                             if case.find(o) is not None)
            cases.append((f"{case.get('classname')}.{case.get('name')}", outcome, detail))
    return cases


def test_mip6_kernel_junit_tests_run_and_pass_in_the_guest(kernel_paths):
    run, records = kernel_paths
    cases = _cases(records)
    failed = [f"{n}: {d[:1500]}" for n, o, d in cases if o == "failed"]
    skipped = [f"{n}: {d[:300]}" for n, o, d in cases if o == "skipped"]
    assert not failed, "\n".join(failed) + "\n--- guest stderr\n" + run.stderr[-6000:]
    assert not skipped, "on Debian's kernel nothing tagged mip6-kernel may be skipped:\n" + "\n".join(skipped)
    names = {n.rsplit(".", 1)[0].rsplit(".", 1)[-1] for n, _, _ in cases}
    # Each module's kernel-path tests were found and ran (a wrong class path would find none and pass vacuously).
    for cls in ("LinksKernelTest", "XfrmKernelTest", "KernelSignallingEndToEndTest", "DataPlaneEndToEndTest"):
        assert cls in names, f"no {cls} test ran in the guest: {sorted(names)}\n{run.stderr[-3000:]}"
    assert records["junit"]["rc"] == 0, run.stderr[-6000:]


def test_mip_caps_in_the_guest_finds_mip6_and_chooses_the_kernel_paths(kernel_paths):
    run, records = kernel_paths
    assert "caps" in records, run.describe()
    caps = records["caps"]
    assert caps["rc"] == 0, (f"./mobility -c 'mip:caps --json' failed in the guest (exit {caps['rc']}):\n"
                             f"{caps['stdout'][:4000]}\n--- stderr\n{caps['stderr']}")
    report = json.loads(caps["stdout"])
    assert report["kernel"].startswith("6.1.0-"), report["kernel"]
    for feature in ("mip6-ro-xfrm", "ip6tnl", "esp", "xfrm-policy"):
        assert report["features"][feature]["supported"], f"{feature}: {report['features'][feature]}"
    assert report["signalling"]["path"] == "kernel-mip6", report["signalling"]
    assert report["signalling"]["paths"]["kernel-mip6"]["available"], report["signalling"]
    assert report["dataplane"]["provider"] == "ip6tnl", report["dataplane"]
    assert report["dataplane"]["providers"]["ip6tnl"]["available"], report["dataplane"]

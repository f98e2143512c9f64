"""Fixtures of the guest lane: ./mobility vm (vm/run) booting Debian's 6.1 kernel under qemu.

The expensive part is a boot (about 6 s under TCG), so the kernel checks share one boot per session
(guest_checks.py runs them all and reports each on one line); only the exit-status and timeout tests boot
a guest of their own. Where qemu cannot be installed or cannot start at all, every test here is skipped
with the reason; anything else that goes wrong fails.
"""
import json
import os
import re
import shutil
import subprocess
import time

import pytest

from vm_lane import CACHE, FIGURES, GUEST_RESULTS, MOBILITY, REPO, RUNS, run_guest


def _apt_install(*packages):
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
    return subprocess.run(["apt-get", "install", "-y", "-qq", *packages], env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def vm_ready():
    """Installs, fetches and builds what the guest needs (vm/run --prepare), and checks qemu starts at all."""
    # Other work on the machine slows TCG down a lot: the figures below are read with this in mind.
    FIGURES["host load average at start"] = " ".join(open("/proc/loadavg").read().split()[:3])
    t0 = time.monotonic()
    p = subprocess.run([str(MOBILITY), "vm", "--prepare"], cwd=REPO, capture_output=True, text=True, timeout=1200)
    FIGURES["prepare (install, fetch, build; cached after the first run)"] = f"{time.monotonic() - t0:.1f} s"
    if p.returncode != 0:
        if shutil.which("qemu-system-x86_64") is None:
            pytest.skip(f"qemu cannot be installed here: {p.stderr.strip()}")
        if "apt-get" in p.stderr or "kernel package" in p.stderr:
            pytest.skip(f"Debian's kernel package cannot be had here: {p.stderr.strip()}")
        pytest.fail(f"./mobility vm --prepare failed (exit {p.returncode}):\n{p.stderr}")
    # A bare machine with no guest: does qemu start in this sandbox at all?
    probe = subprocess.run(["qemu-system-x86_64", "-nodefaults", "-no-user-config", "-display", "none",
                            "-machine", "none", "-accel", "tcg", "-monitor", "stdio"],
                           input="quit\n", capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:
        pytest.skip(f"qemu cannot start here (exit {probe.returncode}): {probe.stderr.strip()}")
    # The guest runs the host's tools; the namespace checks ping.
    if shutil.which("ping") is None:
        r = _apt_install("iputils-ping")
        if shutil.which("ping") is None:
            pytest.fail(f"ping is missing and apt-get install iputils-ping failed: {r.stderr}")
    m = re.search(r"^vm: kernel (.*)$", p.stderr, re.M)
    FIGURES["kernel"] = m.group(1) if m else "?"
    return (CACHE / "kernel.version").read_text().split()


@pytest.fixture(scope="session")
def guest_checks(vm_ready):
    """One boot running guest_checks.py; returns (the run, {check name: record}, [stream marks])."""
    run = run_guest("--env", f"VM_TEST_CWD={REPO}", "--", "/usr/bin/python3", "tests/vm/guest_checks.py",
                    timeout=600)
    checks, marks = {}, []
    for at, line in run.lines:
        tag, _, payload = line.partition(" ")
        if tag == "@@check":
            record = json.loads(payload)
            checks[record["name"]] = record
        elif tag == "@@stream":
            marks.append((at, json.loads(payload)["mark"]))
    if run.rc != 0 or not checks:
        pytest.fail(f"the guest check run failed: {run.describe()}")
    FIGURES["boot to command (host wall, from qemu start)"] = f"{run.boot_seconds()} s"
    FIGURES["check run in all (boot, checks, power-off)"] = f"{run.seconds:.1f} s"
    FIGURES["checks in the guest"] = ", ".join(f"{name} {r['seconds']} s" for name, r in checks.items())
    if "java" in checks:
        FIGURES["java -version in the guest"] = f"{checks['java']['seconds']} s"
    m = re.search(r"^vm: accelerator: (.*)$", run.stderr, re.M)
    FIGURES["accelerator"] = m.group(1) if m else "?"
    return run, checks, marks


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    terminalreporter.section("guest lane (./mobility vm)")
    for key, value in FIGURES.items():
        terminalreporter.write_line(f"{key}: {value}")
    if GUEST_RESULTS:
        counts = {o: sum(1 for _, r in GUEST_RESULTS if r == o) for o in ("passed", "failed", "skipped")}
        terminalreporter.write_line("tests run inside the guest: " + ", ".join(f"{n} {o}" for o, n in counts.items()))
        for name, outcome in GUEST_RESULTS:
            terminalreporter.write_line(f"  {outcome:7} {name}")
    for args, run in RUNS:
        boot = run.boot_seconds()
        terminalreporter.write_line(
            f"run {' '.join(args)[:70]}: exit {run.rc}, {run.seconds:.1f} s" + (f", up in {boot} s" if boot else ""))

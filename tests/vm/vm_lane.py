"""Helpers of the guest lane, shared by conftest.py and the tests: running ./mobility vm and checking that
a run left nothing behind."""
import re
import subprocess
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MOBILITY = REPO / "mobility"
CACHE = REPO / "vm" / "cache"

# Figures for the closing summary: what a boot and a JVM cost in here.
FIGURES = {}
RUNS = []
# Tests that ran inside the guest (JUnit, pytest), shown one per line in the closing summary: (name, outcome).
GUEST_RESULTS = []


class GuestRun:
    """One ./mobility vm run: exit status, stdout lines with the host time each arrived, stderr, wall time."""

    def __init__(self, rc, lines, stderr, seconds):
        self.rc = rc
        self.lines = lines  # [(seconds since start, line)]
        self.stderr = stderr
        self.seconds = seconds

    @property
    def stdout(self):
        return "".join(line for _, line in self.lines)

    def boot_seconds(self):
        m = re.search(r"^vm: guest up in ([0-9.]+) s", self.stderr, re.M)
        return float(m.group(1)) if m else None

    def describe(self):
        return f"exit {self.rc} after {self.seconds:.1f} s\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


def ensure_built():
    """Builds on the host when a source is newer than the runtime jar: ./mobility in the guest would otherwise
    start Maven there, under emulation, on every command."""
    jar = REPO / "cnf" / "target" / "mobility.jar"
    newer = subprocess.run(["find", "pom.xml", "bnd.bnd", "cnf/pom.xml", *[str(p.relative_to(REPO)) for p in
                            REPO.glob("mobility.*/src")], "-newer", str(jar), "-type", "f", "-print", "-quit"],
                           cwd=REPO, capture_output=True, text=True).stdout.strip() if jar.exists() else "missing"
    if newer:
        subprocess.run([str(MOBILITY), "build"], cwd=REPO, check=True, timeout=1800)


def run_guest(*args, timeout=300):
    """Runs ./mobility vm ARGS from the repository, reading stdout line by line as it streams."""
    t0 = time.monotonic()
    # vm/run's own --timeout ends a hung guest; a --timeout in args comes later and wins.
    # The host built everything before; a guest never builds (its writes vanish, and under TCG a build takes minutes).
    p = subprocess.Popen([str(MOBILITY), "vm", "--timeout", str(timeout), "--env", "MOBILITY_NO_BUILD=1", *args],
                         cwd=REPO, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
    err = []
    reader = threading.Thread(target=lambda: err.append(p.stderr.read()), daemon=True)
    reader.start()
    lines = []
    for line in p.stdout:
        lines.append((time.monotonic() - t0, line))
    try:
        rc = p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.terminate()  # vm/run's trap takes qemu with it
        rc = p.wait(timeout=30)
    reader.join(timeout=30)
    run = GuestRun(rc, lines, "".join(err), time.monotonic() - t0)
    RUNS.append((args, run))
    return run


def leftovers():
    """What a finished run must not leave: job folders in the cache, qemu processes booting our kernel."""
    found = [str(p) for p in CACHE.glob("run.*")]
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if cmd.startswith("qemu-system") and str(CACHE) in cmd:
            found.append(f"pid {proc.name}: {cmd[:120]}")
    return found

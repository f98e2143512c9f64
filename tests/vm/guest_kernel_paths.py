"""Runs INSIDE the guest (started by test_kernel_paths.py through ./mobility vm): the JUnit tests tagged
mip6-kernel of mobility.netlink, mobility.signalling and mobility.tunnel on Debian's kernel, then the platform's
own capability report (mip:caps) in a container.

Arguments: the JUnit console launcher jar, then the class path to scan (test classes first). Every record goes to
stdout as one line '@@TAG {json}'; the console launcher's own tree goes to stderr as it runs, so the host shows it.
"""
import glob
import json
import os
import subprocess
import sys
import time


def emit(tag, payload):
    sys.stdout.write(f"@@{tag} {json.dumps(payload)}\n")
    sys.stdout.flush()


def junit(launcher, classpath, roots):
    reports = "/tmp/junit-reports"
    t0 = time.monotonic()
    # The tests wait for kernel events and JVM-started helpers; under TCG everything takes longer.
    p = subprocess.run(["java", "-XX:ErrorFile=/dev/stderr", "-jar", launcher, "execute", "--disable-banner",
                        "--details=tree", "--disable-ansi-colors", "--include-tag", "mip6-kernel",
                        "--class-path", classpath, "--scan-class-path", ":".join(roots), "--reports-dir", reports],
                       stdout=sys.stderr, stderr=sys.stderr, timeout=900)
    seconds = round(time.monotonic() - t0, 1)
    xml = {os.path.basename(f): open(f).read() for f in sorted(glob.glob(f"{reports}/*.xml"))}
    emit("junit", {"rc": p.returncode, "seconds": seconds, "reports": xml})


def caps():
    t0 = time.monotonic()
    p = subprocess.run(["./mobility", "--conf", "/tmp/caps-conf", "-c", "mip:caps --json"], capture_output=True,
                       text=True, timeout=300)
    emit("caps", {"rc": p.returncode, "seconds": round(time.monotonic() - t0, 1), "stdout": p.stdout,
                  "stderr": p.stderr[-4000:]})


def main():
    launcher, classpath, *roots = sys.argv[1:]
    junit(launcher, classpath, roots)
    caps()
    return 0


if __name__ == "__main__":
    sys.exit(main())

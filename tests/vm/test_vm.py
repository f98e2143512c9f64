"""The guest harness (./mobility vm) and the kernel features the platform needs, checked in the guest.

The checks themselves run in one boot (guest_checks.py, via the guest_checks fixture); each test here
asserts one of them and shows the commands and output of that check when it fails.
"""
import json
import re
import subprocess

from vm_lane import CACHE, REPO, leftovers, run_guest


def assert_check(guest_checks, name):
    _, checks, _ = guest_checks
    assert name in checks, f"the guest did not report the check '{name}'"
    record = checks[name]
    assert record["ok"], f"check '{name}' failed in the guest:\n" + json.dumps(record["log"], indent=1)
    return record


def test_kernel_is_debians_61(vm_ready, guest_checks):
    package, version = vm_ready
    record = assert_check(guest_checks, "uname")
    outputs = "".join(step["out"] for step in record["log"])
    # The kernel the guest booted is the one fetched: its ABI (uname -r) and Debian's version (uname -v).
    assert package.removeprefix("linux-image-") in outputs
    assert version in outputs, f"uname -v does not name {version}: {outputs}"


def test_accelerator_is_reported(guest_checks):
    run, _, _ = guest_checks
    assert re.search(r"^vm: accelerator: (KVM|TCG) \(.+\)$", run.stderr, re.M), run.stderr


def test_command_runs_in_callers_directory_as_root_with_writable_scratch(guest_checks):
    assert_check(guest_checks, "environment")
    # The write to target/ went to the guest's RAM overlay, not to the host's tree.
    assert not (REPO / "target" / "vm-overlay-probe").exists()


def test_ip6ip6_tunnel(guest_checks):
    assert_check(guest_checks, "ip6ip6")


def test_xfrm_route2_state(guest_checks):
    assert_check(guest_checks, "xfrm-route2")


def test_xfrm_hao_state_and_policy(guest_checks):
    assert_check(guest_checks, "xfrm-hao")


def test_esp_with_real_ciphers_carries_pings(guest_checks):
    assert_check(guest_checks, "esp")


def test_namespaces_ping_through_ip6ip6(guest_checks):
    assert_check(guest_checks, "ip6ip6-ping")


def test_host_jdk_runs_in_guest(guest_checks):
    record = assert_check(guest_checks, "java")
    assert "openjdk version" in record["log"][0]["out"] or "java version" in record["log"][0]["out"]


def test_output_streams_while_the_command_runs(guest_checks):
    _, _, marks = guest_checks
    assert [m for _, m in marks] == [1, 2], marks
    # The guest sleeps 2 s between the marks: the host must have had the first one well before the second.
    gap = marks[1][0] - marks[0][0]
    assert gap >= 1.5, f"the marks arrived {gap:.2f} s apart: output is not streamed"


def test_exit_status_and_stderr_come_back(vm_ready):
    run = run_guest("-q", "--", "sh", "-c", "echo to-out; echo to-err >&2; exit 3", timeout=120)
    assert run.rc == 3, run.describe()
    assert run.stdout == "to-out\n", run.describe()
    assert "to-err" in run.stderr, run.describe()
    assert leftovers() == []


def test_timeout_kills_the_guest_and_says_so(vm_ready):
    run = run_guest("--timeout", "6", "--", "sleep", "300", timeout=120)
    assert run.rc == 124, run.describe()
    assert "vm: error: timeout" in run.stderr, run.describe()
    assert run.seconds < 30, run.describe()
    assert leftovers() == []


def test_harness_errors_are_named(vm_ready):
    # No boot needed: arguments and a working directory the guest cannot see are refused up front.
    run = run_guest("--mem", "12", "--", "true", timeout=60)
    assert run.rc == 125 and "vm: error: --mem" in run.stderr, run.describe()
    p = subprocess.run([str(REPO / "mobility"), "vm", "--", "true"], cwd="/proc", capture_output=True, text=True,
                       timeout=120)
    assert p.returncode == 125 and "not visible in the guest" in p.stderr, p.stderr


def test_nothing_left_behind(guest_checks):
    assert leftovers() == []
    assert not list(CACHE.glob("build.*"))


def test_a_caller_below_tmp_keeps_its_folder_in_the_guest(vm_ready, tmp_path):
    (tmp_path / "marker").write_text("seen from the guest\n")
    p = subprocess.run([str(REPO / "mobility"), "vm", "-q", "--", "/bin/cat", "marker"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0 and p.stdout == "seen from the guest\n", p.stderr

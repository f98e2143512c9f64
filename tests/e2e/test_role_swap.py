"""Roles swapped in one running container, and what a stopped role leaves in the kernel: nothing.

The home agent's namespace of the HOWTO's test bed runs one container configured for both roles. With a live
binding (tunnel, proxy entry, anycast address), the home agent is stopped, the mobile node started and stopped,
the home agent started again — the JVM never restarts. After every stop the namespace's links, addresses, routes of
every table, rules, proxy neighbours and nftables ruleset are what they were with no role running.
"""
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "testbed"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from testbed import HA_ADDR, HOME_ADDRESS, MOBILITY, Testbed  # noqa: E402
from test_home_agent import care_of_address, leave_home_link, scapy, until_bound  # noqa: E402

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="network namespaces need root")

CONFIG = {
    "mobility.ha.cfg": "homeLinks = eth0\ndadTimeoutMillis = 300\n",
    "mobility.mn.cfg": f"homeAddress = 2001:db8:2700::77/64\nhomeLink = eth0\nhomeAgentAddress = {HA_ADDR}\n",
}


def kernel_state(tb, node):
    """What a role could have installed, without what changes by itself (lifetimes, counters, RA routes). Read after
    the signalling bundle's linger (1 s) has passed, so what it keeps for a quick role swap is gone too."""
    time.sleep(1.5)
    def j(*cmd):
        out = tb.sh(node, "ip", "-j", *cmd).stdout.strip()
        return json.loads(out) if out else []

    links = sorted(l["ifname"] for l in j("link", "show"))
    addresses = sorted((a["ifname"], i["local"], i["prefixlen"]) for a in j("-6", "addr", "show")
                       for i in a.get("addr_info", []))
    routes = sorted(json.dumps({k: v for k, v in r.items() if k not in ("expires", "pref", "flags")}, sort_keys=True)
                    for r in j("-6", "route", "show", "table", "all") if r.get("protocol") != "ra")
    rules = sorted(json.dumps(r, sort_keys=True) for r in j("-6", "rule", "show"))
    proxies = sorted(json.dumps(n, sort_keys=True) for n in j("-6", "neigh", "show", "proxy"))
    nft = re.sub(r"counter packets \d+ bytes \d+", "counter", tb.sh(node, "nft", "list", "ruleset").stdout)
    return {"links": links, "addresses": addresses, "routes": routes, "rules": rules, "proxies": proxies,
            "nft": nft}


def assert_unchanged(before, after, who):
    problems = []
    for key in before:
        if before[key] != after[key]:
            if key == "nft":
                problems.append(f"nft ruleset was:\n{before[key]}\nis:\n{after[key]}")
            else:
                problems.append(f"{key}: left {[x for x in after[key] if x not in before[key]]}, "
                                f"removed {[x for x in before[key] if x not in after[key]]}")
    assert not problems, f"{who} changed the kernel: " + "; ".join(problems)


def role(tb, action, name):
    r = tb.mip("ha", f"mip:role {action} {name}")
    assert r["active"] == (action == "start"), r
    return r["elapsed_ms"]


def test_roles_swap_in_one_jvm_and_leave_no_kernel_object_behind():
    with Testbed() as tb:
        tb.container("ha", CONFIG)
        pid = tb.containers["ha"].pid
        tb.wait_role("ha", "home-agent")
        role(tb, "stop", "mobile-node")
        role(tb, "stop", "home-agent")
        before = kernel_state(tb, "ha")
        role(tb, "start", "home-agent")

        # A live binding: DAD, proxy entry, tunnel, anycast address.
        tb.move_mn("visit")
        leave_home_link(tb)
        coa = care_of_address(tb)
        assert scapy(tb, "bu", "--ha", HA_ADDR, "--hoa", HOME_ADDRESS, "--coa", coa, "--seq", "7")["status"] == 0
        assert kernel_state(tb, "ha") != before, "the home agent installed nothing to clean up"

        stop_ha = role(tb, "stop", "home-agent")
        assert_unchanged(before, kernel_state(tb, "ha"), "the stopped home agent")
        start_mn = role(tb, "start", "mobile-node")
        tb.wait_role("ha", "mobile-node")
        stop_mn = role(tb, "stop", "mobile-node")
        assert_unchanged(before, kernel_state(tb, "ha"), "the stopped mobile node")

        start_ha = role(tb, "start", "home-agent")
        assert until_bound(tb)["care_of_address"] == coa, "the binding did not come back from the store"
        assert tb.containers["ha"].pid == pid and tb.containers["ha"].poll() is None, "the JVM was restarted"
        print(f"swap figures (ms): stop home agent {stop_ha}, start mobile node {start_mn}, "
              f"stop mobile node {stop_mn}, start home agent {start_ha}")


def test_a_configured_role_keeps_serving_when_the_shell_bundle_stops():
    """A role runs because it is configured, not because the shell uses its services: a gateway without
    mobility.shell, or one whose console bundle is updated, keeps its home agent and its bindings."""
    with Testbed() as tb:
        tb.container("ha", {"mobility.ha.cfg": CONFIG["mobility.ha.cfg"]})
        tb.wait_role("ha", "home-agent")
        tb.move_mn("visit")
        leave_home_link(tb)
        coa = care_of_address(tb)
        assert scapy(tb, "bu", "--ha", HA_ADDR, "--hoa", HOME_ADDRESS, "--coa", coa, "--seq", "7")["status"] == 0
        proxies = tb.sh("ha", "ip", "-6", "neigh", "show", "proxy").stdout
        assert HOME_ADDRESS in proxies, proxies

        # The command socket belongs to the shell bundle: the command stops the bundle that answers it.
        r = subprocess.run([MOBILITY, "--conf", str(tb.dir / "ha" / "load"), "-c", "stop mobility.shell"],
                           capture_output=True, text=True, timeout=60)
        deadline = time.time() + 10
        while (tb.dir / "ha" / "load.state" / "command.sock").exists() and time.time() < deadline:
            time.sleep(0.1)
        time.sleep(2)
        assert tb.containers["ha"].poll() is None, "the container stopped with its shell"
        proxies = tb.sh("ha", "ip", "-6", "neigh", "show", "proxy").stdout
        assert HOME_ADDRESS in proxies, f"the home agent stopped with the shell ({r.stderr.strip()}): {proxies}"
        # It still answers: a refresh is acknowledged.
        assert scapy(tb, "bu", "--ha", HA_ADDR, "--hoa", HOME_ADDRESS, "--coa", coa, "--seq", "8")["status"] == 0

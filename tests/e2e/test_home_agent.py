"""The home agent end to end, in the HOWTO's test bed, against an independent mobile node (Debian's scapy).

One scenario, in order, because each step builds on the binding the previous one left: first registration,
proxy ND, the correspondent's traffic through the tunnel and back, refresh, stale sequence number, foreign home
address, malformed messages, a kill -9 of the home agent and its restart with every binding back, deregistration.
"""
import json
import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "testbed"))
from testbed import HA_ADDR, HOME_ADDRESS, Testbed  # noqa: E402

SCAPY_MN = str(Path(__file__).resolve().parent / "scapy_mn.py")
HA_CONFIG = {"mobility.ha.cfg": "homeLinks = eth0\ndadTimeoutMillis = 300\nmaxBindingLifetime = 400\n"}

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="network namespaces need root")


def scapy(tb, *args, timeout=30):
    r = tb.sh("mn", "/usr/bin/python3", SCAPY_MN, *args, check=False, timeout=timeout)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def leave_home_link(tb):
    """What a mobile node does on leaving a link (ours does it itself): forget its addresses and routes there."""
    tb.sh("mn", "ip", "-6", "route", "flush", "dev", "eth0", "proto", "ra")
    tb.sh("mn", "ip", "-6", "route", "del", "2001:db8:2700::/64", "dev", "eth0", check=False)
    out = json.loads(tb.sh("mn", "ip", "-j", "-6", "addr", "show", "dev", "eth0").stdout)
    for a in out[0]["addr_info"]:
        if a["local"].startswith("2001:db8:2700:"):
            tb.sh("mn", "ip", "-6", "addr", "del", f'{a["local"]}/{a["prefixlen"]}', "dev", "eth0")
    for _ in range(100):  # the visited link's router advertises again within its interval
        if "default" in tb.sh("mn", "ip", "-6", "route", "show", "default").stdout:
            return
        time.sleep(0.05)
    raise AssertionError("no default router on the visited link")


def care_of_address(tb):
    for _ in range(100):
        out = tb.sh("mn", "ip", "-j", "-6", "addr", "show", "dev", "eth0").stdout
        for a in json.loads(out)[0]["addr_info"]:
            if a["local"].startswith("2001:db8:1100:") and "tentative" not in a:
                return a["local"]
        time.sleep(0.1)
    raise AssertionError("the mobile node formed no care-of address on visitnet")


NUD_PROBE = """
import json, subprocess, sys, time
from scapy.all import (AsyncSniffer, Ether, IPv6, ICMPv6ND_NS, ICMPv6ND_NA, ICMPv6NDOptSrcLLAddr, conf, get_if_hwaddr,
                       sendp)
conf.verb = 0
ha, target = sys.argv[1], sys.argv[2]
subprocess.run(["ping", "-6", "-c", "1", "-W", "1", ha], capture_output=True)
mac = json.loads(subprocess.run(["ip", "-j", "-6", "neigh", "show", ha, "dev", "eth1"], capture_output=True,
                                text=True, check=True).stdout)[0]["lladdr"]
own = [a["local"] for a in json.loads(subprocess.run(["ip", "-j", "-6", "addr", "show", "dev", "eth1", "scope", "link"],
                                                       capture_output=True, text=True, check=True).stdout)[0]["addr_info"]
       if "local" in a]
me = get_if_hwaddr("eth1")
probe = (Ether(src=me, dst=mac) / IPv6(src=own[0], dst=target, hlim=255) / ICMPv6ND_NS(tgt=target)
         / ICMPv6NDOptSrcLLAddr(lladdr=me))
sniffer = AsyncSniffer(iface="eth1", count=1, timeout=1,
                       lfilter=lambda p: ICMPv6ND_NA in p and p[ICMPv6ND_NA].tgt == target)
sniffer.start()
time.sleep(0.2)
sendp(probe, iface="eth1")
sniffer.join()
answer = sniffer.results[0] if sniffer.results else None
print(json.dumps({"answered": answer is not None, "solicited": bool(answer and answer[ICMPv6ND_NA].S)}))
"""


def router_probe(tb, target):
    """RFC 4861 §7.3.3: the router R confirms a neighbour with a Neighbor Solicitation unicast to its address and its
    link-layer address, as its neighbour unreachability detection does every so often; JSON of what came back."""
    r = tb.sh("r", "/usr/bin/python3", "-c", NUD_PROBE, HA_ADDR, target, check=False, timeout=30)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def proxies(tb):
    return tb.sh("ha", "ip", "-6", "neigh", "show", "proxy").stdout


def bindings(tb):
    return {b["home_address"]: b for b in tb.mip("ha", "mip:bc")["bindings"]}


def until_bound(tb, seconds=20, home_address=HOME_ADDRESS):
    """The restarted home agent restores its bindings in the background; wait for one."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        b = bindings(tb).get(home_address)
        if b:
            return b
        time.sleep(0.2)
    raise AssertionError(f"the binding of {home_address} did not come back: {tb.mip('ha', 'mip:stats')}")


def wait_ready(tb, log_name, seconds=30):
    """Until the scapy responder says its socket is open (its first line)."""
    deadline = time.monotonic() + seconds
    path = tb.dir / log_name
    while time.monotonic() < deadline:
        if path.exists() and '"ready"' in path.read_text():
            return
        time.sleep(0.05)
    raise AssertionError(f"the scapy responder did not start within {seconds} s: {path.read_text() if path.exists() else ''}")


def ping(tb, count=3):
    r = tb.sh("cn", "ping", "-6", "-c", str(count), "-i", "0.2", "-W", "2", HOME_ADDRESS, check=False, timeout=30)
    return int(r.stdout.split(" received")[0].split(", ")[-1]) if " received" in r.stdout else 0


def home_agent_and_mobile_node_away(tb):
    """A running home agent, the mobile node on visitnet with its home link forgotten; returns its care-of address."""
    tb.container("ha", HA_CONFIG)
    tb.wait_role("ha", "home-agent")
    tb.move_mn("visit")
    leave_home_link(tb)
    return care_of_address(tb)


@pytest.fixture
def bed():
    with Testbed() as tb:
        # The scapy mobile node must not answer for itself: its kernel would refuse the tunnelled packets.
        tb.sysctl("mn", "net.ipv6.conf.all.forwarding", "0")
        yield tb


def test_home_agent_against_a_scapy_mobile_node(bed):
    tb = bed
    coa = home_agent_and_mobile_node_away(tb)

    # First registration: DAD on the home link, then BA through a type 2 routing header to the care-of address.
    ba = scapy(tb, "bu", "--ha", HA_ADDR, "--hoa", HOME_ADDRESS, "--coa", coa, "--seq", "100", "--lifetime", "50")
    assert ba["answer"] == "BA" and ba["status"] == 0, ba
    assert ba["seq"] == 100 and ba["lifetime"] == 50
    assert ba["src"] == HA_ADDR and ba["dst"] == coa
    assert ba["rh_type"] == 2 and ba["rh_addresses"] == [HOME_ADDRESS]
    b = bindings(tb)[HOME_ADDRESS]
    assert b["care_of_address"] == coa and b["sequence"] == 100 and b["lifetime_granted"] == 200
    assert HOME_ADDRESS in proxies(tb), "no proxy neighbour entry for the home address"
    # §10.4.1 for the unicast solicitations too: unanswered, the router's entry for the home address fails, and the
    # next resolution waits for a proxied answer to a multicast solicitation (up to 0.8 s) while it drops packets.
    probe = router_probe(tb, HOME_ADDRESS)
    assert probe["answered"] and probe["solicited"], probe

    # The correspondent's packets reach the care-of address tunnelled; the replies come back reverse-tunnelled.
    responder = tb.background("mn", "/usr/bin/python3", SCAPY_MN, "responder", "--ha", HA_ADDR, "--hoa",
                              HOME_ADDRESS, "--coa", coa, "--seconds", "8", log_name="responder.json")
    wait_ready(tb, "responder.json")
    received = ping(tb, 5)
    responder.wait(timeout=40)
    counts = json.loads((tb.dir / "responder.json").read_text().strip().splitlines()[-1])
    assert counts["tunnelled_requests"] >= 5, counts
    assert received >= 4, f"only {received} of 5 echo replies reached the correspondent"

    # Refresh, stale sequence number, foreign home address.
    assert scapy(tb, "bu", "--ha", HA_ADDR, "--hoa", HOME_ADDRESS, "--coa", coa, "--seq", "101")["status"] == 0
    stale = scapy(tb, "bu", "--ha", HA_ADDR, "--hoa", HOME_ADDRESS, "--coa", coa, "--seq", "90")
    assert stale["status"] == 135 and stale["seq"] == 101, stale
    foreign = scapy(tb, "bu", "--ha", HA_ADDR, "--hoa", "2001:db8:9999::4", "--coa", coa, "--seq", "1")
    assert foreign["status"] == 132, foreign

    # Home-agent discovery (§10.5): the anycast address answers with this home agent's address.
    reply = scapy(tb, "dhaad", "--ha", HA_ADDR, "--hoa", HOME_ADDRESS, "--coa", coa)
    assert reply and reply["id"] == 4242 and HA_ADDR in reply["addresses"], reply
    # Mobile prefix discovery (§10.6): the home prefix, to the care-of address through the routing header.
    mpa = scapy(tb, "mps", "--ha", HA_ADDR, "--hoa", HOME_ADDRESS, "--coa", coa)
    assert mpa and mpa["id"] == 777 and mpa["rh_addresses"] == [HOME_ADDRESS], mpa
    assert {"prefix": "2001:db8:2700::", "length": 64} in [{k: p[k] for k in ("prefix", "length")}
                                                           for p in mpa["prefixes"]], mpa

    # A Mobility Header of an unknown type gets Binding Error status 2 (§9.2).
    be = scapy(tb, "bu", "--ha", HA_ADDR, "--hoa", HOME_ADDRESS, "--coa", coa, "--seq", "1", "--mh-type", "42")
    assert be["answer"] == "BE" and be["status"] == 2, be

    all_stats = tb.mip("ha", "mip:stats")
    stats = all_stats["home-agent"]
    assert stats["ba.sent.status.135"] == 1 and stats["ba.sent.status.132"] == 1, stats
    assert stats["binding.added"] == 1, stats
    # §9.2: answered in one place, by the signalling service, for every role.
    assert all_stats["signalling"]["be.sent.status.2"] == 1, all_stats["signalling"]

    # More home addresses behind the same care-of address (§11.3.1), so the restart restores several bindings
    # (the first alone, the others in one batch).
    others = ["2001:db8:2700::10", "2001:db8:2700::11", "2001:db8:2700::12"]
    for hoa in others:
        assert scapy(tb, "bu", "--ha", HA_ADDR, "--hoa", hoa, "--coa", coa, "--seq", "7")["status"] == 0, hoa

    # kill -9 in the middle: after the restart the bindings, the proxy entries and the tunnels are back.
    tb.kill_container("ha")
    tb.container("ha", HA_CONFIG)
    tb.wait_role("ha", "home-agent")
    b = until_bound(tb)
    assert b["care_of_address"] == coa and b["sequence"] == 101
    for hoa in others:
        assert until_bound(tb, home_address=hoa)["care_of_address"] == coa, hoa
        assert hoa in proxies(tb), f"the proxy neighbour entry of {hoa} did not come back after the restart"
    assert tb.mip("ha", "mip:stats")["home-agent"]["binding.restored"] == 4
    assert HOME_ADDRESS in proxies(tb), "the proxy neighbour entry did not come back after the restart"
    responder = tb.background("mn", "/usr/bin/python3", SCAPY_MN, "responder", "--ha", HA_ADDR, "--hoa",
                              HOME_ADDRESS, "--coa", coa, "--seconds", "6", log_name="responder2.json")
    wait_ready(tb, "responder2.json")
    assert ping(tb, 3) >= 2, "the correspondent's traffic did not flow again after the restart"
    responder.wait(timeout=40)

    # Deregistration: lifetime 0 removes the binding, the proxy entry and the tunnel.
    dereg = scapy(tb, "bu", "--ha", HA_ADDR, "--hoa", HOME_ADDRESS, "--coa", coa, "--seq", "102", "--lifetime", "0")
    assert dereg["status"] == 0 and dereg["lifetime"] == 0, dereg
    assert HOME_ADDRESS not in bindings(tb)
    assert HOME_ADDRESS not in proxies(tb)


def binding_events(tb, count, seconds=10):
    """The home agent's EventAdmin events, as mip:events (an EventHandler on mobility/binding/*) received them."""
    deadline = time.time() + seconds
    doc = None
    while time.time() < deadline:
        doc = tb.mip("ha", "mip:events")
        if len(doc["events"]) >= count:
            return doc["events"]
        time.sleep(0.2)
    raise AssertionError(f"expected {count} binding events, got {doc}")


def test_binding_events_for_real_registrations(bed):
    """ADDED, UPDATED, REMOVED and EXPIRED reach an EventAdmin subscriber with the binding's properties."""
    tb = bed
    coa = home_agent_and_mobile_node_away(tb)

    def bu(seq, lifetime_units):
        ba = scapy(tb, "bu", "--ha", HA_ADDR, "--hoa", HOME_ADDRESS, "--coa", coa, "--seq", str(seq),
                   "--lifetime", str(lifetime_units))
        assert ba["answer"] == "BA" and ba["status"] == 0, ba

    bu(300, 10)  # 40 s
    added = binding_events(tb, 1)[0]
    assert added["event"] == "ADDED", added
    assert added["home_address"] == HOME_ADDRESS and added["careof_address"] == coa, added
    assert added["lifetime"] == 40 and added["sequence"] == 300 and "H" in added["flags"], added

    bu(301, 5)  # a refresh with a shorter lifetime
    updated = binding_events(tb, 2)[1]
    assert updated["event"] == "UPDATED" and updated["sequence"] == 301 and updated["lifetime"] == 20, updated
    assert updated["home_address"] == HOME_ADDRESS and updated["careof_address"] == coa, updated

    bu(302, 0)  # deregistration (§10.3.2)
    removed = binding_events(tb, 3)[2]
    assert removed["event"] == "REMOVED" and removed["home_address"] == HOME_ADDRESS, removed
    assert removed["sequence"] == 301, "the event describes the binding that was removed: " + str(removed)

    bu(303, 1)  # 4 s, then nothing: the lifetime runs out
    events = binding_events(tb, 5, seconds=15)
    assert [e["event"] for e in events] == ["ADDED", "UPDATED", "REMOVED", "ADDED", "EXPIRED"], events
    expired = events[4]
    assert expired["home_address"] == HOME_ADDRESS and expired["careof_address"] == coa, expired
    assert expired["sequence"] == 303 and expired["lifetime"] == 4, expired
    assert HOME_ADDRESS not in bindings(tb)
    assert HOME_ADDRESS not in proxies(tb), "the proxy entry outlived the expired binding"
    stats = tb.mip("ha", "mip:stats")["home-agent"]
    assert stats["binding.added"] == 2 and stats["binding.updated"] == 1, stats
    assert stats["binding.removed"] == 1 and stats["binding.expired"] == 1, stats

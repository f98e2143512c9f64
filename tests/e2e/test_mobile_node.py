"""Our mobile node and home agent in the HOWTO's test bed: home -> visitnet -> visitnet2 -> home, while the
correspondent pings the home address and keeps a TCP connection to it.

At every step the home agent's binding cache and the mobile node's binding update list are read through the shell
commands of the running containers, as an operator would.
"""
import json
import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "testbed"))
from testbed import HA_ADDR, HOME_ADDRESS, Testbed  # noqa: E402

TCP_ECHO = str(Path(__file__).resolve().parent / "tcp_echo.py")
HA_CONFIG = {"mobility.ha.cfg": "homeLinks = eth0\ndadTimeoutMillis = 300\n"}
MN_CONFIG = {"mobility.mn.cfg": f"homeAddress = {HOME_ADDRESS}/64\nhomeLink = eth0\nhomeAgentAddress = {HA_ADDR}\n"}
PREFIX = {"visit": "2001:db8:1100:", "visit2": "2001:db8:1000:"}

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="network namespaces need root")
# Waits are stretched by this factor where everything runs slower (the qemu guest under software emulation).
SCALE = float(os.environ.get("MOBILITY_TIMEOUT_SCALE", "1"))


def until(what, check, seconds=20):
    last = None
    seconds *= SCALE
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            last = check()
            if last:
                return last
        except RuntimeError as e:
            last = e
        time.sleep(0.1)
    raise AssertionError(f"{what}: still {last!r} after {seconds} s")


def start_at_home(tb, mn_config=MN_CONFIG):
    """Both roles' containers, the mobile node on its home link with its home address."""
    tb.container("ha", HA_CONFIG)
    tb.container("mn", mn_config)
    tb.wait_role("ha", "home-agent")
    tb.wait_role("mn", "mobile-node")
    kernel_paths_as_the_kernel_offers(tb)
    until("the home address on the home link",
          lambda: HOME_ADDRESS in tb.sh("mn", "ip", "-6", "addr", "show", "dev", "eth0").stdout)


def kernel_paths_as_the_kernel_offers(tb):
    """Both containers use the kernel's own signalling path and ip6tnl data plane where the kernel has MIP6 and
    ip6tnl (Debian's kernel in the qemu guest), and packet sockets there where it has not; without ip6tnl, the data
    plane is seg6 where the kernel has seg6 lightweight tunnels, else the eBPF tunnel where it has lwtunnel BPF and
    TCX, else the user-space tunnel over TUN."""
    for node in ("ha", "mn"):
        caps = tb.mip(node, "mip:caps")
        features = caps["features"]
        mip6 = features["mip6-ro-xfrm"]["supported"]
        expected = ("ip6tnl" if features["ip6tnl"]["supported"]
                    else "seg6" if features["seg6"]["supported"] and features["seg6local"]["supported"]
                    else "bpf" if features["lwt-bpf"]["supported"] and features["tcx"]["supported"] else "tun")
        assert caps["signalling"]["path"] == ("kernel-mip6" if mip6 else "packet-socket"), caps["signalling"]
        assert caps["dataplane"]["provider"] == expected, caps["dataplane"]


def registered_at(tb, link):
    """The binding cache and the BUL agree on a care-of address in the link's prefix, acknowledged."""
    bc = {b["home_address"]: b for b in tb.mip("ha", "mip:bc")["bindings"]}
    bul = tb.mip("mn", "mip:bul")["entries"]
    b = bc.get(HOME_ADDRESS)
    if not b or not b["care_of_address"].startswith(PREFIX[link]) or not bul:
        return None
    e = bul[0]
    if e["state"] != "registered" or e["care_of_address"] != b["care_of_address"]:
        return None
    return {"bc": b, "bul": e}


def at_home(tb):
    bc = tb.mip("ha", "mip:bc")
    bul = tb.mip("mn", "mip:bul")["entries"]
    return bc["count"] == 0 and not bul and {"bc": bc, "bul": bul}


def test_mobile_node_keeps_its_home_address_and_connections_while_it_moves():
    with Testbed() as tb:
        start_at_home(tb)
        assert tb.mip("ha", "mip:bc")["count"] == 0
        tb.background("mn", "/usr/bin/python3", TCP_ECHO, "server", HOME_ADDRESS, "5001")
        # The client connects once: it must find the server listening (Python starts slowly in the emulated guest).
        until("the echo server listening", lambda: ":5001 " in tb.sh("mn", "ss", "-Hltn").stdout, 20)
        pinger = tb.background("cn", "ping", "-6", "-D", "-i", "0.1", HOME_ADDRESS, log_name="ping.log")
        client = tb.background("cn", "/usr/bin/python3", TCP_ECHO, "client", HOME_ADDRESS, "5001", "600",
                               log_name="tcp.json")
        time.sleep(2)
        steps = {}
        stays = {}
        for link in ("visit", "visit2"):
            tb.move_mn(link)
            steps[link] = until(f"registration from {link}", lambda: registered_at(tb, link), 30)
            coa = steps[link]["bc"]["care_of_address"]
            assert coa in tb.mip("ha", "mip:bc", json_output=False)
            assert "registered" in tb.mip("mn", "mip:bul", json_output=False)
            start = time.time()
            time.sleep(2)
            stays[link] = (start, time.time())
            if link == "visit2":
                # kill -9 of the home agent while the node is away: the binding comes back from the store, with
                # its tunnel, and the correspondent's traffic flows again without the mobile node doing anything.
                tb.kill_container("ha")
                tb.container("ha", HA_CONFIG)
                tb.wait_role("ha", "home-agent")
                restored = until("the restored binding", lambda: registered_at(tb, "visit2"), 30)
                assert restored["bc"]["care_of_address"] == steps["visit2"]["bc"]["care_of_address"]
                start = time.time()
                time.sleep(2)
                stays["visit2 after the home agent's restart"] = (start, time.time())
        tb.move_mn("home")
        steps["home"] = until("deregistration at home", lambda: at_home(tb), 30)
        time.sleep(2)
        client.terminate()  # it prints its report and exits
        client.wait(timeout=30 * SCALE)
        pinger.terminate()
        pinger.wait(timeout=10)
        tcp = json.loads((tb.dir / "tcp.json").read_text().strip().splitlines()[-1])
        replies = [l for l in (tb.dir / "ping.log").read_text().splitlines() if "bytes from" in l]
        times = [float(l[1:l.index("]")]) for l in replies]
        for link, (start, end) in stays.items():
            # Every 100 ms for 2 s while registered away: the traffic went through the tunnel both ways.
            away = [t for t in times if start <= t < end]
            assert len(away) >= 15, f"only {len(away)} echo replies while registered at {link}"

        assert steps["visit"]["bc"]["care_of_address"] != steps["visit2"]["bc"]["care_of_address"]
        # The operator's text tables agree with the JSON (read at home: both are empty).
        assert tb.mip("ha", "mip:bc", json_output=False).startswith("Binding cache: 0 bindings")
        assert tb.mip("mn", "mip:bul", json_output=False).startswith("Binding update list: 0 entries")
        assert steps["visit2"]["bul"]["destination"] == HA_ADDR
        assert tcp["broken"] is None and tcp["echoed"] == tcp["sent"], tcp
        assert len(replies) > 100, f"only {len(replies)} echo replies reached the correspondent"
        stats = tb.mip("mn", "mip:stats")["mobile-node"]
        assert stats["bu.sent"] >= 3, stats


def test_a_home_prefix_route_learned_from_advertisements_does_not_hide_the_home_agent_from_a_visited_link():
    # The kernel keeps the on-link route of a prefix learned from a Router Advertisement for the prefix's valid
    # lifetime (12000 s here), after its addresses are gone and the node has moved; only while the home address sits
    # on the link is the route the address's, which goes with it. A node that moves before it has put its home
    # address there (the bench moved right after the role started, before the first home advertisement reached it)
    # kept the home prefix on-link at visitnet: the Binding Update waited for a neighbour that is not there, the
    # bench's intermittent "no echo reply in the whole run". Here the home address leaves the home link, so the
    # route is the advertisement's, as in that race, every time.
    with Testbed() as tb:
        start_at_home(tb)
        tb.sh("mn", "ip", "-6", "addr", "del", f"{HOME_ADDRESS}/64", "dev", "eth0")
        until("the home prefix's route from an advertisement",
              lambda: "expires" in tb.sh("mn", "ip", "-6", "route", "show", "2001:db8:2700::/64").stdout, 5)
        tb.move_mn("visit")
        until("registration from visitnet", lambda: registered_at(tb, "visit"), 20)
        assert tb.sh("mn", "ip", "-6", "route", "show", "2001:db8:2700::/64", "dev", "eth0").stdout == ""
        assert tb.mip("mn", "mip:stats")["mobile-node"]["prefix.flushed"] >= 1


def test_mobile_node_without_a_configured_home_agent_finds_it_by_discovery():
    config = {"mobility.mn.cfg": f"homeAddress = {HOME_ADDRESS}/64\nhomeLink = eth0\n"}
    with Testbed() as tb:
        start_at_home(tb, config)
        tb.move_mn("visit")
        step = until("registration after discovery", lambda: registered_at(tb, "visit"), 30)
        assert step["bul"]["destination"] == HA_ADDR
        stats = tb.mip("mn", "mip:stats")["mobile-node"]
        assert stats["dhaad.reply.received"] == 1, stats


def test_mobile_node_solicits_the_home_prefix_when_its_lifetime_runs_low():
    # radvd advertises the home prefix valid for 12000 s; a node asking for 20000 s bindings wants to know more.
    config = {"mobility.mn.cfg": f"homeAddress = {HOME_ADDRESS}/64\nhomeLink = eth0\nhomeAgentAddress = {HA_ADDR}\n"
                                 "maxBindingLifetime = 20000\n"}
    with Testbed() as tb:
        start_at_home(tb, config)
        until("an advertisement of the home prefix", lambda: tb.mip("mn", "mip:stats")["mobile-node"]
              .get("ra.received", 0) > 0)
        tb.move_mn("visit")
        until("registration", lambda: registered_at(tb, "visit"), 30)
        stats = until("the home agent's Mobile Prefix Advertisement",
                      lambda: (s := tb.mip("mn", "mip:stats")["mobile-node"]).get("mpa.received") and s, 15)
        assert stats["mps.sent"] >= 1, stats
        ha = tb.mip("ha", "mip:stats")["home-agent"]
        assert ha["mps.received"] >= 1 and ha["mpa.sent"] >= 1, ha


def test_coming_home_the_node_does_not_solicit_its_home_agent_from_its_home_address():
    """§11.5.5: until the home agent lets go of the home address it defends it, so the node must not send a Neighbor
    Solicitation from it for the home agent; it knows the home agent's link-layer address from its advertisements.
    Seen on the home link by tshark."""
    with Testbed() as tb:
        start_at_home(tb)
        tb.move_mn("visit")
        until("registration from visit", lambda: registered_at(tb, "visit"), 30)
        capture = tb.background("ha", "tshark", "-l", "-n", "-i", "eth0", "-f", "icmp6 and ip6[40] == 135",
                                "-T", "fields", "-e", "ipv6.src", "-e", "icmpv6.nd.ns.target_address",
                                log_name="ns.txt")
        until("tshark capturing", lambda: "Capturing on" in (tb.dir / "ns.txt").read_text(), 30)
        tb.move_mn("home")
        until("deregistration at home", lambda: at_home(tb), 30)
        time.sleep(1)
        capture.terminate()
        capture.wait(timeout=10)
        solicitations = [l.split("\t") for l in (tb.dir / "ns.txt").read_text().splitlines() if "\t" in l]
        # The capture works: the node's RFC 6059 probes of the home link's router are solicitations too.
        assert solicitations, (tb.dir / "ns.txt").read_text()
        from_home_address = [s for s in solicitations if s[0] == HOME_ADDRESS and s[1] == HA_ADDR]
        assert not from_home_address, f"solicited the home agent from the home address: {solicitations}"
        assert tb.mip("mn", "mip:stats")["mobile-node"].get("home.ha_link_layer_from_ra") == 1

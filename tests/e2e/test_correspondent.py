"""Our correspondent node and our mobile node in the HOWTO's test bed (RFC 6275 §5.2, §9, §11.7.2): the mobile node
walks home -> visitnet -> visitnet2 -> home with route optimisation configured for CN; after each move CN's binding
cache holds the home address -> the new care-of address, the mobile node's binding update list agrees, and on coming
home the binding goes. A capture on the home agent's link shows the Home Test going through the home agent's tunnel.
"""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "testbed"))
from testbed import CN_ADDR, HA_ADDR, HOME_ADDRESS, Testbed  # noqa: E402
from test_mobile_node import kernel_paths_as_the_kernel_offers, until  # noqa: E402

HA_CONFIG = {"mobility.ha.cfg": "homeLinks = eth0\ndadTimeoutMillis = 300\n"}
CN_CONFIG = {"mobility.cn.cfg": "maxBindingLifetime = 420\n"}
MN_CONFIG = {"mobility.mn.cfg": f"homeAddress = {HOME_ADDRESS}/64\nhomeLink = eth0\nhomeAgentAddress = {HA_ADDR}\n"
                                f"correspondents = {CN_ADDR}\n"}
PREFIX = {"visit": "2001:db8:1100:", "visit2": "2001:db8:1000:"}

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="network namespaces need root")


def correspondent_binding(tb, link):
    """CN's binding of the home address and the mobile node's entry for CN agree on a care-of address of the link."""
    bc = [b for b in tb.mip("cn", "mip:bc")["bindings"] if b["kind"] == "correspondent"]
    bul = [e for e in tb.mip("mn", "mip:bul")["entries"] if e["kind"] == "correspondent"]
    if len(bc) != 1 or len(bul) != 1:
        return None
    b, e = bc[0], bul[0]
    if (b["home_address"] != HOME_ADDRESS or not b["care_of_address"].startswith(PREFIX[link])
            or e["state"] != "registered" or e["care_of_address"] != b["care_of_address"]):
        return None
    return {"bc": b, "bul": e}


def test_correspondent_binds_the_home_address_to_each_care_of_address_and_lets_go_at_home():
    with Testbed() as tb:
        tb.container("ha", HA_CONFIG)
        tb.container("cn", CN_CONFIG)
        tb.container("mn", MN_CONFIG)
        tb.wait_role("ha", "home-agent")
        tb.wait_role("cn", "correspondent-node")
        tb.wait_role("mn", "mobile-node")
        # The kernel's own paths where it has them (Debian's kernel in the guest lane), packet sockets here.
        kernel_paths_as_the_kernel_offers(tb)
        cn_caps = tb.mip("cn", "mip:caps")
        mip6 = cn_caps["features"]["mip6-ro-xfrm"]["supported"]
        assert cn_caps["signalling"]["path"] == ("kernel-mip6" if mip6 else "packet-socket"), cn_caps["signalling"]
        until("the home address on the home link",
              lambda: HOME_ADDRESS in tb.sh("mn", "ip", "-6", "addr", "show", "dev", "eth0").stdout, 30)
        capture = tb.dir / "ha-eth0.pcap"
        dump = tb.background("ha", "tcpdump", "-Z", "root", "-i", "eth0", "-U", "-w", capture, "ip6")
        time.sleep(1)
        seen = {}
        for link in ("visit", "visit2"):
            tb.move_mn(link)
            seen[link] = until(f"correspondent binding from {link}", lambda: correspondent_binding(tb, link), 40)
            rr = seen[link]["bul"]["return_routability"]
            assert rr["kbm"] and rr["careof_token_for"] == seen[link]["bc"]["care_of_address"], rr
            assert seen[link]["bc"]["local_address"] == CN_ADDR
        assert seen["visit"]["bc"]["care_of_address"] != seen["visit2"]["bc"]["care_of_address"]
        assert seen["visit2"]["bc"]["sequence"] != seen["visit"]["bc"]["sequence"]
        text = tb.mip("mn", "mip:bul", json_output=False)
        assert "correspondent" in text and "Kbm" in text, text
        tb.move_mn("home")
        until("CN let go of the binding", lambda: tb.mip("cn", "mip:bc")["count"] == 0, 40)
        until("the mobile node's list is empty at home", lambda: not tb.mip("mn", "mip:bul")["entries"], 40)
        cn_stats = tb.mip("cn", "mip:stats")["correspondent-node"]
        # One Home Test serves every move while its token lasts (MAX_TOKEN_LIFETIME); a Care-of Test per move.
        assert cn_stats["hot.sent"] >= 1 and cn_stats["cot.sent"] >= 2, cn_stats
        assert cn_stats["binding.added"] >= 1 and cn_stats["binding.deleted"] == 1, cn_stats
        mn_stats = tb.mip("mn", "mip:stats")["mobile-node"]
        assert mn_stats.get("hot.received", 0) >= 1 and mn_stats.get("cot.received", 0) >= 2, mn_stats
        assert "hot.drop.not_tunnelled" not in mn_stats, mn_stats
        time.sleep(1)
        dump.terminate()
        dump.wait(timeout=10)
        # §5.2.3: on the home link the Home Test travels from R to the home agent plainly, then out again inside
        # the home agent's tunnel; the Care-of Test never comes near the home link.
        r = subprocess.run(["tshark", "-r", str(capture), "-Y", "mipv6", "-T", "fields", "-e", "ipv6.src",
                            "-e", "ipv6.dst", "-e", "mip6.mhtype"], capture_output=True, text=True, timeout=60)
        lines = [l.split("\t") for l in r.stdout.splitlines() if l.strip()]
        hot = [l for l in lines if l[2].split(",")[-1] == "3"]
        tunnelled_hot = [l for l in hot if HA_ADDR in l[0].split(",")]
        assert tunnelled_hot, f"no Home Test inside the home agent's tunnel on the home link: {lines}"
        assert not [l for l in lines if l[2].split(",")[-1] in ("2", "4")], f"a care-of test on the home link: {lines}"


def test_traffic_through_the_tunnel_starts_route_optimisation_with_its_sender():
    """§11.3.3: no correspondent configured; CN's pings reach the mobile node through the home agent's tunnel, and
    that starts return routability with CN. A correspondent the policy leaves out gets no entry."""
    with Testbed() as tb:
        tb.container("ha", HA_CONFIG)
        tb.container("cn", CN_CONFIG)
        mn = {"mobility.mn.cfg": f"homeAddress = {HOME_ADDRESS}/64\nhomeLink = eth0\nhomeAgentAddress = {HA_ADDR}\n"}
        tb.container("mn", mn)
        tb.wait_role("ha", "home-agent")
        tb.wait_role("cn", "correspondent-node")
        tb.wait_role("mn", "mobile-node")
        until("the home address on the home link",
              lambda: HOME_ADDRESS in tb.sh("mn", "ip", "-6", "addr", "show", "dev", "eth0").stdout, 30)
        tb.move_mn("visit")
        until("home registration from visitnet",
              lambda: any(e["kind"] == "home" and e["state"] == "registered"
                          for e in tb.mip("mn", "mip:bul")["entries"]), 30)
        assert not [e for e in tb.mip("mn", "mip:bul")["entries"] if e["kind"] == "correspondent"]
        tb.background("cn", "ping", "-6", "-i", "0.2", HOME_ADDRESS)
        seen = until("a correspondent binding started by CN's traffic", lambda: correspondent_binding(tb, "visit"), 40)
        assert seen["bul"]["destination"] == CN_ADDR
        assert tb.mip("mn", "mip:stats")["mobile-node"]["ro.triggered"] == 1
        # Known now: its further packets are left out by the filter, nothing starts twice.
        time.sleep(2)
        assert tb.mip("mn", "mip:stats")["mobile-node"]["ro.triggered"] == 1
        assert len([e for e in tb.mip("mn", "mip:bul")["entries"] if e["kind"] == "correspondent"]) == 1

"""Our mobile node and home agent against a correspondent node played by scapy (tests/e2e/scapy_cn.py), which makes
its keygen tokens, Kbm and authenticators with Python's hmac and hashlib: return routability from visitnet (the Home
Test Init through the home agent), a Binding Update the independent correspondent verifies, its signed Binding
Acknowledgement accepted by our node, and the deregistration from home with the home keygen token alone (§5.2.6)."""
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "testbed"))
from testbed import CN_ADDR, HA_ADDR, HOME_ADDRESS, Testbed  # noqa: E402
from test_mobile_node import until  # noqa: E402

SCAPY_CN = str(Path(__file__).resolve().parent / "scapy_cn.py")
HA_CONFIG = {"mobility.ha.cfg": "homeLinks = eth0\ndadTimeoutMillis = 300\n"}
MN_CONFIG = {"mobility.mn.cfg": f"homeAddress = {HOME_ADDRESS}/64\nhomeLink = eth0\nhomeAgentAddress = {HA_ADDR}\n"
                                f"correspondents = {CN_ADDR}\nrouteOptimisation =\n"}

pytestmark = [pytest.mark.skipif(os.geteuid() != 0, reason="network namespaces need root"),
              pytest.mark.skipif(shutil.which("nft") is None, reason="nft is missing (apt-get install nftables)")]

# The correspondent's kernel has no Mobile IPv6 here: left alone it answers each Mobility Header and Home Address
# option with Parameter Problem, which would tell our node there is no route optimisation at CN (§11.3.5).
NFT_CN = """table inet scapy_cn {
  chain prerouting {
    type filter hook prerouting priority raw; policy accept;
    meta l4proto 135 drop
    ip6 nexthdr 60 drop
    rt type 2 drop
  }
}
"""


def cn_entry(tb):
    for e in tb.mip("mn", "mip:bul")["entries"]:
        if e["kind"] == "correspondent":
            return e
    return None


def test_mobile_node_does_return_routability_with_an_independent_correspondent():
    with Testbed() as tb:
        rules = tb.dir / "cn.nft"
        rules.write_text(NFT_CN)
        tb.sh("cn", "nft", "-f", str(rules))
        tb.container("ha", HA_CONFIG)
        tb.container("mn", MN_CONFIG)
        tb.wait_role("ha", "home-agent")
        tb.wait_role("mn", "mobile-node")
        until("the home address on the home link",
              lambda: HOME_ADDRESS in tb.sh("mn", "ip", "-6", "addr", "show", "dev", "eth0").stdout, 30)
        log = tb.dir / "scapy_cn.json"
        peer = tb.background("cn", "/usr/bin/python3", SCAPY_CN, "--cn", CN_ADDR, "--seconds", "60",
                             log_name="scapy_cn.json")
        until("scapy listening", lambda: log.exists() and '"ready"' in log.read_text(), 30)
        tb.move_mn("visit")
        e = until("the correspondent entry registered",
                  lambda: (lambda x: x if x and x["state"] == "registered" else None)(cn_entry(tb)), 40)
        assert e["care_of_address"].startswith("2001:db8:1100:"), e
        assert e["return_routability"]["kbm"] and e["last_status"] == 0, e
        assert e["lifetime_granted"] == 260, e  # maxBindingLifetime 262 s asked for, in 4-s units
        tb.move_mn("home")
        until("the correspondent entry gone at home", lambda: cn_entry(tb) is None, 40)
        peer.wait(timeout=90)
        result = json.loads(log.read_text().strip().splitlines()[-1])
        assert result["hoti"] >= 1 and result["coti"] >= 1, result
        away = [b for b in result["bu"] if b["careof"] == e["care_of_address"]]
        assert away and all(b["authenticator_ok"] for b in away), result
        assert away[0]["home"] == HOME_ADDRESS and away[0]["nonce_indices"] == [0x2a, 0x2a], result
        home = [b for b in result["bu"] if b["careof"] == HOME_ADDRESS]
        assert home and home[-1]["authenticator_ok"], f"no deregistration from home with the home token: {result}"
        stats = tb.mip("mn", "mip:stats")["mobile-node"]
        assert stats.get("hot.received", 0) >= 1 and "hot.drop.not_tunnelled" not in stats, stats
        assert stats.get("cn.ba.received.status.0", 0) >= 2 and "cn.ba.ignored" not in stats, stats

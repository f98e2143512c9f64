"""Our mobile node against an independent home agent (Debian's scapy, tests/e2e/scapy_ha.py) in the HOWTO's test bed.

One scenario, in order: from visitnet the node registers (a Binding Update from its care-of address with the H and
A flags and a Home Address option, RFC 6275 §11.7.1); the home agent first answers status 135 with its own sequence
number and the node resynchronises (§11.7.1: the next update carries that number plus one); the acknowledgement comes
through a type 2 routing header and the node's Binding Update List says registered; the node refreshes before the
short lifetime granted runs out (§11.7.1); back on the home link it deregisters (§11.5.4: lifetime 0, from the home
address, no Home Address option) and its list empties.
"""
import json
import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "testbed"))
from testbed import HA_ADDR, HOME_ADDRESS, Testbed  # noqa: E402

SCAPY_HA = str(Path(__file__).resolve().parent / "scapy_ha.py")
MN_CONFIG = {"mobility.mn.cfg": f"homeAddress = {HOME_ADDRESS}/64\nhomeLink = eth0\nhomeAgentAddress = {HA_ADDR}\n"}
RESYNC_SEQ = 40000
GRANTED_UNITS = 2  # 8 s: the node refreshes after 80 % of it

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="network namespaces need root")


def until(what, check, seconds=20):
    last = None
    deadline = time.time() + seconds
    while time.time() < deadline:
        last = check()
        if last:
            return last
        time.sleep(0.1)
    raise AssertionError(f"{what}: still {last!r} after {seconds} s")


def events(tb):
    path = tb.dir / "scapy_ha.log"
    return [json.loads(line) for line in path.read_text().splitlines() if line.startswith("{")] \
        if path.exists() else []


def test_our_mobile_node_registers_resynchronises_refreshes_and_deregisters_with_a_scapy_home_agent():
    with Testbed() as tb:
        ha = tb.background("ha", "/usr/bin/python3", SCAPY_HA, "--ha", HA_ADDR, "--hoa", HOME_ADDRESS,
                           "--lifetime", str(GRANTED_UNITS), "--resync-seq", str(RESYNC_SEQ), "--seconds", "90",
                           log_name="scapy_ha.log")
        tb.container("mn", MN_CONFIG)
        tb.wait_role("mn", "mobile-node")
        until("the home address on the home link",
              lambda: HOME_ADDRESS in tb.sh("mn", "ip", "-6", "addr", "show", "dev", "eth0").stdout)
        time.sleep(1)  # scapy's sniffer is up well before the node leaves home
        assert ha.poll() is None, (tb.dir / "scapy_ha.log").read_text()
        assert events(tb) == [], "an update while at home without a binding"

        tb.move_mn("visit")
        bul = until("registered through the scapy home agent",
                    lambda: (e := tb.mip("mn", "mip:bul")["entries"]) and e[0]["state"] == "registered" and e[0])
        log = events(tb)
        bus = [e for e in log if e["event"] == "BU"]
        bas = [e for e in log if e["event"] == "BA"]
        first, resynced = bus[0], bus[1]
        # §11.7.1: from the care-of address, H and A set, the home address in a Home Address option.
        assert first["coa"].startswith("2001:db8:1100:") and first["hao"] and first["hoa"] == HOME_ADDRESS
        assert "A" in first["flags"] and "H" in first["flags"], first
        assert first["lifetime"] > GRANTED_UNITS
        assert bas[0]["status"] == 135 and bas[0]["seq"] == RESYNC_SEQ
        # §11.7.1: after status 135 the next update uses the home agent's number plus one.
        assert resynced["seq"] == RESYNC_SEQ + 1 and resynced["coa"] == first["coa"], resynced
        assert bas[1]["status"] == 0 and bas[1]["routing_header"] and bas[1]["lifetime"] == GRANTED_UNITS
        assert bul["care_of_address"] == first["coa"] and bul["destination"] == HA_ADDR
        # The list shows an acknowledged number of the resynchronised series: on a loaded machine the node was seen
        # registering once more (RESYNC_SEQ + 2) before the list was read.
        acked = {e["seq"]: e["t"] for e in events(tb) if e["event"] == "BA" and e["status"] == 0}
        assert bul["sequence"] in acked and bul["sequence"] > RESYNC_SEQ, (bul, acked)

        # §11.7.1: the node refreshes before the 8 s granted are over: an update that comes more than half the
        # lifetime after the last acknowledgement (not a re-registration right after one) and before it ends.
        def refreshes():
            log = events(tb)
            acks = [e["t"] for e in log if e["event"] == "BA" and e["status"] == 0]
            for e in log:
                before = [t for t in acks if t < e["t"]]
                if e["event"] == "BU" and before and GRANTED_UNITS * 2 <= e["t"] - before[-1] < GRANTED_UNITS * 4:
                    return e
            return None

        refresh = until("a refresh", refreshes, 15)
        assert refresh["lifetime"] > 0 and refresh["coa"] == first["coa"], refresh
        until("the refresh answered", lambda: any(e["event"] == "BA" and e["seq"] == refresh["seq"]
                                                  for e in events(tb)))
        answered = len([e for e in events(tb) if e["event"] == "BA" and e["status"] == 0
                        and e["seq"] <= refresh["seq"]])
        until("the refresh's acknowledgement at the node",
              lambda: tb.mip("mn", "mip:stats")["mobile-node"].get("ba.received.status.0", 0) >= answered)

        # §11.5.4: home again, the node deregisters from its home address and forgets the binding.
        tb.move_mn("home")
        until("the binding update list empty at home", lambda: tb.mip("mn", "mip:bul")["entries"] == [])
        dereg = [e for e in events(tb) if e["event"] == "BU" and e["lifetime"] == 0]
        assert dereg and dereg[-1]["coa"] == HOME_ADDRESS and not dereg[-1]["hao"], dereg
        ack = [e for e in events(tb) if e["event"] == "BA" and e["seq"] == dereg[-1]["seq"]]
        assert ack and ack[-1]["lifetime"] == 0 and not ack[-1]["routing_header"], ack
        stats = tb.mip("mn", "mip:stats")["mobile-node"]
        assert stats["ba.received.status.135"] == 1 and stats["ba.received.status.0"] >= 3, stats

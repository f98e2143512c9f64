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


def until(what, check, seconds=20):
    last = None
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
        tb.container("ha", HA_CONFIG)
        tb.container("mn", MN_CONFIG)
        tb.wait_role("ha", "home-agent")
        tb.wait_role("mn", "mobile-node")
        until("the home address on the home link",
              lambda: HOME_ADDRESS in tb.sh("mn", "ip", "-6", "addr", "show", "dev", "eth0").stdout)
        assert tb.mip("ha", "mip:bc")["count"] == 0
        tb.background("mn", "/usr/bin/python3", TCP_ECHO, "server", HOME_ADDRESS, "5001")
        time.sleep(0.5)
        pinger = tb.background("cn", "ping", "-6", "-D", "-i", "0.1", HOME_ADDRESS, log_name="ping.log")
        client = tb.background("cn", "/usr/bin/python3", TCP_ECHO, "client", HOME_ADDRESS, "5001", "40",
                               log_name="tcp.json")
        time.sleep(2)
        steps = {}
        for link in ("visit", "visit2"):
            tb.move_mn(link)
            steps[link] = until(f"registration from {link}", lambda: registered_at(tb, link), 30)
            time.sleep(2)
        tb.move_mn("home")
        steps["home"] = until("deregistration at home", lambda: at_home(tb), 30)
        time.sleep(2)
        client.wait(timeout=60)
        pinger.terminate()
        pinger.wait(timeout=10)
        tcp = json.loads((tb.dir / "tcp.json").read_text().strip().splitlines()[-1])
        replies = [l for l in (tb.dir / "ping.log").read_text().splitlines() if "bytes from" in l]

        assert steps["visit"]["bc"]["care_of_address"] != steps["visit2"]["bc"]["care_of_address"]
        assert steps["visit2"]["bul"]["destination"] == HA_ADDR
        assert tcp["broken"] is None and tcp["echoed"] == tcp["sent"], tcp
        assert len(replies) > 100, f"only {len(replies)} echo replies reached the correspondent"
        stats = tb.mip("mn", "mip:stats")["mobile-node"]
        assert stats["bu.sent"] >= 3, stats

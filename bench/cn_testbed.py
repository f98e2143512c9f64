#!/usr/bin/env python3
"""bench cn --testbed: return routability in the HOWTO's test bed, our home agent, correspondent node and mobile node.

The mobile node moves between visitnet and visitnet2 --moves times (default 50) with route optimisation configured
for CN. For each move, from a capture on the mobile node's interface (tcpdump -tt, decoded by tshark): the time
from the Care-of Test Init (and the Home Test Init, where the home token had to be renewed) leaving the node to the
correspondent's Binding Acknowledgement arriving, i.e. CoTI/HoTI -> CoT/HoT -> BU -> BA; and from the home
registration's Binding Acknowledgement to it. Prints p50/p99/max; --json prints one JSON document. Needs root."""
import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(os.environ.get("MOBILITY_ROOT") or Path(__file__).resolve().parents[1])
sys.path.insert(0, str(ROOT / "testbed"))
from testbed import CN_ADDR, HA_ADDR, HOME_ADDRESS, Testbed  # noqa: E402

PREFIX = {"visit": "2001:db8:1100:", "visit2": "2001:db8:1000:"}


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def bound_at(tb, link):
    for e in tb.mip("mn", "mip:bul")["entries"]:
        if (e["kind"] == "correspondent" and e["state"] == "registered"
                and (e["care_of_address"] or "").startswith(PREFIX[link])):
            return e
    return None


def messages(capture):
    """(time, MH type, outer source, outer destination) of every Mobility Header in the capture, tunnelled or not."""
    r = subprocess.run(["tshark", "-r", str(capture), "-Y", "mipv6", "-T", "fields", "-E", "separator=;",
                        "-e", "frame.time_epoch", "-e", "mip6.mhtype", "-e", "ipv6.src", "-e", "ipv6.dst"],
                       capture_output=True, text=True, timeout=300)
    out = []
    for line in r.stdout.splitlines():
        t, types, src, dst = (line.split(";") + ["", "", ""])[:4]
        if types:
            out.append((float(t), int(types.split(",")[-1]), src.split(","), dst.split(",")))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--moves", type=int, default=50)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    say = (lambda *a: print(*a, file=sys.stderr)) if args.json else print
    with Testbed() as tb:
        tb.container("ha", {"mobility.ha.cfg": "homeLinks = eth0\ndadTimeoutMillis = 300\n"})
        tb.container("cn", {"mobility.cn.cfg": "maxBindingLifetime = 420\n"})
        tb.container("mn", {"mobility.mn.cfg": f"homeAddress = {HOME_ADDRESS}/64\nhomeLink = eth0\n"
                                               f"homeAgentAddress = {HA_ADDR}\ncorrespondents = {CN_ADDR}\n"})
        for node, role in (("ha", "home-agent"), ("cn", "correspondent-node"), ("mn", "mobile-node")):
            tb.wait_role(node, role)
        capture = tb.dir / "mn.pcap"
        dump = tb.background("mn", "tcpdump", "-Z", "root", "-i", "eth0", "-U", "-w", capture, "ip6")
        time.sleep(1)
        moves = []
        link = "visit"
        for i in range(args.moves):
            link = "visit2" if link == "visit" else "visit"
            started = tb.move_mn(link)
            deadline = time.time() + 30
            while not bound_at(tb, link):
                if time.time() > deadline:
                    raise SystemExit(f"move {i + 1}: no correspondent binding at {link} after 30 s")
                time.sleep(0.05)
            moves.append(started)
            say(f"move {i + 1}/{args.moves} to {link}: bound")
        time.sleep(1)
        dump.terminate()
        dump.wait(timeout=20)
        mh = messages(capture)
    rounds, after_home = [], []
    for k, started in enumerate(moves):
        end = moves[k + 1] if k + 1 < len(moves) else float("inf")
        window = [m for m in mh if started <= m[0] < end]
        inits = [m[0] for m in window if m[1] in (1, 2) and HA_ADDR not in m[3]]
        inits += [m[0] for m in window if m[1] == 1]
        ba_cn = [m[0] for m in window if m[1] == 6 and CN_ADDR in m[2]]
        ba_ha = [m[0] for m in window if m[1] == 6 and HA_ADDR in m[2]]
        if inits and ba_cn:
            rounds.append((ba_cn[0] - min(inits)) * 1000)
        if ba_ha and ba_cn:
            after_home.append((ba_cn[0] - ba_ha[0]) * 1000)
    if not rounds:
        raise SystemExit("no return-routability round found in the capture")
    result = {"bench": "cn-testbed", "moves": len(moves), "rounds_measured": len(rounds),
              "rounds_ms": [round(r, 2) for r in rounds],
              "rr_to_ba_ms": {"p50": round(pct(rounds, 50), 2), "p99": round(pct(rounds, 99), 2),
                              "max": round(max(rounds), 2)},
              "home_ba_to_cn_ba_ms": {"p50": round(pct(after_home, 50), 2), "p99": round(pct(after_home, 99), 2),
                                      "max": round(max(after_home), 2)} if after_home else None}
    if args.json:
        print(json.dumps(result))
    else:
        r = result["rr_to_ba_ms"]
        print(f"HoTI/CoTI -> BA from CN over {len(rounds)} moves: p50 {r['p50']} ms, p99 {r['p99']} ms, "
              f"max {r['max']} ms")
        if after_home:
            h = result["home_ba_to_cn_ba_ms"]
            print(f"home registration's BA -> correspondent's BA: p50 {h['p50']} ms, p99 {h['p99']} ms, "
                  f"max {h['max']} ms")


if __name__ == "__main__":
    main()

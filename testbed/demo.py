"""./mobility demo: the Linux Mobile IPv6 HOWTO's test bed, run by this platform in network namespaces.

A home agent and a mobile node, each in its own container and namespace, with routers R, AR, AR2 and a
correspondent CN. The mobile node walks home -> visitnet -> visitnet2 -> home while CN pings its home address.
At each step the demo prints the home agent's binding cache, the mobile node's binding update list and statistics,
the handover time and the lost pings; at the end it writes the same as a JSON report and draws the timeline as SVG.
Everything it creates is removed at the end, also on Ctrl-C.
"""
import argparse
import json
import re
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from testbed import HA_ADDR, HOME_ADDRESS, LINKS, Testbed  # noqa: E402

PING_INTERVAL = 0.05
WALK = ["visit", "visit2", "home"]
NAMES = {"home": "home link", "visit": "visitnet", "visit2": "visitnet2"}


def say(text=""):
    print(text, flush=True)


def wait_for(check, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            result = check()
            if result:
                return result
        except RuntimeError:
            pass
        time.sleep(0.1)
    return None


def registered(tb, link):
    bc = tb.mip("ha", "mip:bc")
    bul = tb.mip("mn", "mip:bul")
    if link == "home":
        return bc["count"] == 0 and bul["count"] == 0
    prefix = LINKS[link].split("::")[0] + ":"
    return any(b["care_of_address"].startswith(prefix) for b in bc["bindings"]) and \
        any(e["state"] == "registered" and (e["care_of_address"] or "").startswith(prefix) for e in bul["entries"])


def ping_replies(log):
    """(time, icmp_seq) of every echo reply in a `ping -D` log."""
    out = []
    for line in log.read_text().splitlines():
        m = re.match(r"\[(\d+\.\d+)\].*icmp_seq=(\d+)", line)
        if m:
            out.append((float(m.group(1)), int(m.group(2))))
    return out


def handover(replies, moved_at, next_move_at):
    """Time from the move to the first reply after it, and the echo requests lost around it."""
    before = [s for t, s in replies if t < moved_at]
    after = [(t, s) for t, s in replies if moved_at <= t < next_move_at]
    if not after:
        return None, None
    first_t, first_s = after[0]
    last_before = before[-1] if before else first_s - 1
    return round((first_t - moved_at) * 1000, 1), max(0, first_s - last_before - 1)


def svg_timeline(report, path):
    """The moves, the registrations and every echo reply on one time axis."""
    t0 = report["started_at"]
    end = report["ended_at"] - t0
    width, left, row = 960, 110, 40
    scale = (width - left - 20) / max(end, 1)
    x = lambda t: left + (t - t0) * scale  # noqa: E731
    rows = {"home": 0, "visit": 1, "visit2": 2}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{row * 5 + 40}" '
             'font-family="sans-serif" font-size="12">',
             f'<text x="10" y="20" font-size="14">Mobile node {HOME_ADDRESS}: location, handovers and echo '
             'replies from CN</text>']
    for name, r in rows.items():
        y = 40 + r * row
        parts.append(f'<text x="10" y="{y + 20}">{NAMES[name]}</text>')
        parts.append(f'<line x1="{left}" y1="{y + 15}" x2="{width - 20}" y2="{y + 15}" stroke="#ddd"/>')
    for i, step in enumerate(report["steps"]):
        start = step["moved_at"]
        stop = report["steps"][i + 1]["moved_at"] if i + 1 < len(report["steps"]) else report["ended_at"]
        y = 40 + rows[step["location"]] * row
        parts.append(f'<rect x="{x(start):.1f}" y="{y + 5}" width="{(stop - start) * scale:.1f}" height="20" '
                     'fill="#cfe3ff"/>')
        if step["move"]:
            parts.append(f'<line x1="{x(start):.1f}" y1="35" x2="{x(start):.1f}" y2="{40 + 3 * row}" '
                         'stroke="#c00" stroke-dasharray="4,3"/>')
            label = f'{step["handover_ms"]} ms' if step["handover_ms"] is not None else "no reply"
            parts.append(f'<text x="{x(start) + 4:.1f}" y="{40 + 3 * row - 4}" fill="#c00">{label}</text>')
    y = 40 + 3 * row + 15
    parts.append(f'<text x="10" y="{y + 4}">echo replies</text>')
    for t in report["reply_times"]:
        parts.append(f'<circle cx="{x(t):.1f}" cy="{y}" r="1.5" fill="#060"/>')
    parts.append(f'<text x="{left}" y="{row * 5 + 35}">0 s</text>')
    parts.append(f'<text x="{width - 60}" y="{row * 5 + 35}">{end:.1f} s</text>')
    parts.append("</svg>")
    path.write_text("\n".join(parts))


def main():
    ap = argparse.ArgumentParser(prog="./mobility demo")
    ap.add_argument("--dwell", type=float, default=4.0, help="seconds at each place")
    ap.add_argument("--out", default=None, help="folder for the report and the timeline (default: demo-out/)")
    args = ap.parse_args()
    out = Path(args.out or Path.cwd() / "demo-out")
    out.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    # Also when started with SIGINT ignored (a background job of a script): Ctrl-C must still clean up.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    with Testbed() as tb:
        say(f"test bed {tb.tag}: namespaces {', '.join(tb.namespaces)}")
        say("starting the home agent container (namespace ha) ...")
        tb.container("ha", {"mobility.ha.cfg": "homeLinks = eth0\ndadTimeoutMillis = 300\n"})
        tb.wait_role("ha", "home-agent")
        say("starting the mobile node container (namespace mn) ...")
        tb.container("mn", {"mobility.mn.cfg": f"homeAddress = {HOME_ADDRESS}/64\nhomeLink = eth0\n"
                                               f"homeAgentAddress = {HA_ADDR}\n"})
        tb.wait_role("mn", "mobile-node")
        wait_for(lambda: HOME_ADDRESS in tb.sh("mn", "ip", "-6", "addr", "show", "dev", "eth0").stdout, 30)
        say(f"mobile node at home with {HOME_ADDRESS}; CN starts pinging it every {PING_INTERVAL * 1000:.0f} ms")
        pinger = tb.background("cn", "ping", "-6", "-D", "-i", str(PING_INTERVAL), HOME_ADDRESS,
                               log_name="ping.log")
        report = {"test_bed": tb.tag, "home_address": HOME_ADDRESS, "home_agent": HA_ADDR,
                  "started_at": time.time(), "steps": []}
        report["steps"].append({"location": "home", "move": False, "moved_at": report["started_at"]})
        time.sleep(args.dwell)
        for link in WALK + [None]:
            step = report["steps"][-1]
            ok = wait_for(lambda: registered(tb, step["location"]), 30)
            step["registered"] = bool(ok)
            step["binding_cache"] = tb.mip("ha", "mip:bc")
            step["binding_update_list"] = tb.mip("mn", "mip:bul")
            say("")
            say(f"== {NAMES[step['location']]} ==")
            say(tb.mip("ha", "mip:bc", json_output=False).rstrip())
            say(tb.mip("mn", "mip:bul", json_output=False).rstrip())
            stats = tb.mip("mn", "mip:stats")
            say("mobile node: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.get("mobile-node", {}).items())
                                            if k.startswith(("bu.", "ba.", "movement."))))
            time.sleep(max(0.0, args.dwell - (time.time() - step["moved_at"])))
            if link is None:
                break
            say("")
            say(f"moving the mobile node to {NAMES[link]} ...")
            moved_at = time.time()
            tb.move_mn(link)
            report["steps"].append({"location": link, "move": True, "moved_at": moved_at})
        report["ended_at"] = time.time()
        pinger.terminate()
        pinger.wait(timeout=10)
        replies = ping_replies(tb.dir / "ping.log")
        report["reply_times"] = [t for t, _ in replies]
        sent = replies[-1][1] if replies else 0
        for i, step in enumerate(report["steps"]):
            nxt = report["steps"][i + 1]["moved_at"] if i + 1 < len(report["steps"]) else report["ended_at"]
            in_step = [s for t, s in replies if step["moved_at"] <= t < nxt]
            step["pings_answered"] = len(in_step)
            step["handover_ms"], step["pings_lost"] = handover(replies, step["moved_at"], nxt) if step["move"] \
                else (None, 0)
        report["pings_sent"] = sent
        report["pings_answered"] = len(replies)
        say("")
        say("== summary ==")
        for step in report["steps"]:
            if step["move"]:
                say(f"to {NAMES[step['location']]:10s} handover {step['handover_ms']} ms, "
                    f"{step['pings_lost']} pings lost, registered: {step['registered']}")
        say(f"pings: {report['pings_answered']} of {sent} answered")
    report_path = out / "demo-report.json"
    report_path.write_text(json.dumps(report, indent=2))
    svg_timeline(report, out / "demo-timeline.svg")
    say(f"report:   {report_path}")
    say(f"timeline: {out / 'demo-timeline.svg'}")
    ok = all(s["registered"] for s in report["steps"]) and report["pings_answered"] > 0
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("interrupted: the test bed was removed", file=sys.stderr)
        sys.exit(130)

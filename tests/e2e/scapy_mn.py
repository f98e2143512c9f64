"""A mobile node played by Debian's scapy, an implementation independent of ours, run inside a test namespace.

    scapy_mn.py bu --ha A --hoa H --coa C --seq N --lifetime UNITS [--flags AH] [--iface eth0] [--mh-type T]
        sends one Binding Update from C with a Home Address option for H, waits for the answer and prints it as JSON
        (Binding Acknowledgement fields and the type 2 routing header's address, a Binding Error, an ICMPv6 error, or
        {"answer": null} after the timeout).
    scapy_mn.py responder --ha A --hoa H --coa C [--iface eth0] --seconds S
        for S seconds answers every echo request that arrives tunnelled from A for H with an echo reply sent back
        through the reverse tunnel; prints counts as JSON at the end.
"""
import argparse
import json
import subprocess
import sys
import time

from scapy.all import (AsyncSniffer, Ether, IPv6, get_if_hwaddr, sendp, ICMPv6EchoReply, ICMPv6EchoRequest, IPv6ExtHdrDestOpt,
                       IPv6ExtHdrRouting, conf, sniff)
from scapy.layers.inet6 import (HAO, ICMPv6HAADReply, ICMPv6HAADRequest, ICMPv6MPAdv, ICMPv6MPSol,
                                ICMPv6NDOptPrefixInfo, ICMPv6ParamProblem)
from scapy.layers.inet6 import MIP6MH_BU, MIP6MH_BA, MIP6MH_BE, MIP6MH_Generic

conf.verb = 0


def next_hop_frame(iface):
    """An Ethernet header to the default router, whose address the kernel resolves (scapy's own IPv6 routing does not
    work inside a network namespace: it falls back to broadcast frames, which routers drop)."""
    route = json.loads(subprocess.run(["ip", "-j", "-6", "route", "show", "default", "dev", iface],
                                      capture_output=True, text=True, check=True).stdout)
    gateway = route[0]["gateway"]
    subprocess.run(["ping", "-6", "-c", "1", "-W", "1", f"{gateway}%{iface}"], capture_output=True)
    neigh = json.loads(subprocess.run(["ip", "-j", "-6", "neigh", "show", gateway, "dev", iface],
                                      capture_output=True, text=True, check=True).stdout)
    return Ether(src=get_if_hwaddr(iface), dst=neigh[0]["lladdr"])


def bu(args):
    mh = MIP6MH_BU(seq=args.seq, flags=args.flags, mhtime=args.lifetime)
    if args.mh_type is not None:
        # A Mobility Header of a type nobody knows: 8 octets, Payload Proto 59, Header Len 0.
        mh = MIP6MH_Generic(mhtype=args.mh_type, msg=b"\x00\x00")
    packet = IPv6(src=args.coa, dst=args.ha) / IPv6ExtHdrDestOpt(options=[HAO(hoa=args.hoa)]) / mh
    answers = []

    def interesting(p):
        return IPv6 in p and p[IPv6].dst == args.coa and (MIP6MH_BA in p or MIP6MH_BE in p
                                                          or ICMPv6ParamProblem in p)

    sniffer = AsyncSniffer(iface=args.iface, lfilter=interesting, prn=answers.append, store=False)
    sniffer.start()
    time.sleep(0.3)
    sendp(next_hop_frame(args.iface) / packet, iface=args.iface)
    deadline = time.time() + args.timeout
    while not answers and time.time() < deadline:
        time.sleep(0.05)
    sniffer.stop()
    if not answers:
        print(json.dumps({"answer": None}))
        return
    p = answers[0]
    out = {"src": p[IPv6].src, "dst": p[IPv6].dst}
    if IPv6ExtHdrRouting in p:
        out["rh_type"] = p[IPv6ExtHdrRouting].type
        out["rh_addresses"] = list(p[IPv6ExtHdrRouting].addresses)
    if MIP6MH_BA in p:
        ba = p[MIP6MH_BA]
        out.update(answer="BA", status=ba.status, seq=ba.seq, lifetime=ba.mhtime, flags=int(ba.flags))
    elif MIP6MH_BE in p:
        out.update(answer="BE", status=p[MIP6MH_BE].status, hoa=p[MIP6MH_BE].ha)
    else:
        out.update(answer="ParamProblem", code=p[ICMPv6ParamProblem].code, pointer=p[ICMPv6ParamProblem].ptr)
    print(json.dumps(out))


def ask(args, packet, answer_type):
    """Sends one request and returns the first answer of the given layer sent to the care-of address, or None."""
    answers = []
    sniffer = AsyncSniffer(iface=args.iface, lfilter=lambda p: IPv6 in p and p[IPv6].dst == args.coa and answer_type in p,
                           prn=answers.append, store=False)
    sniffer.start()
    time.sleep(0.3)
    sendp(next_hop_frame(args.iface) / packet, iface=args.iface)
    deadline = time.time() + args.timeout
    while not answers and time.time() < deadline:
        time.sleep(0.05)
    sniffer.stop()
    return answers[0] if answers else None


def dhaad(args):
    """§11.4.1: a request from the care-of address to the home-agents anycast address of the home prefix."""
    anycast = args.hoa.rsplit(":", 2)[0].rstrip(":") + "::fdff:ffff:ffff:fffe"
    p = ask(args, IPv6(src=args.coa, dst=anycast) / ICMPv6HAADRequest(id=4242), ICMPv6HAADReply)
    print(json.dumps(None if p is None else {"src": p[IPv6].src, "id": p[ICMPv6HAADReply].id,
                                             "addresses": list(p[ICMPv6HAADReply].addresses)}))


def mps(args):
    """§11.4.2: a solicitation from the care-of address with the home address option, to the home agent."""
    packet = IPv6(src=args.coa, dst=args.ha) / IPv6ExtHdrDestOpt(options=[HAO(hoa=args.hoa)]) / ICMPv6MPSol(id=777)
    p = ask(args, packet, ICMPv6MPAdv)
    if p is None:
        print(json.dumps(None))
        return
    prefixes = []
    opt = p[ICMPv6MPAdv].payload
    while opt and isinstance(opt, ICMPv6NDOptPrefixInfo):
        prefixes.append({"prefix": opt.prefix, "length": opt.prefixlen, "valid": opt.validlifetime})
        opt = opt.payload
    out = {"src": p[IPv6].src, "id": p[ICMPv6MPAdv].id, "prefixes": prefixes}
    if IPv6ExtHdrRouting in p:
        out["rh_addresses"] = list(p[IPv6ExtHdrRouting].addresses)
    print(json.dumps(out))


def responder(args):
    counts = {"tunnelled_requests": 0, "replies_sent": 0, "foreign_tunnel": 0}
    frame = next_hop_frame(args.iface)

    def handle(p):
        if IPv6 not in p or p[IPv6].nh != 41 or p[IPv6].dst != args.coa:
            return
        inner = p[IPv6].payload
        if not isinstance(inner, IPv6) or ICMPv6EchoRequest not in inner or inner.dst != args.hoa:
            return
        if p[IPv6].src != args.ha:
            counts["foreign_tunnel"] += 1
            return
        counts["tunnelled_requests"] += 1
        req = inner[ICMPv6EchoRequest]
        reply = IPv6(src=args.hoa, dst=inner.src) / ICMPv6EchoReply(id=req.id, seq=req.seq, data=req.data)
        sendp(frame / IPv6(src=args.coa, dst=args.ha, nh=41) / reply, iface=args.iface)
        counts["replies_sent"] += 1

    # The first line says the socket is open, so the test starts its pings only then (scapy's import alone
    # can take seconds on a loaded machine); the last line has the counts.
    sniff(iface=args.iface, prn=handle, store=False, timeout=args.seconds,
          started_callback=lambda: print(json.dumps({"ready": True}), flush=True))
    print(json.dumps(counts))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("bu", "responder", "dhaad", "mps"):
        p = sub.add_parser(name)
        p.add_argument("--ha", required=True)
        p.add_argument("--hoa", required=True)
        p.add_argument("--coa", required=True)
        p.add_argument("--iface", default="eth0")
    b = sub.choices["bu"]
    b.add_argument("--seq", type=int, required=True)
    b.add_argument("--lifetime", type=int, default=100)
    b.add_argument("--flags", default="AH")
    b.add_argument("--mh-type", type=int, default=None)
    b.add_argument("--timeout", type=float, default=4.0)
    sub.choices["responder"].add_argument("--seconds", type=float, default=10)
    for name in ("dhaad", "mps"):
        sub.choices[name].add_argument("--timeout", type=float, default=4.0)
    args = ap.parse_args()
    {"bu": bu, "responder": responder, "dhaad": dhaad, "mps": mps}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())

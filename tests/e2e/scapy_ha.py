"""A home agent played by Debian's scapy, an implementation independent of ours, run inside a test namespace.

    scapy_ha.py --ha A --hoa H [--iface eth0] [--lifetime UNITS] [--resync-seq N] --seconds S

For S seconds it answers every Binding Update for the home address H sent to A (RFC 6275 §10.3.1) with a Binding
Acknowledgement: to the care-of address through a type 2 routing header carrying H when the update came from a care-of
address with a Home Address option (§9.5.4, §6.4), straight to H when the node is at home. It grants at most
--lifetime units of 4 s, and 0 to a deregistration (§10.3.2). With --resync-seq it answers the first update with
status 135 and that sequence number (§9.5.1), as a home agent that lost its binding cache would. It neither tunnels
nor intercepts: it is the signalling peer only. Every update received and every acknowledgement sent is printed as
one JSON line, as it happens.
"""
import argparse
import json
import socket
import sys
import time

from scapy.all import IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrRouting, conf, sniff
from scapy.layers.inet6 import HAO, MIP6MH_BA, MIP6MH_BU

conf.verb = 0

STATUS_ACCEPTED = 0
STATUS_SEQUENCE_OUT_OF_WINDOW = 135


def emit(record):
    print(json.dumps(record), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ha", required=True)
    ap.add_argument("--hoa", required=True)
    ap.add_argument("--iface", default="eth0")
    ap.add_argument("--lifetime", type=int, default=65, help="the most it grants, in units of 4 s")
    ap.add_argument("--resync-seq", type=int, default=None)
    ap.add_argument("--seconds", type=float, default=30)
    args = ap.parse_args()
    # The kernel routes what is sent and resolves the next hop (scapy's own IPv6 routing does not work inside a
    # network namespace): a raw socket that takes whole IPv6 packets.
    out = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
    state = {"resync": args.resync_seq}

    def handle(p):
        if IPv6 not in p or MIP6MH_BU not in p or p[IPv6].dst != args.ha:
            return
        bu = p[MIP6MH_BU]
        hoa = p[HAO].hoa if HAO in p else p[IPv6].src
        coa = p[IPv6].src
        emit({"event": "BU", "t": time.time(), "seq": bu.seq, "lifetime": bu.mhtime, "flags": str(bu.flags),
              "hoa": hoa, "coa": coa, "hao": HAO in p})
        if hoa != args.hoa:
            return
        if state["resync"] is not None:
            status, seq, lifetime = STATUS_SEQUENCE_OUT_OF_WINDOW, state["resync"], 0
            state["resync"] = None
        else:
            status, seq = STATUS_ACCEPTED, bu.seq
            # §10.3.2: a lifetime of 0, or the care-of address equal to the home address, is a deregistration.
            lifetime = 0 if bu.mhtime == 0 or coa == hoa else min(bu.mhtime, args.lifetime)
        ba = MIP6MH_BA(status=status, seq=seq, mhtime=lifetime)
        if coa == hoa:
            packet = IPv6(src=args.ha, dst=hoa) / ba
        else:
            # §6.4: the type 2 routing header holds the home address; the packet goes to the care-of address.
            packet = IPv6(src=args.ha, dst=coa) / IPv6ExtHdrRouting(type=2, segleft=1, addresses=[hoa]) / ba
        out.sendto(bytes(packet), (coa, 0))
        emit({"event": "BA", "t": time.time(), "status": status, "seq": seq, "lifetime": lifetime, "to": coa,
              "routing_header": coa != hoa})

    sniff(iface=args.iface, filter="ip6", prn=handle, store=False, timeout=args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())

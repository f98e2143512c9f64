"""A mobile node played by Debian's scapy, an implementation independent of ours, run inside a test namespace.

    scapy_mn.py bu --ha A --hoa H --coa C --seq N --lifetime UNITS [--flags AH] [--iface eth0] [--mh-type T]
        sends one Binding Update from C with a Home Address option for H, waits for the answer and prints it as JSON
        (Binding Acknowledgement fields and the type 2 routing header's address, a Binding Error, an ICMPv6 error, or
        {"answer": null} after the timeout).
    scapy_mn.py responder --ha A --hoa H --coa C [--iface eth0] --seconds S
        for S seconds answers every echo request that arrives tunnelled from A for H with an echo reply sent back
        through the reverse tunnel; prints counts as JSON at the end.
    scapy_mn.py rr --ha A --hoa H --coa C --cn N --seq S [--lifetime UNITS] [--bad-authenticator]
                   [--no-nonce-indices] [--home-nonce-index I] [--careof-nonce-index I] [--from-home]
                   [--checksum-from-coa]
        return routability with the correspondent N (RFC 6275 §5.2, §6.1.3-6.1.6): a Home Test Init from H through
        the reverse tunnel to A, a Care-of Test Init from C, the Home Test (tunnelled from A) and the Care-of Test
        sniffed and their cookies checked, then a Binding Update with A flag, Nonce Indices and Binding Authorization
        Data computed here (hmac, hashlib), and the Binding Acknowledgement's own authenticator verified; one JSON
        line. --from-home: the deregistration of a node back at home (§5.2.6: Kbm from the home token alone), the BU
        from H without a Home Address option, sent through the reverse tunnel (give --lifetime 0).
    scapy_mn.py hao-no-binding --hoa H --coa C --cn N [--message coti|hoti]
        a Care-of (or Home) Test Init from C carrying a Home Address option for H; for an H without a binding at N
        prints the Binding Error that comes back (§9.3.1), for a bound H whatever answers (§9.4.1, §9.4.2: nothing
        should), or {"answer": null}.

The return-routability messages are encoded and decoded here octet by octet (struct), not with scapy's MIPv6
layers, so that the cryptography and the layout are this file's own reading of the RFC; scapy only sends frames and
sniffs them.
"""
import argparse
import hashlib
import hmac
import json
import os
import socket
import struct
import subprocess
import sys
import time

from scapy.all import (AsyncSniffer, Ether, IPv6, Raw, get_if_hwaddr, sendp, ICMPv6EchoReply, ICMPv6EchoRequest, IPv6ExtHdrDestOpt,
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


# -- return routability (RFC 6275 §5.2, §6.1.3-6.1.8, §9.4-9.5), encoded and checked here ----------------------------
MH = 135          # IPv6 next header of the Mobility Header
IPV6_IN_IPV6 = 41
NO_NEXT = 59
HOTI, COTI, HOT, COT, BU_TYPE, BA_TYPE, BE_TYPE = 1, 2, 3, 4, 5, 6, 7
OPT_PAD1, OPT_PADN, OPT_NONCE_INDICES, OPT_BAD = 0, 1, 4, 5
AUTH_LEN = 12


def a16(address):
    return socket.inet_pton(socket.AF_INET6, address)


def ntop(octets):
    return socket.inet_ntop(socket.AF_INET6, bytes(octets))


def internet_checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def mh_checksum(src, dst, mh):
    """§6.1.1: the upper-layer checksum of RFC 8200 §8.1 over the pseudo-header (src, dst, length, 135)."""
    pseudo = a16(src) + a16(dst) + struct.pack("!IxxxB", len(mh), MH)
    return internet_checksum(pseudo + mh[:4] + b"\0\0" + mh[6:])


def with_checksum(mh, src, dst):
    return mh[:4] + struct.pack("!H", mh_checksum(src, dst, mh)) + mh[6:]


def mobility_header(mh_type, data):
    """§6.1: Payload Proto 59, Header Len in 8-octet units not counting the first 8, type, reserved, checksum 0."""
    assert (len(data) + 6) % 8 == 0, "a Mobility Header is a multiple of 8 octets"
    return struct.pack("!BBBBH", NO_NEXT, (len(data) + 6) // 8 - 1, mh_type, 0, 0) + data


def padding_to(offset, modulus, remainder):
    """Pad1/PadN (§6.2.1, §6.2.2) that move an option from offset to the next offset of the form modulus*n+remainder."""
    n = (remainder - offset) % modulus
    if n == 0:
        return b""
    if n == 1:
        return bytes([OPT_PAD1])
    return bytes([OPT_PADN, n - 2]) + bytes(n - 2)


def hmac_sha1(key, data):
    return hmac.new(key, data, hashlib.sha1).digest()


def kbm_of(home_token, careof_token=None):
    """§5.2.5: Kbm = SHA1(home keygen token | care-of keygen token), SHA1(home keygen token) when deregistering at home."""
    return hashlib.sha1(home_token + (careof_token or b"")).digest()


def authenticator_of(kbm, careof, correspondent, mh, auth_at):
    """§5.2.6: First(96, HMAC_SHA1(Kbm, care-of address | correspondent | MH data)), where MH data is the Mobility
    Header with the checksum zero and without the 12 octets of the Authenticator (which start at auth_at)."""
    data = mh[:4] + b"\0\0" + mh[6:auth_at] + mh[auth_at + AUTH_LEN:]
    return hmac_sha1(kbm, a16(careof) + a16(correspondent) + data)[:AUTH_LEN]


def binding_update_mh(seq, flags, lifetime, nonce_indices):
    """§6.1.7: Sequence, A|H|L|K flags and reserved (16 bits), Lifetime (4 s units); then the options: Nonce Indices
    (§6.2.6) unless None, and Binding Authorization Data (§6.2.7) last, aligned 8n+2 so that the header ends on a
    multiple of 8. Returns (header with a zero authenticator, offset of the authenticator)."""
    bits = {"A": 0x8000, "H": 0x4000, "L": 0x2000, "K": 0x1000}
    data = struct.pack("!HHH", seq & 0xFFFF, sum(bits[f] for f in flags), lifetime)
    if nonce_indices is not None:
        data += struct.pack("!BBHH", OPT_NONCE_INDICES, 4, *nonce_indices)
    data += padding_to(6 + len(data), 8, 2)
    data += bytes([OPT_BAD, AUTH_LEN]) + bytes(AUTH_LEN)
    mh = mobility_header(BU_TYPE, data)
    return mh, len(mh) - AUTH_LEN


def parse_packet(raw):
    """An Ethernet frame's IPv6 packet, octet by octet: addresses, the type 2 routing header's address, the Home
    Address option, and either the inner packet of an IPv6-in-IPv6 tunnel or the Mobility Header's octets."""
    if len(raw) < 54 or raw[12:14] != b"\x86\xdd":
        return None
    return parse_ipv6(raw[14:])


def parse_ipv6(b):
    if len(b) < 40 or b[0] >> 4 != 6:
        return None
    out = {"src": ntop(b[8:24]), "dst": ntop(b[24:40])}
    nh, at = b[6], 40
    end = min(len(b), 40 + struct.unpack("!H", b[4:6])[0])
    while nh in (0, 43, 60) and at + 8 <= end:
        length = (b[at + 1] + 1) * 8
        if nh == 43:
            out["rh_type"] = b[at + 2]
            out["rh_addresses"] = [ntop(b[at + 8 + 16 * i:at + 24 + 16 * i]) for i in range((length - 8) // 16)]
        elif nh == 60:
            i = at + 2
            while i < at + length:
                if b[i] == 0:
                    i += 1
                    continue
                if b[i] == 201 and b[i + 1] == 16:  # Home Address option (§6.3)
                    out["hao"] = ntop(b[i + 2:i + 18])
                i += 2 + b[i + 1]
        nh, at = b[at], at + length
    out["nh"] = nh
    if nh == IPV6_IN_IPV6:
        out["inner"] = parse_ipv6(b[at:end])
    elif nh == MH and at + 6 <= end:
        mh = b[at:end]
        out["mh"] = bytes(mh[:(mh[1] + 1) * 8])
        out["mh_type"] = mh[2]
    elif nh == 58 and at + 4 <= end:
        out["icmp_type"], out["icmp_code"] = b[at], b[at + 1]
    return out


def mh_options(mh, start):
    """(type, offset, octets) of each mobility option from start (§6.2)."""
    opts, i = [], start
    while i < len(mh):
        if mh[i] == OPT_PAD1:
            i += 1
            continue
        opts.append((mh[i], i, mh[i + 2:i + 2 + mh[i + 1]]))
        i += 2 + mh[i + 1]
    return opts


def eth(frame):
    """A fresh Ethernet header like frame's, typed IPv6 (a copy from bytes would keep scapy's default type 0x9000)."""
    return Ether(src=frame.src, dst=frame.dst, type=0x86DD)


def ipv6_raw(src, dst, nh, payload, hlim=64):
    """An IPv6 header in front of payload, octet by octet."""
    return struct.pack("!IHBB", 6 << 28, len(payload), nh, hlim) + a16(src) + a16(dst) + payload


def exchange(args, send, matches, timeout):
    """Starts sniffing, calls send(), and returns the parsed packets for which matches() holds, waiting until each
    of the keys of matches has one or the timeout runs out."""
    found = {}

    def take(p):
        d = parse_packet(bytes(p))
        if d is None:
            return
        for key, test in matches.items():
            if key not in found and test(d):
                found[key] = d

    sniffer = AsyncSniffer(iface=args.iface, prn=take, store=False)
    sniffer.start()
    time.sleep(0.3)
    send()
    deadline = time.time() + timeout
    while len(found) < len(matches) and time.time() < deadline:
        time.sleep(0.05)
    sniffer.stop()
    return found


def test_init(mh_type, cookie):
    """§6.1.3, §6.1.4: Reserved (16), the init cookie (64)."""
    return mobility_header(mh_type, b"\0\0" + cookie)


def parse_test(mh):
    """§6.1.5, §6.1.6: nonce index, the init cookie it echoes, the keygen token."""
    index, = struct.unpack("!H", mh[6:8])
    return index, mh[8:16], mh[16:24]


def rr(args):
    out = {}
    frame = next_hop_frame(args.iface)
    home_cookie, careof_cookie = os.urandom(8), os.urandom(8)
    hoti = with_checksum(test_init(HOTI, home_cookie), args.hoa, args.cn)
    coti = with_checksum(test_init(COTI, careof_cookie), args.coa, args.cn)

    def is_hot(d):
        i = d.get("inner")
        return (d["src"] == args.ha and d["dst"] == args.coa and i and i["src"] == args.cn and i["dst"] == args.hoa
                and i.get("mh_type") == HOT)

    def is_cot(d):
        return d["src"] == args.cn and d["dst"] == args.coa and d.get("mh_type") == COT

    def send_inits():
        # The Home Test Init: home address to the correspondent, no Home Address option, in the reverse tunnel.
        sendp(eth(frame) / IPv6(src=args.coa, dst=args.ha, nh=IPV6_IN_IPV6)
              / Raw(ipv6_raw(args.hoa, args.cn, MH, hoti)), iface=args.iface)
        if not args.from_home:
            sendp(eth(frame) / Raw(ipv6_raw(args.coa, args.cn, MH, coti)), iface=args.iface)

    wanted = {"hot": is_hot} if args.from_home else {"hot": is_hot, "cot": is_cot}
    got = exchange(args, send_inits, wanted, args.timeout)
    for key in wanted:
        if key not in got:
            print(json.dumps({"answer": None, "missing": key, **{k: True for k in got}}))
            return
    hot = got["hot"]["inner"]
    home_index, cookie, home_token = parse_test(hot["mh"])
    out["hot"] = {"index": home_index, "token": home_token.hex(), "cookie_ok": cookie == home_cookie,
                  "outer_src": got["hot"]["src"], "outer_dst": got["hot"]["dst"], "src": hot["src"],
                  "dst": hot["dst"], "checksum_ok": mh_checksum(hot["src"], hot["dst"], hot["mh"])
                  == struct.unpack("!H", hot["mh"][4:6])[0]}
    careof_index, careof_token = 0, None
    if not args.from_home:
        cot = got["cot"]
        careof_index, cookie, careof_token = parse_test(cot["mh"])
        out["cot"] = {"index": careof_index, "token": careof_token.hex(), "cookie_ok": cookie == careof_cookie,
                      "src": cot["src"], "dst": cot["dst"], "checksum_ok": mh_checksum(cot["src"], cot["dst"],
                      cot["mh"]) == struct.unpack("!H", cot["mh"][4:6])[0]}
    if args.home_nonce_index is not None:
        home_index = args.home_nonce_index
    if args.careof_nonce_index is not None:
        careof_index = args.careof_nonce_index
    # §5.2.5: a node back at home (care-of address = home address) deregisters with the home token alone; a
    # deregistration from a care-of address (lifetime 0, HAO) still uses both.
    kbm = kbm_of(home_token, None if args.from_home else careof_token)
    out["kbm"] = kbm.hex()
    source = args.hoa if args.from_home else args.coa
    lifetime = args.lifetime
    mh, auth_at = binding_update_mh(args.seq, args.flags, lifetime,
                                    None if args.no_nonce_indices else (home_index, careof_index))
    auth = authenticator_of(kbm, source, args.cn, mh, auth_at)
    if args.bad_authenticator:
        auth = bytes([auth[0] ^ 0x01]) + auth[1:]
    mh = mh[:auth_at] + auth + mh[auth_at + AUTH_LEN:]
    # §6.1.1: with a Home Address option the pseudo-header's source is the home address (--checksum-from-coa: the
    # wrong one, the care-of address, which a receiver must refuse, §9.2).
    mh = with_checksum(mh, args.coa if args.checksum_from_coa else args.hoa, args.cn)
    out["bu"] = {"seq": args.seq, "lifetime": lifetime, "nonce_indices": None if args.no_nonce_indices
                 else [home_index, careof_index], "authenticator": auth.hex(), "length": len(mh)}

    if args.from_home:
        def send_bu():
            sendp(eth(frame) / IPv6(src=args.coa, dst=args.ha, nh=IPV6_IN_IPV6)
                  / Raw(ipv6_raw(args.hoa, args.cn, MH, mh)), iface=args.iface)
    else:
        hao = IPv6ExtHdrDestOpt(nh=MH, options=[HAO(hoa=args.hoa)])

        def send_bu():
            sendp(eth(frame) / IPv6(src=args.coa, dst=args.cn, nh=60) / hao / Raw(mh), iface=args.iface)

    def answer(d):
        if args.from_home:
            d = d.get("inner") if d["src"] == args.ha and d["dst"] == args.coa else None
            if not d or d["dst"] != args.hoa:
                return False
        elif d["dst"] != args.coa:
            return False
        return d["src"] == args.cn and (d.get("mh_type") in (BA_TYPE, BE_TYPE) or d.get("icmp_type") in (1, 4))

    got = exchange(args, send_bu, {"answer": answer}, args.timeout).get("answer")
    if got is None:
        out["answer"] = None
        print(json.dumps(out))
        return
    outer = got
    if args.from_home:
        got = got["inner"]
        out["tunnelled_from"] = outer["src"]
    out.update(src=got["src"], dst=got["dst"])
    if "rh_type" in got:
        out.update(rh_type=got["rh_type"], rh_addresses=got["rh_addresses"])
    if "icmp_type" in got:
        out.update(answer="ICMPv6", icmp_type=got["icmp_type"], icmp_code=got["icmp_code"])
        print(json.dumps(out))
        return
    ba = got["mh"]
    # §6.1.1: with a type 2 routing header the pseudo-header's destination is the final one, the home address.
    final = got["rh_addresses"][-1] if got.get("rh_type") == 2 else got["dst"]
    out["checksum_ok"] = mh_checksum(got["src"], final, ba) == struct.unpack("!H", ba[4:6])[0]
    if got["mh_type"] == BE_TYPE:
        out.update(answer="BE", status=ba[6], hoa=ntop(ba[8:24]))
        print(json.dumps(out))
        return
    status, kflag, seq, ba_lifetime = struct.unpack("!BBHH", ba[6:12])
    out.update(answer="BA", status=status, flags=kflag, seq=seq, lifetime=ba_lifetime)
    opts = mh_options(ba, 12)
    out["ba_options"] = [t for t, _, _ in opts]
    bad = [(at, octets) for t, at, octets in opts if t == OPT_BAD]
    if bad:
        at, octets = bad[-1]
        # §6.1.8, §5.2.6: the BA's authenticator, over the care-of address, the correspondent and the BA.
        expected = authenticator_of(kbm, source, args.cn, ba, at + 2)
        out["ba_authenticator_ok"] = octets == expected
        out["ba_authenticator_last"] = at + 2 + AUTH_LEN == len(ba)
        out["ba_authenticator_aligned"] = at % 8 == 2
    else:
        out["ba_authenticator_ok"] = None
    print(json.dumps(out))


def hao_no_binding(args):
    """§9.3.1: a Home Address option for an address without a binding gets Binding Error status 1. With --message
    hoti the Mobility Header is a Home Test Init instead (§9.4.1: one with a Home Address option is ignored even
    for a bound home address; so is such a Care-of Test Init, §9.4.2)."""
    frame = next_hop_frame(args.iface)
    init = test_init(HOTI if args.message == "hoti" else COTI, os.urandom(8))
    init = with_checksum(init, args.hoa, args.cn)
    hao = IPv6ExtHdrDestOpt(nh=MH, options=[HAO(hoa=args.hoa)])

    def send():
        sendp(eth(frame) / IPv6(src=args.coa, dst=args.cn, nh=60) / hao / Raw(init), iface=args.iface)

    def answer(d):
        d = d.get("inner") or d  # a Home Test to the home address comes tunnelled from the home agent
        return d["src"] == args.cn and (d.get("mh_type") in (BE_TYPE, COT, HOT) or d.get("icmp_type") in (1, 4))

    got = exchange(args, send, {"answer": answer}, args.timeout).get("answer")
    if got is None:
        print(json.dumps({"answer": None}))
        return
    tunnelled = bool(got.get("inner"))
    got = got.get("inner") or got
    out = {"src": got["src"], "dst": got["dst"], "tunnelled": tunnelled, "rh_addresses": got.get("rh_addresses")}
    if got.get("mh_type") == BE_TYPE:
        be = got["mh"]
        out.update(answer="BE", status=be[6], hoa=ntop(be[8:24]),
                   checksum_ok=mh_checksum(got["src"], got["dst"], be) == struct.unpack("!H", be[4:6])[0])
    elif got.get("mh_type") in (COT, HOT):
        out.update(answer="CoT" if got["mh_type"] == COT else "HoT")
    else:
        out.update(answer="ICMPv6", icmp_type=got["icmp_type"], icmp_code=got["icmp_code"])
    print(json.dumps(out))


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
    r = sub.add_parser("rr")
    r.add_argument("--ha", required=True)
    r.add_argument("--hoa", required=True)
    r.add_argument("--coa", required=True)
    r.add_argument("--cn", required=True)
    r.add_argument("--iface", default="eth0")
    r.add_argument("--seq", type=int, required=True)
    r.add_argument("--lifetime", type=int, default=50, help="in units of 4 s (§6.1.7)")
    r.add_argument("--flags", default="A")
    r.add_argument("--bad-authenticator", action="store_true")
    r.add_argument("--no-nonce-indices", action="store_true")
    r.add_argument("--home-nonce-index", type=int, default=None)
    r.add_argument("--careof-nonce-index", type=int, default=None)
    r.add_argument("--from-home", action="store_true")
    r.add_argument("--checksum-from-coa", action="store_true")
    r.add_argument("--timeout", type=float, default=4.0)
    h = sub.add_parser("hao-no-binding")
    h.add_argument("--hoa", required=True)
    h.add_argument("--coa", required=True)
    h.add_argument("--cn", required=True)
    h.add_argument("--iface", default="eth0")
    h.add_argument("--timeout", type=float, default=4.0)
    h.add_argument("--message", choices=("coti", "hoti"), default="coti")
    args = ap.parse_args()
    {"bu": bu, "responder": responder, "dhaad": dhaad, "mps": mps, "rr": rr,
     "hao-no-binding": hao_no_binding}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())

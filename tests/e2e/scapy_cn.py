"""A correspondent node played by scapy, independent of ours, run inside a test namespace (RFC 6275 §5.2, §9.4, §9.5).

    scapy_cn.py --cn ADDRESS [--iface eth0] --seconds S [--status N]
        for S seconds answers every Home Test Init and Care-of Test Init sent to ADDRESS with a Home Test or Care-of
        Test whose keygen token it makes from its own Kcn and nonce (Python's hmac and hashlib), and every Binding
        Update with a Binding Acknowledgement (status --status, default 0) through a type 2 routing header, signed
        with Kbm, after checking the update's Nonce Indices and its authenticator. Prints {"ready": true} once it
        listens, and at the end one JSON object: what it received and answered, and for each Binding Update whether
        its authenticator verified, with its care-of address and sequence number.

The kernel of the namespace has no Mobile IPv6 (it would answer the Mobility Header with Parameter Problem): the
test drops incoming Mobility Headers and Destination Options in that namespace's nftables prerouting, which runs
after the packet socket scapy reads.
"""
import argparse
import json
import os
import struct
import time

from scapy.all import AsyncSniffer, Ether, conf, sendp

from scapy_mn import (AUTH_LEN, BA_TYPE, BU_TYPE, COT, COTI, HOT, HOTI, MH, OPT_BAD, OPT_NONCE_INDICES, a16,
                      authenticator_of, hmac_sha1, kbm_of, mh_options, mobility_header, padding_to, parse_packet,
                      with_checksum)

conf.verb = 0
ROUTING = 43


def token(kcn, address, nonce, which):
    """§5.2.5: First(64, HMAC_SHA1(Kcn, address | nonce | 0 for home, 1 for care-of))."""
    return hmac_sha1(kcn, a16(address) + nonce + bytes([which]))[:8]


def ipv6(src, dst, nh, payload):
    return struct.pack("!IHBB", 6 << 28, len(payload), nh, 64) + a16(src) + a16(dst) + payload


def type2_routing(home, nh):
    """§6.4: Next Header, Hdr Ext Len 2, Routing Type 2, Segments Left 1, reserved, the home address."""
    return struct.pack("!BBBB4x", nh, 2, 2, 1) + a16(home)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cn", required=True)
    ap.add_argument("--iface", default="eth0")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--status", type=int, default=0)
    args = ap.parse_args()
    kcn = os.urandom(20)
    nonce_index, nonce = 0x2a, os.urandom(8)
    out = {"hoti": 0, "coti": 0, "hot": 0, "cot": 0, "bu": [], "ba": 0}

    def reply(frame, packet):
        sendp(Ether(src=frame.dst, dst=frame.src, type=0x86DD) / packet, iface=args.iface)

    def handle(p):
        d = parse_packet(bytes(p))
        if not d or d.get("dst") != args.cn or "mh" not in d or d["src"] == args.cn:
            return
        mh, kind = d["mh"], d["mh_type"]
        if kind == HOTI and "hao" not in d:
            # §9.4.3: to the home address (the source), the cookie back, the nonce index and the home keygen token.
            out["hoti"] += 1
            hot = mobility_header(HOT, struct.pack("!H", nonce_index) + mh[8:16] + token(kcn, d["src"], nonce, 0))
            reply(p, ipv6(args.cn, d["src"], MH, with_checksum(hot, args.cn, d["src"])))
            out["hot"] += 1
        elif kind == COTI and "hao" not in d:
            out["coti"] += 1
            cot = mobility_header(COT, struct.pack("!H", nonce_index) + mh[8:16] + token(kcn, d["src"], nonce, 1))
            reply(p, ipv6(args.cn, d["src"], MH, with_checksum(cot, args.cn, d["src"])))
            out["cot"] += 1
        elif kind == BU_TYPE:
            home, careof = d.get("hao", d["src"]), d["src"]
            seq, = struct.unpack("!H", mh[6:8])
            opts = {t: (at, data) for t, at, data in mh_options(mh, 12)}
            entry = {"seq": seq, "careof": careof, "home": home, "nonce_indices": None, "authenticator_ok": False}
            out["bu"].append(entry)
            if OPT_NONCE_INDICES not in opts or OPT_BAD not in opts:
                return
            entry["nonce_indices"] = list(struct.unpack("!HH", opts[OPT_NONCE_INDICES][1]))
            at_home = careof == home
            kbm = kbm_of(token(kcn, home, nonce, 0), None if at_home else token(kcn, careof, nonce, 1))
            auth_at = opts[OPT_BAD][0] + 2
            entry["authenticator_ok"] = (authenticator_of(kbm, careof, args.cn, mh, auth_at)
                                         == mh[auth_at:auth_at + AUTH_LEN])
            if not entry["authenticator_ok"]:
                return  # §9.5.1: silently discarded
            lifetime = 0 if at_home else min(struct.unpack("!H", mh[10:12])[0], 105)
            data = struct.pack("!BBHH", args.status, 0, seq, lifetime)
            data += padding_to(6 + len(data), 8, 2) + bytes([OPT_BAD, AUTH_LEN]) + bytes(AUTH_LEN)
            ba = mobility_header(BA_TYPE, data)
            at = len(ba) - AUTH_LEN
            ba = ba[:at] + authenticator_of(kbm, careof, args.cn, ba, at)
            # §9.5.4, §6.4: to the care-of address, the home address in a type 2 routing header (the checksum's
            # final destination), or straight to the home address when the node is at home.
            body = with_checksum(ba, args.cn, home)
            packet = (ipv6(args.cn, home, MH, body) if at_home
                      else ipv6(args.cn, careof, ROUTING, type2_routing(home, MH) + body))
            reply(p, packet)
            out["ba"] += 1

    sniffer = AsyncSniffer(iface=args.iface, prn=handle, store=False)
    sniffer.start()
    time.sleep(0.5)
    print(json.dumps({"ready": True}), flush=True)
    time.sleep(args.seconds)
    sniffer.stop()
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()

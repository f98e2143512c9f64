# Builds Mobile IPv6 packets with Debian's python3-scapy (its own MIPv6 layer, independent of our codec) and prints
# one line "name hex" per packet for ScapyOracleTest. Scapy computes the Mobility Header checksum itself (over the
# home address when a Home Address option is present). Its default lengths of the Nonce Indices and Binding
# Authorization Data options are wrong, so they are set here: 4 and 12.
import logging
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.layers.inet6 import (IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrRouting, HAO, MIP6MH_BRR, MIP6MH_HoTI,
    MIP6MH_CoTI, MIP6MH_HoT, MIP6MH_CoT, MIP6MH_BU, MIP6MH_BA, MIP6MH_BE, MIP6OptNonceIndices,
    MIP6OptBindingAuthData, MIP6OptAltCoA, MIP6OptBRAdvice, MIP6OptMobNetPrefix, ICMPv6HAADRequest,
    ICMPv6HAADReply, ICMPv6MPSol, ICMPv6MPAdv, ICMPv6ND_RA, ICMPv6NDOptHAInfo, ICMPv6NDOptAdvInterval,
    ICMPv6NDOptPrefixInfo)
from scapy.compat import raw

MN, COA, HA, CN = "2001:db8:1::100", "2001:db8:99::100", "2001:db8:1::1", "2001:db8:3::7"
AUTH = int.from_bytes(bytes(range(12)), "big")

packets = {
    "brr": IPv6(src=CN, dst=MN) / MIP6MH_BRR(),
    "hoti": IPv6(src=MN, dst=CN) / MIP6MH_HoTI(cookie=bytes.fromhex("0102030405060708")),
    "coti": IPv6(src=COA, dst=CN) / MIP6MH_CoTI(cookie=bytes.fromhex("1112131415161718")),
    "hot": IPv6(src=CN, dst=MN) / MIP6MH_HoT(index=0x1234, cookie=bytes.fromhex("0102030405060708"), token=bytes.fromhex("2122232425262728")),
    "cot": IPv6(src=CN, dst=COA) / MIP6MH_CoT(index=0x4321, cookie=bytes.fromhex("1112131415161718"), token=bytes.fromhex("3132333435363738")),
    "bu": IPv6(src=COA, dst=CN) / IPv6ExtHdrDestOpt(options=[HAO(hoa=MN)])
          / MIP6MH_BU(seq=258, flags="AHK", mhtime=900,
                      options=[MIP6OptAltCoA(acoa=COA), MIP6OptNonceIndices(olen=4, hni=7, coni=8),
                               MIP6OptBindingAuthData(olen=12, authenticator=AUTH)]),
    "bu_nemo": IPv6(src=COA, dst=HA) / IPv6ExtHdrDestOpt(options=[HAO(hoa=MN)])
          / MIP6MH_BU(seq=9, flags="AHR", mhtime=100, options=[MIP6OptMobNetPrefix(plen=48, prefix="2001:db8:77::")]),
    "ba": IPv6(src=HA, dst=COA) / IPv6ExtHdrRouting(type=2, segleft=1, addresses=[MN])
          / MIP6MH_BA(status=0, flags="K", seq=258, mhtime=900, options=[MIP6OptBRAdvice(rinter=200)]),
    "be": IPv6(src=CN, dst=COA) / MIP6MH_BE(status=2, ha=MN),
    "haad_request": IPv6(src=COA, dst=HA) / ICMPv6HAADRequest(id=0x2222),
    "haad_reply": IPv6(src=HA, dst=COA) / ICMPv6HAADReply(id=0x2222, addresses=[HA]),
    "mps": IPv6(src=COA, dst=HA) / ICMPv6MPSol(id=0x3333),
    "mpa": IPv6(src=HA, dst=COA) / ICMPv6MPAdv(id=0x3333, flags=1) / ICMPv6NDOptPrefixInfo(prefix="2001:db8:1::", prefixlen=64),
    "ra": IPv6(src="fe80::1", dst="ff02::1", hlim=255) / ICMPv6ND_RA(H=1, routerlifetime=1800)
          / ICMPv6NDOptAdvInterval(advint=3000) / ICMPv6NDOptHAInfo(pref=-5 & 0xffff, lifetime=1800),
}
for name, p in packets.items():
    print(name, raw(p).hex())

"""Return-routability cryptography (RFC 6275 §5.2.5, §5.2.6) of mobility.api against Python's hmac and hashlib.

The Python side below is written from the RFC's formulas alone; the Java side is mobility.api's NodeKey,
BindingManagementKey and MobilityHeaderCodec, run by a single-file Java program (java Source.java, on the built
classes) that prints its results for the hex inputs it is given. Known-answer vectors pin the Python side (they are
the RFC formulas evaluated once, also checked with openssl's HMAC), random inputs compare both sides, and a flipped
bit must make Java's verification fail, so neither side can drift alone. No root needed.
"""
import hashlib
import hmac
import os
import secrets
import shutil
import socket
import struct
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLASSES = ROOT / "mobility.api" / "target" / "classes"

JAVA_PROGRAM = r"""
import mobility.api.net.Ipv6Address;
import mobility.api.wire.mh.*;
import mobility.api.wire.rr.*;
import java.util.HexFormat;

public class RrOracle {
    static final HexFormat HEX = HexFormat.of();

    public static void main(String[] a) throws Exception {
        NodeKey kcn = NodeKey.of(HEX.parseHex(a[0]));
        Ipv6Address home = Ipv6Address.parse(a[1]), careOf = Ipv6Address.parse(a[2]), cn = Ipv6Address.parse(a[3]);
        long homeNonce = Long.parseUnsignedLong(a[4], 16), careOfNonce = Long.parseUnsignedLong(a[5], 16);
        int seq = Integer.parseInt(a[6]), flags = Integer.parseInt(a[7]), lifetime = Integer.parseInt(a[8]);
        int homeIndex = Integer.parseInt(a[9]), careOfIndex = Integer.parseInt(a[10]);
        byte[] pythonBu = HEX.parseHex(a[11]);

        long homeToken = kcn.homeKeygenToken(home, homeNonce);
        long careOfToken = kcn.careOfKeygenToken(careOf, careOfNonce);
        BindingManagementKey kbm = BindingManagementKey.of(homeToken, careOfToken);
        out("home_token", String.format("%016x", homeToken));
        out("careof_token", String.format("%016x", careOfToken));
        out("kbm", HEX.formatHex(kbm.octets()));
        out("dereg_kbm", HEX.formatHex(BindingManagementKey.forDeregistration(homeToken).octets()));
        // The authenticator over the octets Python encoded (its Authenticator field at the end).
        out("auth_of_python_bu", HEX.formatHex(kbm.authenticator(careOf, cn, pythonBu, 0, pythonBu.length,
                pythonBu.length - Authenticator.LENGTH).octets()));

        // Java's own Binding Update with the same fields, signed and checksummed as the mobile node sends it.
        MobilityHeaderCodec codec = MobilityHeaderCodec.standard();
        BindingUpdate bu = new BindingUpdate(seq, flags, lifetime, new NonceIndices(homeIndex, careOfIndex),
                BindingAuthorizationData.UNSIGNED);
        byte[] mh = new byte[codec.encodedLength(bu)];
        codec.encodeUnchecksummed(bu, mh, 0);
        kbm.sign(careOf, cn, mh, 0, mh.length);
        MobilityHeaderCodec.fillChecksum(mh, 0, mh.length, home, cn);
        out("java_bu", HEX.formatHex(mh));

        // Java verifying the Binding Update Python signed (with its checksum over the home address).
        MobilityMessage received = codec.decode(pythonBu, 0, pythonBu.length, home, cn);
        out("verifies_python_bu", String.valueOf(kbm.verifies(careOf, cn, pythonBu, 0, pythonBu.length, received)));
        byte[] flipped = pythonBu.clone();
        flipped[flipped.length - 1] ^= 1;
        MobilityMessage tampered = codec.decodeUnverified(flipped, 0, flipped.length);
        out("verifies_flipped_bu", String.valueOf(kbm.verifies(careOf, cn, flipped, 0, flipped.length, tampered)));
    }

    static void out(String key, String value) {
        System.out.println(key + "=" + value);
    }
}
"""


# -- the Python side: RFC 6275 §5.2.5, §5.2.6, §6.1.1, §6.1.7, §6.2.6, §6.2.7 -------------------------------------
def a16(address):
    return socket.inet_pton(socket.AF_INET6, address)


def keygen_token(kcn, address, nonce, which):
    """First(64, HMAC_SHA1(Kcn, address | nonce | 0 (home) or 1 (care-of)))."""
    return hmac.new(kcn, a16(address) + nonce + bytes([which]), hashlib.sha1).digest()[:8]


def kbm_of(home_token, careof_token=b""):
    return hashlib.sha1(home_token + careof_token).digest()


def checksum(src, dst, mh):
    data = a16(src) + a16(dst) + struct.pack("!IxxxB", len(mh), 135) + mh
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def signed_bu(kbm, home, careof, cn, seq, flags, lifetime, home_index, careof_index):
    """A Binding Update: fixed part, Nonce Indices, then Binding Authorization Data at 8n+2 (here 18, no padding
    needed), the authenticator over care-of | correspondent | the header with checksum zero and without the 12
    authenticator octets, then the checksum with the home address as the pseudo-header's source."""
    body = struct.pack("!HHH", seq, flags, lifetime) + struct.pack("!BBHH", 4, 4, home_index, careof_index)
    assert (6 + len(body)) % 8 == 2
    body += bytes([5, 12])
    header = struct.pack("!BBBBH", 59, (6 + len(body) + 12) // 8 - 1, 5, 0, 0) + body
    auth = hmac.new(kbm, a16(careof) + a16(cn) + header, hashlib.sha1).digest()[:12]
    mh = header + auth
    return mh[:4] + struct.pack("!H", checksum(home, cn, mh)) + mh[6:], auth


def java(tmp_path, *args):
    src = tmp_path / "RrOracle.java"
    src.write_text(JAVA_PROGRAM)
    r = subprocess.run(["java", "-cp", str(CLASSES), str(src), *map(str, args)], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    return dict(line.split("=", 1) for line in r.stdout.split())


pytestmark = [
    pytest.mark.skipif(shutil.which("java") is None, reason="no java on PATH"),
    pytest.mark.skipif(not (CLASSES / "mobility" / "api" / "wire" / "rr" / "NodeKey.class").exists(),
                       reason="mobility.api is not built (./mobility build)"),
]


def test_python_side_known_answers():
    """The RFC formulas of this file, pinned: the vector of mobility.api's ReturnRoutabilityTest, computed here."""
    kcn = bytes(range(20))
    home, careof, cn = "2001:db8::1", "2001:db8:2::5", "2001:db8:3::7"
    ht = keygen_token(kcn, home, bytes.fromhex("0102030405060708"), 0)
    ct = keygen_token(kcn, careof, bytes.fromhex("1112131415161718"), 1)
    assert ht.hex() == "8bb9d2addb358948"
    assert ct.hex() == "e007e68705dd688e"
    assert kbm_of(ht, ct).hex() == "561a53a47fab05843cf7d6474849b9b15d6403f6"
    assert kbm_of(ht).hex() == "dba8c66c4a8aaa7a7ec615b7c01f4d7b0df2df55"
    mh, auth = signed_bu(kbm_of(ht, ct), home, careof, cn, 0x0102, 0x8000 | 0x4000 | 0x1000, 0x10, 1, 2)
    assert auth.hex() == "e07b03e06f7b423aff0345c9"
    assert mh[4:6].hex() == "aed3"


FIXED = dict(kcn=bytes(range(20)), home="2001:db8::1", careof="2001:db8:2::5", cn="2001:db8:3::7",
             home_nonce=bytes.fromhex("0102030405060708"), careof_nonce=bytes.fromhex("1112131415161718"),
             seq=0x0102, flags=0x8000 | 0x4000 | 0x1000, lifetime=0x10, home_index=1, careof_index=2)


def random_case():
    return dict(kcn=secrets.token_bytes(20), home="2001:db8:2700::" + secrets.token_hex(2),
                careof="2001:db8:1100:0:" + ":".join(secrets.token_hex(2) for _ in range(4)),
                cn="2001:db8:2300::" + secrets.token_hex(2), home_nonce=os.urandom(8), careof_nonce=os.urandom(8),
                seq=secrets.randbelow(65536), flags=0x8000, lifetime=secrets.randbelow(106),
                home_index=secrets.randbelow(65536), careof_index=secrets.randbelow(65536))


@pytest.mark.parametrize("case", [FIXED] + [random_case() for _ in range(3)], ids=["fixed", "random1", "random2",
                                                                                    "random3"])
def test_java_matches_python(tmp_path, case):
    c = case
    ht = keygen_token(c["kcn"], c["home"], c["home_nonce"], 0)
    ct = keygen_token(c["kcn"], c["careof"], c["careof_nonce"], 1)
    kbm = kbm_of(ht, ct)
    mh, auth = signed_bu(kbm, c["home"], c["careof"], c["cn"], c["seq"], c["flags"], c["lifetime"],
                         c["home_index"], c["careof_index"])
    j = java(tmp_path, c["kcn"].hex(), c["home"], c["careof"], c["cn"], c["home_nonce"].hex(),
             c["careof_nonce"].hex(), c["seq"], c["flags"], c["lifetime"], c["home_index"], c["careof_index"],
             mh.hex())
    assert j["home_token"] == ht.hex()
    assert j["careof_token"] == ct.hex()
    assert j["kbm"] == kbm.hex()
    assert j["dereg_kbm"] == kbm_of(ht).hex()
    assert j["auth_of_python_bu"] == auth.hex()
    assert j["java_bu"] == mh.hex(), "Java's signed Binding Update differs from the one written from the RFC"
    assert j["verifies_python_bu"] == "true"
    assert j["verifies_flipped_bu"] == "false"
    # The home and care-of tokens must not be interchangeable (the 0/1 octet).
    assert keygen_token(c["kcn"], c["home"], c["home_nonce"], 1) != ht

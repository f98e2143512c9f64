"""./mobility pcap as a user runs it: the launcher's JVM, its options and its class archive never change the lines."""
import glob
import os
import socket
import struct
import subprocess

import pytest

from conftest import ROOT, mobility

WIRE = ROOT / "mobility.wire" / "target"
# The static class-data archive of a JDK before 25, the AOT cache of JDK 25 and later.
ARCHIVES = {"jsa": WIRE / "pcap-classes.jsa", "aot": WIRE / "pcap-classes.aot"}
# The JVMs the launcher may run: its own choice, and each JDK installed, named by MOBILITY_PCAP_JAVA.
JVMS = [None] + sorted(glob.glob("/usr/lib/jvm/*/bin/java"))


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def binding_update(src: str, dst: str, sequence: int) -> bytes:
    """IPv6 + Mobility Header Binding Update (RFC 6275 §6.1.7), A flag, padded with PadN to 16 octets."""
    s, d = socket.inet_pton(socket.AF_INET6, src), socket.inet_pton(socket.AF_INET6, dst)
    mh = bytearray(struct.pack("!BBBBH", 59, 1, 5, 0, 0) + struct.pack("!HHH", sequence, 0x8000, 100) + b"\x01\x02\0\0")
    pseudo = s + d + struct.pack("!I", len(mh)) + b"\0\0\0" + bytes([135])
    mh[4:6] = struct.pack("!H", checksum(pseudo + bytes(mh)))
    return struct.pack("!IHBB", 6 << 28, len(mh), 135, 64) + s + d + bytes(mh)


def write_pcap(path, packets):
    """Raw-IPv6 pcap (link type 101); a packet given as (bytes, cut) is recorded with only `cut` octets."""
    out = bytearray(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))
    for i, p in enumerate(packets):
        data, cut = p if isinstance(p, tuple) else (p, len(p))
        out += struct.pack("<IIII", 1_700_000_000 + i, 0, cut, len(data)) + data[:cut]
    path.write_bytes(bytes(out))


def plain_java(*args):
    cp = f"{WIRE / 'mobility.wire-0.1.0-SNAPSHOT.jar'}:{ROOT / 'mobility.api' / 'target' / 'mobility.api-0.1.0-SNAPSHOT.jar'}"
    return subprocess.run(["java", "-cp", cp, "mobility.wire.PcapCommand", *args], capture_output=True, text=True,
                          timeout=120)


def feature(java):
    """The JDK's feature release (17, 25) from its release file."""
    for line in open(os.path.join(os.path.dirname(os.path.dirname(java)), "release")):
        if line.startswith('JAVA_VERSION="'):
            return int(line.split('"')[1].split(".")[0])
    return 0


@pytest.mark.parametrize("java", JVMS)
def test_pcap_lines_are_those_of_the_plain_program_before_and_after_the_class_archive(tmp_path, java):
    good = binding_update("2001:db8:99::100", "2001:db8:1::1", 258)
    file = tmp_path / "bu.pcap"
    write_pcap(file, [good, binding_update("2001:db8:99::101", "2001:db8:1::1", 259), (good, 50)])
    env = dict(os.environ, MOBILITY_PCAP_JAVA=java) if java else None
    for a in ARCHIVES.values():
        a.unlink(missing_ok=True)
    for args in ([str(file)], ["--json", str(file)]):
        first = mobility("pcap", *args, env=env)
        second = mobility("pcap", *args, env=env)
        expected = plain_java(*args)
        assert expected.returncode == 0, expected.stderr
        assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
        # Three frames, the cut one shown with its error; nothing of the JVM's among them.
        assert len(expected.stdout.splitlines()) == 3, expected.stdout
        assert "Binding Update" in expected.stdout and "sequenceNumber" in expected.stdout
        assert first.stdout == expected.stdout
        assert second.stdout == expected.stdout
        if java:
            assert ARCHIVES["aot" if feature(java) >= 25 else "jsa"].is_file()
        else:
            assert any(a.is_file() for a in ARCHIVES.values())
        assert "3 frames" in second.stderr

"""Runs INSIDE the guest (started by conftest.py through ./mobility vm): one boot, every kernel check.

Each check prints one line '@@check {json}' with its name, whether it passed, and the commands it ran
with their output, so the host-side tests can assert on each separately and show what the guest said.
The kernel state each check creates (links, XFRM states, namespaces) lives only in this guest, which is
powered off afterwards; the addresses are from the documentation prefix 2001:db8::/32.
"""
import json
import os
import shlex
import subprocess
import sys
import time


def emit(tag, payload):
    # One line per record, flushed at once: the host reads them as they come (that is the streaming check).
    sys.stdout.write(f"@@{tag} {json.dumps(payload)}\n")
    sys.stdout.flush()


def sh(cmd, timeout=60):
    """Runs a command line; returns (rc, combined output). Under TCG every exec costs 40-250 ms, so a line
    without pipes or redirections runs directly rather than through /bin/sh."""
    lexer = shlex.shlex(cmd, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    tokens = list(lexer)
    if any(t and all(c in "();<>|&" for c in t) for t in tokens) or "$" in cmd or "`" in cmd:
        argv = ["/bin/sh", "-c", cmd]
    else:
        argv = tokens
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout)
    return p.returncode, p.stdout


def check(name, steps, expect=()):
    """Runs the command lines in order, stopping at the first failure; each (text, cmd) in expect must then
    find text in the output of cmd (or, when text is a function, that function must accept the output)."""
    log = []
    ok = True
    t0 = time.monotonic()
    for cmd in steps:
        t1 = time.monotonic()
        rc, out = sh(cmd)
        log.append({"cmd": cmd, "rc": rc, "out": out, "seconds": round(time.monotonic() - t1, 3)})
        if rc != 0:
            ok = False
            break
    if ok:
        for text, cmd in expect:
            t1 = time.monotonic()
            rc, out = sh(cmd)
            passed = text(out) if callable(text) else text in out
            log.append({"cmd": cmd, "rc": rc, "out": out, "seconds": round(time.monotonic() - t1, 3),
                        "expect": text.__doc__ if callable(text) else text})
            if rc != 0 or not passed:
                ok = False
                break
    emit("check", {"name": name, "ok": ok, "seconds": round(time.monotonic() - t0, 3), "log": log})


def tunnel_counted(out):
    """t6 counted >= 3 packets each way"""
    stats = json.loads(out)[0]["stats64"]
    return stats["rx"]["packets"] >= 3 and stats["tx"]["packets"] >= 3


def main():
    # Streaming: two marks two seconds apart; the host checks it saw the first well before the second.
    emit("stream", {"mark": 1})
    time.sleep(2)
    emit("stream", {"mark": 2})

    check("uname", [], expect=[("Debian 6.1.", "uname -v"), ("6.1.0-", "uname -r")])

    check("environment", [], expect=[
        (os.environ.get("VM_TEST_CWD", "?"), "pwd"),
        ("uid=0(root)", "id"),
        # Writable: the guest's own /tmp, and the repository through the RAM overlay (the host's stays as is).
        ("tmp-ok", "echo tmp-ok > /tmp/vm-probe && cat /tmp/vm-probe"),
        ("repo-ok", "mkdir -p target && echo repo-ok > target/vm-overlay-probe && cat target/vm-overlay-probe"),
        # The host's view is read-only underneath, the loopback link is up.
        ("UP", "ip link show lo"),
    ])

    check("ip6ip6", [
        "ip -6 tunnel add vmt6 mode ip6ip6 local 2001:db8:1::1 remote 2001:db8:1::2",
    ], expect=[("ipv6/ipv6", "ip -6 tunnel show vmt6"), ("ip6tnl", "ip -d link show vmt6")])

    check("xfrm-route2", [
        "ip xfrm state add src 2001:db8:1::1 dst 2001:db8:1::2 proto route2 coa 2001:db8:2::2 mode ro",
    ], expect=[("proto route2", "ip xfrm state list")])

    check("xfrm-hao", [
        "ip xfrm state add src 2001:db8:1::1 dst 2001:db8:1::2 proto hao coa 2001:db8:2::1 mode ro",
        "ip xfrm policy add src 2001:db8:1::1/128 dst 2001:db8:1::2/128 proto 135 dir out "
        "tmpl src 2001:db8:1::1 dst 2001:db8:1::2 proto hao mode ro level use",
    ], expect=[("proto hao", "ip xfrm state list"), ("proto hao", "ip xfrm policy list")])

    # ESP with real ciphers, proven on traffic: transport-mode SAs and policies between two namespaces,
    # pings, then the SA's packet counter and the ESP frames on the veth must both show it.
    key_enc = "0x" + "11" * 16
    key_auth = "0x" + "22" * 32
    gcm = "0x" + "33" * 20
    esp = [
        "ip netns add esp-a", "ip netns add esp-b",
        "ip link add ea netns esp-a type veth peer eb netns esp-b",
        "ip -n esp-a addr add 2001:db8:e::a/64 dev ea nodad", "ip -n esp-b addr add 2001:db8:e::b/64 dev eb nodad",
        "ip -n esp-a link set ea up", "ip -n esp-b link set eb up",
    ]
    for ns in ("esp-a", "esp-b"):
        esp += [
            f"ip -n {ns} xfrm state add src 2001:db8:e::a dst 2001:db8:e::b proto esp spi 0x1001 mode transport "
            f"enc 'cbc(aes)' {key_enc} auth-trunc 'hmac(sha256)' {key_auth} 128",
            f"ip -n {ns} xfrm state add src 2001:db8:e::b dst 2001:db8:e::a proto esp spi 0x1002 mode transport "
            f"aead 'rfc4106(gcm(aes))' {gcm} 128",
        ]
    esp += [
        "ip -n esp-a xfrm policy add src 2001:db8:e::a dst 2001:db8:e::b proto ipv6-icmp type 128 dir out "
        "tmpl proto esp spi 0x1001 mode transport",
        "ip -n esp-b xfrm policy add src 2001:db8:e::b dst 2001:db8:e::a proto ipv6-icmp type 129 dir out "
        "tmpl proto esp spi 0x1002 mode transport",
        "ip netns exec esp-a ping -6 -n -c 3 -i 0.2 -W 2 2001:db8:e::b",
    ]
    check("esp", esp, expect=[
        ("enc cbc(aes)", "ip -n esp-a xfrm state list"),
        ("aead rfc4106(gcm(aes))", "ip -n esp-a xfrm state list"),
        # 3 echo requests out under SPI 0x1001 in esp-a; 3 replies decrypted under 0x1002.
        ("3(packets)", "ip -n esp-a -s xfrm state list spi 0x1001 | tr -d ' ' | grep -o '[0-9][0-9]*(packets)' | head -1"),
        ("3(packets)", "ip -n esp-a -s xfrm state list spi 0x1002 | tr -d ' ' | grep -o '[0-9][0-9]*(packets)' | head -1"),
    ])

    # Two namespaces reach each other's inner addresses only through an ip6ip6 tunnel over a veth pair.
    tun = [
        "ip netns add tn-a", "ip netns add tn-b",
        "ip link add va netns tn-a type veth peer vb netns tn-b",
        "ip -n tn-a addr add 2001:db8:1::1/64 dev va nodad", "ip -n tn-b addr add 2001:db8:1::2/64 dev vb nodad",
        "ip -n tn-a link set va up", "ip -n tn-b link set vb up", "ip -n tn-a link set lo up", "ip -n tn-b link set lo up",
        "ip -n tn-a -6 tunnel add t6 mode ip6ip6 local 2001:db8:1::1 remote 2001:db8:1::2",
        "ip -n tn-b -6 tunnel add t6 mode ip6ip6 local 2001:db8:1::2 remote 2001:db8:1::1",
        "ip -n tn-a link set t6 up", "ip -n tn-b link set t6 up",
        "ip -n tn-a addr add 2001:db8:100::1/128 dev t6 nodad", "ip -n tn-b addr add 2001:db8:100::2/128 dev t6 nodad",
        "ip -n tn-a -6 route add 2001:db8:100::2/128 dev t6", "ip -n tn-b -6 route add 2001:db8:100::1/128 dev t6",
        "ip netns exec tn-a ping -6 -n -c 3 -i 0.2 -W 2 -I 2001:db8:100::1 2001:db8:100::2",
    ]
    check("ip6ip6-ping", tun, expect=[
        # The only route to the peer's inner address is the tunnel, so the ping above crossed it; its counters
        # must show at least the 3 requests and 3 replies (router solicitations and MLD reports cross it too).
        (tunnel_counted, "ip -n tn-a -s -j link show t6"),
        ("3 packets transmitted, 3 received", "ip netns exec tn-b ping -6 -n -c 3 -i 0.2 -W 2 2001:db8:100::1"),
    ])

    # The host's JDK in the guest, timed: JVM start under TCG is the cost every Java test in here pays.
    t0 = time.monotonic()
    rc, out = sh("java -version 2>&1")
    seconds = round(time.monotonic() - t0, 3)
    emit("check", {"name": "java", "ok": rc == 0 and "version" in out, "seconds": seconds,
                   "log": [{"cmd": "java -version", "rc": rc, "out": out}]})
    return 0


if __name__ == "__main__":
    sys.exit(main())

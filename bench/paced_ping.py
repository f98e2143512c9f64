#!/usr/bin/env python3
"""Echo requests to an IPv6 address at a fixed pace, whether or not replies come back, printing one line per reply
in `ping -D`'s form: `[EPOCH] 64 bytes from ADDR: icmp_seq=N time=T ms` (N counts from 1 and does not wrap).

Why not iputils ping: with an interval under its 10 ms scheduling tick, ping sleeps 10 ms whenever a reply is
outstanding (its MININTERVAL), so while a handover loses packets it sends one every 10 ms instead of every interval,
and the first packet through a new path can only come up to 10 ms after the path is there. The bench's resolution
is the interval it asks for only if the correspondent keeps sending at that interval."""
import argparse
import os
import socket
import struct
import sys
import threading
import time

ECHO_REQUEST, ECHO_REPLY = 128, 129


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("address")
    ap.add_argument("--interval-ms", type=float, default=1.0)
    args = ap.parse_args()
    interval = args.interval_ms / 1000
    ident = os.getpid() & 0xffff
    # A raw ICMPv6 socket: the kernel fills in the checksum (RFC 3542 §3.1) and hands over every ICMPv6 message.
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    payload = bytes(56)
    sent_at = {}
    last = [0]
    out = sys.stdout

    def receive():
        while True:
            data, (src, *_rest) = s.recvfrom(2048)
            now = time.time()
            if len(data) < 8 or data[0] != ECHO_REPLY:
                continue
            rid, wire_seq = struct.unpack("!HH", data[4:8])
            if rid != ident:
                continue
            n = last[0] - ((last[0] - wire_seq) & 0xffff)
            t = sent_at.pop(n, None)
            rtt = f" time={(now - t) * 1000:.3f} ms" if t else ""
            out.write(f"[{now:.6f}] {len(data)} bytes from {src}: icmp_seq={n}{rtt}\n")
            out.flush()

    threading.Thread(target=receive, daemon=True).start()
    n = 0
    due = time.monotonic()
    while True:
        n += 1
        last[0] = n
        sent_at[n] = time.time()
        sent_at.pop(n - 4096, None)
        try:
            s.sendto(struct.pack("!BBHHH", ECHO_REQUEST, 0, 0, ident, n & 0xffff) + payload, (args.address, 0))
        except OSError:
            pass  # no route for a moment: the request counts as lost, as ping's would
        # An absolute schedule: a late wake-up does not shift every later request, and a missed slot is not made up
        # by a burst.
        due = max(due + interval, time.monotonic())
        time.sleep(max(0.0, due - time.monotonic()))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass

"""A TCP connection that must survive the mobile node's moves.

    tcp_echo.py server ADDRESS PORT          echoes every line back (run on the mobile node, bound to its home address)
    tcp_echo.py client ADDRESS PORT SECONDS  sends a numbered line every 50 ms and reads the echo; at the end (after
                                             SECONDS, or at SIGTERM) prints JSON: lines sent and echoed, the longest
                                             wait for an echo, and whether the connection broke
"""
import json
import os
import signal
import socket
import sys
import time


def server(address, port):
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((address, port))
    s.listen(1)
    while True:
        c, _ = s.accept()
        with c:
            f = c.makefile("rwb", buffering=0)
            for line in f:
                f.write(line)


def client(address, port, seconds):
    # An echo may wait while the home agent restarts (seconds here, a minute or more under software emulation,
    # where MOBILITY_TIMEOUT_SCALE is set): only a wait beyond that counts as the connection broken.
    c = socket.create_connection((address, port), timeout=30 * float(os.environ.get("MOBILITY_TIMEOUT_SCALE", "1")))
    f = c.makefile("rwb", buffering=0)
    sent = echoed = 0
    longest = 0.0
    broken = None
    end = time.time() + seconds
    stop = []
    # The test ends the client when the walk is done, however long the walk took (slower under emulation).
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    try:
        while time.time() < end and not stop:
            t0 = time.time()
            f.write(f"{sent}\n".encode())
            sent += 1
            line = f.readline()
            if not line:
                broken = "connection closed"
                break
            echoed += 1
            longest = max(longest, time.time() - t0)
            time.sleep(0.05)
    except OSError as e:
        broken = str(e)
    print(json.dumps({"sent": sent, "echoed": echoed, "longest_wait_s": round(longest, 3), "broken": broken}))


if __name__ == "__main__":
    if sys.argv[1] == "server":
        server(sys.argv[2], int(sys.argv[3]))
    else:
        client(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))

#!/usr/bin/env python3
"""`./mobility bench ha --sockets`: home registrations per second over real sockets between two network namespaces.

A real home agent container (./mobility --conf DIR) runs in one namespace with a home link (h0) and a link towards
the visited network (v0); the other namespace plays COUNT mobile nodes with the C sender (ha_sockets_sender.c):
home addresses on the home prefix, care-of addresses on the visited link, a window of outstanding Binding Updates,
every Binding Acknowledgement counted by status. Phases, for each kernel batch size asked for (1 = one binding's
kernel updates at a time): new bindings (the full kernel work: proxy neighbour entry, tunnel routes and rules, store),
then refreshes of the same bindings (no kernel change). The home agent's CPU is read from /proc for each phase.
Prints figures; --json one JSON document."""
import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(os.environ.get("MOBILITY_ROOT") or Path(__file__).resolve().parents[1])
MOBILITY = str(ROOT / "mobility")
HA = "2001:db8:10::1"
PREFIX = "2001:db8:10::"
VISITED_HA = "2001:db8:20::1"
ACCESS_ROUTER = "2001:db8:20::2"
# The care-of addresses sit behind the access router (the sender's namespace), as mobile nodes on foreign links
# do: the home agent has one neighbour there, not one per mobile node (its neighbour table holds 1024 by default).
VISITED = "2001:db8:30::"
COA_BASE = "2001:db8:30::1000"
# Mobile node i has home address PREFIX::(FIRST_HOME_ADDRESS + i), clear of the home agent's own ::1.
FIRST_HOME_ADDRESS = 0x10000
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def sh(*cmd, check=True, **kw):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=check, **kw)


def compile_sender(work):
    """The sender is C (a Java or Python sender cannot keep a home agent busy on 2 cores); gcc comes from Debian."""
    if shutil.which("gcc") is None:
        print("bench ha --sockets: installing gcc (apt-get install gcc) to build the sender ...", file=sys.stderr)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
        installed = subprocess.run(["apt-get", "install", "-y", "-qq", "gcc"], env=env, capture_output=True, text=True)
        if installed.returncode != 0:
            sys.exit(f"bench ha --sockets: gcc is needed to build the sender and could not be installed: "
                     f"{installed.stderr.strip()}")
    binary = work / "sender"
    sh("gcc", "-O2", "-o", binary, ROOT / "bench" / "ha_sockets_sender.c")
    return binary


class Bed:
    """Two namespaces joined by a home link and a visited link; removed on close, also after a failure."""

    def __init__(self, work):
        tag = secrets.token_hex(3)
        self.ha, self.mn = f"bhs{tag}-ha", f"bhs{tag}-mn"
        self.work = work
        self.container = None
        try:
            self.build()
        except BaseException:
            self.close()
            raise

    def build(self):
        for ns in (self.ha, self.mn):
            sh("ip", "netns", "add", ns)
        for ns in (self.ha, self.mn):
            sh("ip", "-n", ns, "link", "set", "lo", "up")
            for key in ("all.accept_dad", "default.accept_dad", "all.accept_ra", "default.accept_ra"):
                sh("ip", "netns", "exec", ns, "sysctl", "-qw", f"net.ipv6.conf.{key}=0")
        sh("ip", "-n", self.ha, "link", "add", "h0", "type", "veth", "peer", "name", "h1", "netns", self.mn)
        sh("ip", "-n", self.ha, "link", "add", "v0", "type", "veth", "peer", "name", "v1", "netns", self.mn)
        for ns, a, b in ((self.ha, "h0", "v0"), (self.mn, "h1", "v1")):
            sh("ip", "-n", ns, "link", "set", a, "up")
            sh("ip", "-n", ns, "link", "set", b, "up")
        sh("ip", "-n", self.ha, "-6", "addr", "add", HA + "/64", "dev", "h0", "nodad")
        sh("ip", "-n", self.ha, "-6", "addr", "add", VISITED_HA + "/64", "dev", "v0", "nodad")
        # The acknowledgements carry a type 2 routing header that this kernel answers with Parameter Problem; the
        # packet socket sees them before this rule drops them.
        sh("ip", "netns", "exec", self.mn, "nft", "-f", "-", input="table inet bench {\n chain pre {\n type filter hook "
           "prerouting priority raw; policy accept;\n rt type 2 drop\n }\n}\n")

    def care_of_addresses(self, count):
        lines = "".join(f"address add {address_plus(COA_BASE, i)}/128 dev lo nodad\n" for i in range(count + 1))
        sh("ip", "-n", self.mn, "-6", "-batch", "-", input=lines)
        sh("ip", "-n", self.mn, "-6", "addr", "add", ACCESS_ROUTER + "/64", "dev", "v1", "nodad")
        sh("ip", "-n", self.mn, "-6", "route", "add", PREFIX + "/64", "via", VISITED_HA, "dev", "v1")
        sh("ip", "-n", self.ha, "-6", "route", "add", VISITED + "/64", "via", ACCESS_ROUTER, "dev", "v0")

    def start(self, name, config, provider):
        conf = self.work / name / "load"
        conf.mkdir(parents=True)
        (conf / "mobility.ha.cfg").write_text(config)
        if provider:
            (conf / "mobility.tunnel.cfg").write_text(f"provider = {provider}\n")
        self.log = open(self.work / f"{name}.log", "w")
        self.container = subprocess.Popen(["ip", "netns", "exec", self.ha, MOBILITY, "--conf", str(conf)],
                                          stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
                                          start_new_session=True)
        sock = conf.parent / "load.state" / "command.sock"
        deadline = time.time() + 120
        while not sock.exists():
            if self.container.poll() is not None or time.time() > deadline:
                raise RuntimeError("the home agent container did not come up: "
                                   + (self.work / f"{name}.log").read_text()[-2000:])
            time.sleep(0.1)
        return conf

    def java_pid(self):
        for pid in sh("ip", "netns", "pids", self.ha).stdout.split():
            try:
                if Path(f"/proc/{pid}/comm").read_text().strip() == "java":
                    return int(pid)
            except OSError:
                pass
        raise RuntimeError("no java process in the home agent's namespace")

    def stop(self):
        if self.container is not None:
            os.killpg(self.container.pid, signal.SIGTERM)
            try:
                self.container.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.container.pid, signal.SIGKILL)
                self.container.wait()
            self.container = None
            self.log.close()

    def close(self):
        try:
            self.stop()
        finally:
            for ns in (self.ha, self.mn):
                subprocess.run(["ip", "netns", "del", ns], capture_output=True)


def address_plus(base, n):
    import ipaddress
    return str(ipaddress.IPv6Address(int(ipaddress.IPv6Address(base)) + n))


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def send(bed, sender, first, count, coas, window, seq, lifetime_units, pid, coa_base=COA_BASE):
    cpu = cpu_seconds(pid)
    wall = time.monotonic()
    r = sh("ip", "netns", "exec", bed.mn, sender, "v1", HA, PREFIX, first, count, coa_base, coas, window, seq,
           lifetime_units, 20000, 60000, check=False, timeout=3600)
    wall = time.monotonic() - wall
    if not r.stdout.strip():
        raise RuntimeError(f"sender failed: {r.stderr}")
    doc = json.loads(r.stdout.strip().splitlines()[-1])
    doc["ha_cpu_percent"] = round(100 * (cpu_seconds(pid) - cpu) / wall, 1)
    return doc


def counters(conf):
    r = sh(MOBILITY, "--conf", conf, "-c", "mip:stats --json", check=False)
    return json.loads(r.stdout).get("home-agent", {}) if r.returncode == 0 else {}


def main():
    ap = argparse.ArgumentParser(prog="./mobility bench ha --sockets")
    ap.add_argument("--sockets", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--bindings", type=int, default=5000)
    ap.add_argument("--care-of-addresses", type=int, default=0,
                    help="distinct care-of addresses (default: one per mobile node)")
    ap.add_argument("--window", type=int, default=256)
    ap.add_argument("--batch", default="1,256", help="kernel batch sizes to compare (1 = no batching)")
    ap.add_argument("--provider", default="", help="tunnel provider (mobility.tunnel provider); default: the best")
    ap.add_argument("--dad", action="store_true", help="Duplicate Address Detection on (dadTimeoutMillis = 300)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("bench ha --sockets creates network namespaces: run it as root")
    work = Path(tempfile.mkdtemp(prefix="mobility-bench-ha-sockets-"))
    results = []
    bed = None
    try:
        sender = compile_sender(work)
        args.care_of_addresses = args.care_of_addresses or args.bindings
        bed = Bed(work)
        bed.care_of_addresses(args.care_of_addresses)
        for batch in [int(b) for b in args.batch.split(",")]:
            config = (f"homeLinks = h0\nmaxBindingLifetime = 3600\nkernelBatchSize = {batch}\n"
                      f"duplicateAddressDetection = {'true' if args.dad else 'false'}\ndadTimeoutMillis = 300\n")
            conf = bed.start(f"batch{batch}", config, args.provider)
            pid = bed.java_pid()
            # One registration of its own (home and care-of address apart from the others): the home agent answers.
            warm = send(bed, sender, 0xfff00000, 1, 1, 1, 1, 900, pid, address_plus(COA_BASE, args.care_of_addresses))
            if warm["acknowledged"] != 1:
                raise RuntimeError(f"the home agent does not answer: {warm}")
            new = send(bed, sender, FIRST_HOME_ADDRESS, args.bindings, args.care_of_addresses, args.window, 100, 900, pid)
            refresh = send(bed, sender, FIRST_HOME_ADDRESS, args.bindings, args.care_of_addresses, args.window, 1000, 900, pid)
            stats = counters(conf)
            results.append({"kernel_batch_size": batch, "new": new, "refresh": refresh,
                            "bindings_in_cache": stats.get("bindings"),
                            "kernel_batches": stats.get("kernel.batches"),
                            "kernel_batched_changes": stats.get("kernel.batched"),
                            "forwarding_errors": stats.get("forwarding.error")})
            bed.stop()
            if not args.json:
                print(f"  batch {batch}: new {new['per_second']}/s, refresh {refresh['per_second']}/s", file=sys.stderr)
    finally:
        if bed is not None:
            bed.close()
        if os.environ.get("MOBILITY_BENCH_KEEP"):
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    doc = {"benchmark": "ha-sockets", "bindings": args.bindings, "tunnel_provider": args.provider or "best available",
           "care_of_addresses": args.care_of_addresses,
           "window": args.window, "duplicate_address_detection": args.dad, "runs": results,
           "loadavg": Path("/proc/loadavg").read_text().split()[:3],
           "note": "registrations/s = acknowledged Binding Updates / seconds from the first send to the last "
                   "acknowledgement; new = first registrations (proxy ND entry, tunnel, store), refresh = the same "
                   "bindings again with a newer sequence number; ha_cpu_percent = the home agent JVM's user+system "
                   "CPU over the phase's wall time (200 = both cores)"}
    if args.json:
        print(json.dumps(doc, indent=2))
    else:
        print(f"home registrations over sockets: {args.bindings} mobile nodes, {args.care_of_addresses} care-of "
              f"addresses, window {args.window}, DAD {'on' if args.dad else 'off'}, tunnels {doc['tunnel_provider']}; "
              f"load {doc['loadavg']}")
        for r in results:
            for phase in ("new", "refresh"):
                p = r[phase]
                print(f"  kernel batch {r['kernel_batch_size']:>4}  {phase:<8} {p['per_second']:>8} /s  "
                      f"acked {p['acknowledged']}/{p['sent']} status {p['status']}  retransmitted "
                      f"{p['retransmitted']}  HA CPU {p['ha_cpu_percent']}%")
            print(f"                     {r['kernel_batched_changes']} binding changes in {r['kernel_batches']} kernel "
                  f"batches, {r['bindings_in_cache']} bindings, forwarding errors {r['forwarding_errors']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

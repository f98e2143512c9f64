"""The test bed of the Linux Mobile IPv6 HOWTO (shared/seeds), in network namespaces of this machine.

    home link 2001:db8:2700::/64   HA ::2 (radvd, H flag), R ::1, MN at home (home address ::4)
    internet  2001:db8:2300::/64   R ::2, AR ::1, AR2 ::3, CN ::c
    visitnet  2001:db8:1100::/64   AR ::1 (radvd)
    visitnet2 2001:db8:1000::/64   AR2 ::1 (radvd)

The HOWTO's fec0:106:… site-local prefixes become 2001:db8:… documentation prefixes with the same digits. Each
link is a bridge in a "switch" namespace; every node's interface is a veth whose other end sits on a bridge. A move
of the mobile node re-plugs its cable: its peer goes down, to another bridge, and up again, so the node sees its
carrier drop and come back, as with a change of wireless network. Every name carries a random tag, so two test beds
never share a namespace, and close() removes everything, also after a failure.
"""
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MOBILITY = str(ROOT / "mobility")

HOME = "2001:db8:2700::/64"
NET = "2001:db8:2300::/64"
VISIT = "2001:db8:1100::/64"
VISIT2 = "2001:db8:1000::/64"
HA_ADDR = "2001:db8:2700::2"
R_HOME = "2001:db8:2700::1"
R_NET = "2001:db8:2300::2"
AR_NET = "2001:db8:2300::1"
AR2_NET = "2001:db8:2300::3"
CN_ADDR = "2001:db8:2300::c"
HOME_ADDRESS = "2001:db8:2700::4"
LINKS = {"home": HOME, "visit": VISIT, "visit2": VISIT2}
# Waits for containers are stretched by this factor where everything runs slower (qemu under software emulation).
SCALE = float(os.environ.get("MOBILITY_TIMEOUT_SCALE", "1"))


def run(*cmd, check=True, capture=True, timeout=60):
    r = subprocess.run([str(c) for c in cmd], capture_output=capture, text=True, timeout=timeout)
    if check and r.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({r.returncode}): {r.stderr.strip()}")
    return r


class Testbed:
    __test__ = False  # a fixture, not a test class
    def __init__(self, radvd_interval=(0.05, 0.1)):
        self.tag = "mt" + secrets.token_hex(3)
        self.dir = Path(tempfile.mkdtemp(prefix=f"mobility-{self.tag}-"))
        self.processes = []
        self.namespaces = []
        self.radvd_interval = radvd_interval
        self.mn_link = None
        self.containers = {}

    # -- names ------------------------------------------------------------------------------------------------
    def ns(self, node):
        return f"{self.tag}-{node}"

    def sh(self, node, *cmd, check=True, timeout=60):
        return run("ip", "netns", "exec", self.ns(node), *cmd, check=check, timeout=timeout)

    # -- building -----------------------------------------------------------------------------------------------
    def build(self):
        for node in ("sw", "ha", "r", "ar", "ar2", "mn", "cn"):
            run("ip", "netns", "add", self.ns(node))
            self.namespaces.append(self.ns(node))
            self.sh(node, "ip", "link", "set", "lo", "up")
            self.sysctl(node, "net.ipv6.conf.all.accept_dad", "0")
            self.sysctl(node, "net.ipv6.conf.default.accept_dad", "0")
            if node != "mn":
                # HOWTO §4.2.1: the home agent and the routers neither autoconfigure nor accept advertisements.
                for key in ("accept_ra", "autoconf"):
                    self.sysctl(node, f"net.ipv6.conf.all.{key}", "0")
                    self.sysctl(node, f"net.ipv6.conf.default.{key}", "0")
        for bridge in ("home", "net", "visit", "visit2"):
            self.sh("sw", "ip", "link", "add", f"br-{bridge}", "type", "bridge", "forward_delay", "0")
            self.sh("sw", "ip", "link", "set", f"br-{bridge}", "up")
        self.plug("ha", "eth0", "home", f"{HA_ADDR}/64")
        self.plug("r", "eth0", "net", f"{R_NET}/64")
        self.plug("r", "eth1", "home", f"{R_HOME}/64")
        self.plug("ar", "eth0", "net", f"{AR_NET}/64")
        self.plug("ar", "eth1", "visit", "2001:db8:1100::1/64")
        self.plug("ar2", "eth0", "net", f"{AR2_NET}/64")
        self.plug("ar2", "eth1", "visit2", "2001:db8:1000::1/64")
        self.plug("cn", "eth0", "net", f"{CN_ADDR}/64")
        # The mobile node keeps accepting router advertisements and forms addresses from them (HOWTO §4.2.1).
        self.sysctl("mn", "net.ipv6.conf.default.accept_ra", "1")
        self.sysctl("mn", "net.ipv6.conf.default.autoconf", "1")
        self.plug("mn", "eth0", "home", None)
        self.sysctl("mn", "net.ipv6.conf.eth0.accept_ra", "1")
        self.sysctl("mn", "net.ipv6.conf.eth0.autoconf", "1")
        self.sysctl("mn", "net.ipv6.conf.eth0.forwarding", "0")
        self.mn_link = "home"
        for router in ("r", "ar", "ar2"):
            self.sysctl(router, "net.ipv6.conf.all.forwarding", "1")
        self.sh("ha", "ip", "-6", "route", "add", "default", "via", R_HOME)
        self.sh("r", "ip", "-6", "route", "add", VISIT, "via", AR_NET)
        self.sh("r", "ip", "-6", "route", "add", VISIT2, "via", AR2_NET)
        self.sh("ar", "ip", "-6", "route", "add", "default", "via", R_NET)
        self.sh("ar2", "ip", "-6", "route", "add", "default", "via", R_NET)
        self.sh("cn", "ip", "-6", "route", "add", "default", "via", R_NET)
        self.radvd("ar", "eth1", VISIT, home_agent=False)
        self.radvd("ar2", "eth1", VISIT2, home_agent=False)
        self.radvd("ha", "eth0", HOME, home_agent=True)
        return self

    def sysctl(self, node, key, value):
        self.sh(node, "sysctl", "-qw", f"{key}={value}")

    def plug(self, node, ifname, bridge, address):
        peer = f"{node}{ifname[-1]}"
        run("ip", "link", "add", f"{self.tag}{peer}", "type", "veth", "peer", "name", f"{self.tag}p{peer}")
        run("ip", "link", "set", f"{self.tag}{peer}", "netns", self.ns(node))
        run("ip", "link", "set", f"{self.tag}p{peer}", "netns", self.ns("sw"))
        self.sh(node, "ip", "link", "set", f"{self.tag}{peer}", "name", ifname)
        self.sh("sw", "ip", "link", "set", f"{self.tag}p{peer}", "name", peer)
        self.sh("sw", "ip", "link", "set", peer, "master", f"br-{bridge}", "up")
        if address:
            self.sh(node, "ip", "-6", "addr", "add", address, "dev", ifname, "nodad")
        self.sh(node, "ip", "link", "set", ifname, "up")

    def radvd(self, node, ifname, prefix, home_agent):
        lo, hi = self.radvd_interval
        conf = self.dir / f"radvd-{node}.conf"
        ha = (
            "    AdvHomeAgentFlag on;\n    AdvHomeAgentInfo on;\n    HomeAgentPreference 20;\n"
            "    HomeAgentLifetime 10000;\n"
        ) if home_agent else "    AdvHomeAgentFlag off;\n"
        router_addr = f"{HA_ADDR}/64" if home_agent else prefix
        conf.write_text(
            f"interface {ifname} {{\n    AdvSendAdvert on;\n    AdvIntervalOpt on;\n"
            f"    MinRtrAdvInterval {lo};\n    MaxRtrAdvInterval {hi};\n    MinDelayBetweenRAs {lo};\n"
            f"    AdvDefaultLifetime 30;\n{ha}"
            f"    prefix {router_addr} {{\n        AdvOnLink on;\n        AdvAutonomous on;\n"
            f"        AdvRouterAddr on;\n        AdvValidLifetime 12000;\n        AdvPreferredLifetime 10000;\n"
            "    };\n};\n")
        p = subprocess.Popen(["ip", "netns", "exec", self.ns(node), "radvd", "-n", "-C", str(conf),
                              "-p", str(self.dir / f"radvd-{node}.pid"), "-m", "logfile",
                              "-l", str(self.dir / f"radvd-{node}.log"), "-u", "root"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.processes.append(p)

    # -- the mobile node's moves --------------------------------------------------------------------------------
    def move_mn(self, link, carrier=True):
        """Re-plugs the mobile node's cable into another link: carrier down, other bridge, carrier up. With
        carrier=False the cable moves without the carrier dropping, so only Router Advertisements tell the node.
        Returns the time the node's link came up on the new link."""
        if carrier:
            self.sh("sw", "ip", "link", "set", "mn0", "down")
        self.sh("sw", "ip", "link", "set", "mn0", "master", f"br-{link}")
        up = time.time()
        if carrier:
            self.sh("sw", "ip", "link", "set", "mn0", "up")
        self.mn_link = link
        return up

    # -- containers ---------------------------------------------------------------------------------------------
    def container(self, node, config_files):
        """Starts ./mobility as a daemon in the node's namespace with these PID.cfg files in its watched folder."""
        conf = self.dir / node / "load"
        conf.mkdir(parents=True, exist_ok=True)
        for name, text in config_files.items():
            (conf / name).write_text(text)
        (conf / "mobility.node.cfg").write_text(f"name = {node}\n")
        sock = conf.parent / "load.state" / "command.sock"
        if sock.exists():
            sock.unlink()  # left by a container that was killed; the new one makes its own when it is up
        log = open(self.dir / f"{node}.log", "a")
        env = dict(os.environ)
        p = subprocess.Popen(["ip", "netns", "exec", self.ns(node), MOBILITY, "--conf", str(conf)],
                             stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
                             start_new_session=True)
        self.processes.append(p)
        self.containers[node] = p
        deadline = time.time() + 120 * SCALE
        while not sock.exists():
            if p.poll() is not None:
                raise RuntimeError(f"the {node} container exited: {(self.dir / f'{node}.log').read_text()[-2000:]}")
            if time.time() > deadline:
                raise RuntimeError(f"the {node} container did not come up")
            time.sleep(0.1)
        return conf

    def wait_role(self, node, role, seconds=60):
        """Waits until the node's container reports the role active; fails with what mip:role says otherwise."""
        deadline = time.time() + seconds * SCALE
        roles = None
        while time.time() < deadline:
            roles = {r["name"]: r for r in self.mip(node, "mip:role")["roles"]}
            if roles.get(role, {}).get("active"):
                return roles[role]
            time.sleep(0.2)
        raise RuntimeError(f"{node}: {role} not active after {seconds} s: {roles}")

    def mip(self, node, command, json_output=True):
        """Runs a Gogo command in the node's running container; returns the parsed JSON (or the text)."""
        import json
        conf = self.dir / node / "load"
        r = run(MOBILITY, "--conf", conf, "-c", command + (" --json" if json_output else ""), check=False,
                timeout=60 * SCALE)
        if r.returncode != 0:
            raise RuntimeError(f"{node}: {command}: {r.stderr.strip()}")
        return json.loads(r.stdout) if json_output else r.stdout

    def kill_container(self, node, sig=signal.SIGKILL):
        """Ends a node's container (kill -9 by default, as a crash would)."""
        p = self.containers.pop(node)
        os.killpg(p.pid, sig)
        p.wait(timeout=30)
        self.processes.remove(p)

    def background(self, node, *cmd, log_name=None):
        out = open(self.dir / log_name, "w") if log_name else subprocess.DEVNULL
        p = subprocess.Popen(["ip", "netns", "exec", self.ns(node), *map(str, cmd)], stdin=subprocess.DEVNULL,
                             stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(p)
        return p

    # -- teardown -----------------------------------------------------------------------------------------------
    def close(self):
        for p in reversed(self.processes):
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for p in self.processes:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
        for ns in reversed(self.namespaces):
            run("ip", "netns", "del", ns, check=False)
        if not os.environ.get("MOBILITY_KEEP_TESTBED"):
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        try:
            return self.build()
        except BaseException:
            self.close()
            raise

    def __exit__(self, *exc):
        self.close()

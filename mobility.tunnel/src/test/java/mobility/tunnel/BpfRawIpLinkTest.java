package mobility.tunnel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelSpec;
import mobility.netlink.driver.NetlinkKernelDriver;
import mobility.netlink.socket.KernelFeatures;
import mobility.netlink.socket.Netns;

/**
 * The eBPF tunnel on a link without a link-layer header, as a mobile node on a cellular modem in raw-IP mode has:
 * here a TUN device that a Python process on the far side drives. It writes the home agent's tunnelled echo request
 * to the home address; the node's kernel gets it decapsulated, answers, and the answer leaves reverse-tunnelled
 * through the same link.
 */
class BpfRawIpLinkTest {

    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    private static final Ipv6Address COA = Ipv6Address.parse("2001:db8:1::2");
    private static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:100::1");
    private static final Ipv6Address CN = Ipv6Address.parse("2001:db8:2::c");

    /** The far side: makes the TUN device, then on "go" writes the tunnelled request and prints what comes out. */
    private static final String FAR_SIDE = """
            import fcntl, os, select, socket, struct, sys, time
            CN, HOA, HA, COA = sys.argv[1:5]
            fd = os.open('/dev/net/tun', os.O_RDWR)
            fcntl.ioctl(fd, 0x400454ca, struct.pack('16sH', b'rw0', 0x0001 | 0x1000))
            print('ready', flush=True)
            sys.stdin.readline()
            a = lambda x: socket.inet_pton(socket.AF_INET6, x)
            def checksum(data):
                if len(data) % 2:
                    data += b'\\0'
                s = sum(struct.unpack('!%dH' % (len(data) // 2), data))
                while s >> 16:
                    s = (s & 0xffff) + (s >> 16)
                return ~s & 0xffff
            echo = struct.pack('!BBHHH', 128, 0, 0, 0x4d, 1) + b'raw-ip link'
            pseudo = a(CN) + a(HOA) + struct.pack('!IxxxB', len(echo), 58)
            echo = echo[:2] + struct.pack('!H', checksum(pseudo + echo)) + echo[4:]
            inner = struct.pack('!IHBB', 0x60000000, len(echo), 58, 64) + a(CN) + a(HOA) + echo
            outer = struct.pack('!IHBB', 0x60000000, len(inner), 41, 64) + a(HA) + a(COA) + inner
            os.write(fd, outer)
            end = time.time() + 5
            while time.time() < end:
                if select.select([fd], [], [], 0.2)[0]:
                    print(os.read(fd, 2048).hex(), flush=True)
            """;

    @Test
    void aTunnelledEchoRequestOnARawIpLinkIsDecapsulatedAndTheReplyLeavesReverseTunnelled() throws Exception {
        assumeTrue(Netns.root(), "needs root: creates network namespaces");
        Providers.assumeKernelHas(BpfProvider.NAME);
        try (Netns ns = Netns.create("rw")) {
            Process far = new ProcessBuilder("ip", "netns", "exec", ns.name, "python3", "-c", FAR_SIDE,
                    CN.toString(), HOA.toString(), HA.toString(), COA.toString()).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(far.getInputStream(),
                        StandardCharsets.US_ASCII));
                String ready = out.readLine();
                assertTrue("ready".equals(ready), "the far side: " + ready);
                ns.exec("ip link set lo up");
                ns.exec("ip link set rw0 up");
                ns.exec("ip -6 addr add " + COA + "/64 dev rw0 nodad");
                ns.exec("ip -6 addr add " + HOA + "/128 dev lo");
                NetlinkKernelDriver driver = NetlinkKernelDriver.open(ns.namespace(), KernelFeatures::capabilities);
                TunnelSwitch plane = Providers.dataPlane(driver);
                try {
                    plane.configure(BpfProvider.NAME);
                    Tunnel t = plane.open(new TunnelSpec(COA, HA, 0, List.of(Ipv6Prefix.DEFAULT),
                            Ipv6Prefix.host(HOA), List.of(Ipv6Prefix.DEFAULT)));
                    OutputStream go = far.getOutputStream();
                    go.write("go\n".getBytes(StandardCharsets.US_ASCII));
                    go.flush();
                    StringBuilder seen = new StringBuilder();
                    boolean replied = false;
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        seen.append(line).append('\n');
                        // Outer: next header 41, from the care-of address to the home agent; inner: an ICMPv6
                        // echo reply (129) from the home address to the correspondent.
                        if (line.length() >= 2 * 81 && line.startsWith("6") && line.substring(12, 14).equals("29")
                                && line.substring(16, 48).equals(hex(COA)) && line.substring(48, 80).equals(hex(HA))
                                && line.substring(92, 94).equals("3a") && line.substring(96, 128).equals(hex(HOA))
                                && line.substring(128, 160).equals(hex(CN)) && line.substring(160, 162).equals("81")) {
                            replied = true;
                        }
                    }
                    Map<String, Long> c = t.counters();
                    assertTrue(replied, "no reverse-tunnelled echo reply came out of rw0:\n" + seen + c + "\n"
                            + ns.exec("ip -6 route show table all"));
                    assertTrue(c.getOrDefault("decapsulated", 0L) >= 1, c.toString());
                    assertTrue(c.getOrDefault("encapsulated", 0L) >= 1, c.toString());
                } finally {
                    plane.closeAll();
                    driver.close();
                }
            } finally {
                far.destroy();
                far.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static String hex(Ipv6Address a) {
        StringBuilder s = new StringBuilder();
        for (byte b : a.toBytes()) {
            s.append(String.format("%02x", b));
        }
        return s.toString();
    }
}

package mobility.netlink.seg6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import mobility.api.kernel.NetworkNamespace;
import mobility.api.net.Ipv6Address;

/** The tunnel source set over SEG6 generic netlink is the one {@code ip sr tunsrc show} prints, and back. */
class Seg6TunnelSourceTest {

    private final Seg6TunnelSourceComponent tunsrc = new Seg6TunnelSourceComponent();

    private static String run(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", args) + ": " + out);
        return out.trim();
    }

    @Test
    void setOverNetlinkIsWhatIpSrShowsAndBack() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: creates network namespaces");
        String name = "mt" + ProcessHandle.current().pid() + "sr";
        run("ip", "netns", "add", name);
        try {
            NetworkNamespace ns = NetworkNamespace.named(name);
            assertEquals(Ipv6Address.UNSPECIFIED, tunsrc.get(ns), "a fresh namespace lets the kernel choose");
            Ipv6Address own = tunsrc.get(NetworkNamespace.current());
            tunsrc.set(ns, Ipv6Address.parse("2001:db8:1::1"));
            assertEquals("tunsrc addr 2001:db8:1::1", run("ip", "netns", "exec", name, "ip", "sr", "tunsrc", "show"));
            run("ip", "netns", "exec", name, "ip", "sr", "tunsrc", "set", "2001:db8:2::2");
            assertEquals(Ipv6Address.parse("2001:db8:2::2"), tunsrc.get(ns));
            tunsrc.set(ns, Ipv6Address.UNSPECIFIED);
            assertEquals("tunsrc addr ::", run("ip", "netns", "exec", name, "ip", "sr", "tunsrc", "show"));
            assertEquals(own, tunsrc.get(NetworkNamespace.current()), "only the namespace asked for changed");
        } finally {
            run("ip", "netns", "del", name);
        }
    }
}

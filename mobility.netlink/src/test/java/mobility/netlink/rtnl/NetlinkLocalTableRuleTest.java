package mobility.netlink.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import mobility.api.kernel.NetworkNamespace;

/** The local table's rule moved and moved back in a namespace of the test's, seen by iproute2. */
class NetlinkLocalTableRuleTest {

    private static String run(String... args) throws Exception {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", args) + ": " + out);
        return out;
    }

    @Test
    void localRuleMovesAndComesBackWithTheKernelsProtocol() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: creates network namespaces");
        String name = "mt" + ProcessHandle.current().pid() + "lrule";
        run("ip", "netns", "add", name);
        try {
            NetworkNamespace ns = NetworkNamespace.named(name);
            NetlinkLocalTableRule local = new NetlinkLocalTableRule();
            String before = run("ip", "-n", name, "-6", "rule", "show");
            assertEquals(0, local.priority(ns));
            local.moveTo(ns, 19_800);
            assertEquals(19_800, local.priority(ns));
            String moved = run("ip", "-n", name, "-6", "rule", "show");
            assertTrue(moved.contains("19800:\tfrom all lookup local"), moved);
            assertTrue(!moved.startsWith("0:"), moved);
            assertThrows(IllegalArgumentException.class, () -> local.moveTo(ns, 19_750));
            local.moveTo(ns, 0);
            assertEquals(before, run("ip", "-n", name, "-6", "rule", "show"));
            run("ip", "-n", name, "-6", "rule", "add", "pref", "19800", "lookup", "local");
            local.moveTo(ns, 19_800);
            assertEquals(19_800, local.priority(ns), "a rule already at the place is kept, the others go");
            local.moveTo(ns, 0);
            assertEquals(before, run("ip", "-n", name, "-6", "rule", "show"));
        } finally {
            run("ip", "netns", "del", name);
        }
    }
}

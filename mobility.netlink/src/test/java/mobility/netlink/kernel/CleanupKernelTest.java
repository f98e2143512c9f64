package mobility.netlink.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import mobility.api.kernel.Ipv6Setting;
import mobility.netlink.driver.NetlinkKernelDriver;

/**
 * Stopping removes everything the platform made, and starting after a SIGKILL removes what the dead process left:
 * iproute2's and nft's dumps of the namespace are the same as before the platform came, and nothing that others made
 * is touched.
 */
class CleanupKernelTest extends KernelTestBase {

    /** Objects of others (made with ip), on a link without DAD or link-local addresses so that nothing drifts. */
    @BeforeEach
    void othersObjects() {
        ns.ip("link", "add", "t-a", "type", "veth", "peer", "name", "t-b");
        ns.ip("link", "set", "t-a", "addrgenmode", "none");
        ns.ip("link", "set", "t-b", "addrgenmode", "none");
        ns.ip("link", "set", "t-a", "up");
        ns.ip("link", "set", "t-b", "up");
        ns.ip("-6", "addr", "add", "2001:db8:f::1/64", "dev", "t-a", "nodad");
        ns.ip("-6", "route", "add", "2001:db8:f1::/64", "via", "2001:db8:f::2", "dev", "t-a", "table", "100");
        ns.ip("-6", "route", "add", "2001:db8:f2::/64", "dev", "t-a", "metric", "50");
        ns.ip("-6", "rule", "add", "pref", "500", "from", "2001:db8:f::/64", "lookup", "100");
        ns.ip("-6", "neigh", "add", "2001:db8:f::5", "lladdr", "02:00:00:00:00:05", "dev", "t-a", "nud",
                "permanent");
        ns.ip("-6", "neigh", "add", "proxy", "2001:db8:f::6", "dev", "t-a");
        ns.ip("xfrm", "policy", "add", "src", "2001:db8:f::1/128", "dst", "2001:db8:f::2/128", "dir", "out",
                "priority", "100");
    }

    @Test
    void closingRemovesEverythingThePlatformMadeAndNothingElse() throws Exception {
        Map<String, String> before = stableSnapshot();
        PlatformObjects.create(driver);
        driver.ipv6Settings().set(PlatformObjects.FOREIGN_LINK, Ipv6Setting.FORWARDING, 1);
        driver.ipv6Settings().set(PlatformObjects.FOREIGN_LINK, Ipv6Setting.PROXY_NDP, 1);
        assertEveryKindChanged(before, snapshot());
        driver.close();
        assertEquals(before, stableSnapshot());
    }

    @Test
    void startingAfterAKillRemovesWhatTheDeadProcessLeft() throws Exception {
        Map<String, String> before = stableSnapshot();
        Process platform = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                LeftoverMaker.class.getName(), ns.name).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(platform.getInputStream(), StandardCharsets.UTF_8));
            String line;
            StringBuilder said = new StringBuilder();
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                said.append(line).append('\n');
            }
            assertEquals("READY", line, "the platform process did not get ready: " + said);
        } finally {
            platform.destroyForcibly();
            platform.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(137, platform.exitValue(), "killed with SIGKILL");
        assertEveryKindChanged(before, snapshot());

        NetlinkKernelDriver.open(ns.namespace(), KernelTestBase::capabilities).close();
        assertEquals(before, stableSnapshot());
    }

    private static void assertEveryKindChanged(Map<String, String> before, Map<String, String> now) {
        for (String kind : List.of("links", "addresses", "routes", "rules", "neighbours", "proxies",
                "xfrm policies")) {
            assertNotEquals(before.get(kind), now.get(kind), kind + " should show the platform's objects");
        }
    }

    /** Dumps that settle: taken until two in a row agree (link state and DAD on the new links take a moment). */
    private Map<String, String> stableSnapshot() throws InterruptedException {
        Map<String, String> last = snapshot();
        for (int i = 0; i < 50; i++) {
            Thread.sleep(100);
            Map<String, String> now = snapshot();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private Map<String, String> snapshot() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("links", ns.ipJson("link", "show").toString());
        s.put("addresses", ns.ipJson("-6", "addr", "show").toString());
        s.put("routes", ns.ipJson("-6", "route", "show", "table", "all").toString());
        s.put("rules", ns.ipJson("-6", "rule", "show").toString());
        s.put("neighbours", ns.ipJson("-6", "neigh", "show").toString());
        s.put("proxies", ns.ipJson("-6", "neigh", "show", "proxy").toString());
        s.put("xfrm states", ns.ip("xfrm", "state", "list"));
        s.put("xfrm policies", ns.ip("xfrm", "policy", "list"));
        s.put("nftables", ns.exec("nft", "list", "ruleset"));
        s.put("sysctls", ns.exec("sh", "-c", "cat /proc/sys/net/ipv6/conf/t-a/forwarding "
                + "/proc/sys/net/ipv6/conf/t-a/proxy_ndp"));
        return s;
    }

    private static String javaExecutable() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

package mobility.netlink.tool;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import mobility.api.kernel.KernelException;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.NftSetChange;
import mobility.api.net.Ipv6Address;
import mobility.api.kernel.NftTables.NftTable;

/** A platform table installed in a namespace of the test's, replaced, and gone after close. */
class NftTablesTest {

    private final NftTablesComponent nft = new NftTablesComponent();

    private static void ip(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(args).inheritIO().start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", args));
    }

    @Test
    void tableLivesUntilClosedInItsNamespaceOnly() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: creates network namespaces");
        assumeTrue(new java.io.File("/usr/sbin/nft").exists(), "needs nftables (apt-get install nftables)");
        String name = "mt" + ProcessHandle.current().pid() + "nft";
        ip("ip", "netns", "add", name);
        try {
            NetworkNamespace ns = NetworkNamespace.named(name);
            String own = nft.ruleset(NetworkNamespace.current());
            try (NftTable table = nft.install(ns, "inet", "mobility_test",
                    "chain pre { type filter hook prerouting priority raw; policy accept; meta l4proto 135 counter drop; }")) {
                assertTrue(nft.ruleset(ns).contains("table inet mobility_test"));
                assertFalse(nft.ruleset(NetworkNamespace.current()).contains("mobility_test"),
                        "only the namespace asked for has the table");
                table.replace("chain pre { type filter hook prerouting priority raw; policy accept; rt type 2 counter drop; }");
                String listed = table.list();
                assertTrue(listed.contains("rt type 2"), listed);
                assertFalse(listed.contains("l4proto"), listed);
            }
            assertFalse(nft.ruleset(ns).contains("mobility_test"));
            nft.install(ns, "inet", "mobility_left", "chain c { type filter hook input priority 0; }");
            assertTrue(nft.remove(ns, "inet", "mobility_left"), "a table a killed run left is found and removed");
            assertFalse(nft.remove(ns, "inet", "mobility_left"));
            assertFalse(nft.ruleset(ns).contains("mobility_left"));
            assertTrue(own.equals(nft.ruleset(NetworkNamespace.current())));
            assertThrows(KernelException.class, () -> nft.install(ns, "inet", "mobility_bad", "chain x { nonsense; }"));
            assertThrows(IllegalArgumentException.class, () -> nft.install(ns, "inet", "other", ""));
        } finally {
            ip("ip", "netns", "del", name);
        }
    }

    private static String nftJson(String namespace, String... args) throws IOException, InterruptedException {
        String[] command = new String[5 + args.length];
        System.arraycopy(new String[] {"ip", "netns", "exec", namespace, "nft"}, 0, command, 0, 5);
        System.arraycopy(args, 0, command, 5, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return out;
    }

    @Test
    void setElementsChangeOverNetlinkAsNftListsThem() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: creates network namespaces");
        assumeTrue(new java.io.File("/usr/sbin/nft").exists(), "needs nftables (apt-get install nftables)");
        String name = "mt" + ProcessHandle.current().pid() + "set";
        ip("ip", "netns", "add", name);
        try {
            NetworkNamespace ns = NetworkNamespace.named(name);
            Ipv6Address a = Ipv6Address.parse("2001:db8:1::1");
            Ipv6Address b = Ipv6Address.parse("2001:db8:1::2");
            Ipv6Address c = Ipv6Address.parse("2001:db8:2::3");
            try (NftTable table = nft.install(ns, "inet", "mobility_sets", """
                    set pairs { type ipv6_addr . ipv6_addr; counter; }
                    set peers { type ipv6_addr; }
                    chain out { type filter hook output priority filter; policy accept;
                      ip6 saddr . ip6 daddr @pairs
                    }""")) {
                table.updateSets(List.of(new NftSetChange("pairs", true, List.of(a, b)),
                        new NftSetChange("pairs", true, List.of(a, c)), new NftSetChange("peers", true, List.of(c))));
                String pairs = nftJson(name, "-j", "list", "set", "inet", "mobility_sets", "pairs");
                assertTrue(pairs.contains("{\"concat\": [\"2001:db8:1::1\", \"2001:db8:1::2\"]}"), pairs);
                assertTrue(pairs.contains("{\"concat\": [\"2001:db8:1::1\", \"2001:db8:2::3\"]}"), pairs);
                assertTrue(nftJson(name, "-j", "list", "set", "inet", "mobility_sets", "peers")
                        .contains("\"elem\": [\"2001:db8:2::3\"]"));

                // Packets to b match the element (a . b) and count there; (a . c) stays at zero.
                ip("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
                ip("ip", "netns", "exec", name, "ip", "address", "add", "2001:db8:1::1/128", "dev", "lo");
                ip("ip", "netns", "exec", name, "ip", "address", "add", "2001:db8:1::2/128", "dev", "lo");
                ip("ip", "netns", "exec", name, "ping", "-6", "-c", "2", "-i", "0.2", "-I", "2001:db8:1::1",
                        "2001:db8:1::2");
                Map<List<Ipv6Address>, Long> counts = table.packets("pairs", List.of(List.of(a, b), List.of(a, c)));
                assertEquals(0L, counts.get(List.of(a, c)));
                assertTrue(counts.get(List.of(a, b)) >= 2, counts.toString());

                table.updateSets(List.of(new NftSetChange("pairs", false, List.of(a, b))));
                pairs = nftJson(name, "-j", "list", "set", "inet", "mobility_sets", "pairs");
                assertFalse(pairs.contains("\"2001:db8:1::2\""), pairs);
                assertTrue(pairs.contains("\"2001:db8:2::3\""), pairs);

                // A refused change (removing what is not there) leaves the set as it was: all or nothing.
                assertThrows(KernelException.class, () -> table.updateSets(List.of(
                        new NftSetChange("pairs", true, List.of(b, c)),
                        new NftSetChange("pairs", false, List.of(a, b)))));
                pairs = nftJson(name, "-j", "list", "set", "inet", "mobility_sets", "pairs");
                assertFalse(pairs.contains("\"2001:db8:1::2\""), pairs);
            }
        } finally {
            ip("ip", "netns", "del", name);
        }
    }
}

package mobility.netlink.tool;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import mobility.api.kernel.KernelException;
import mobility.api.kernel.NetworkNamespace;
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
}

package mobility.netlink.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import mobility.api.kernel.KernelBatch;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Neighbour;
import mobility.api.kernel.Route;
import mobility.api.kernel.Rule;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

class KernelBatchKernelTest extends KernelTestBase {

    private static final int TABLE = 0x4d05;

    private static Ipv6Address host(int i) {
        return Ipv6Address.of(0x2001_0db8_0100_0000L, i);
    }

    @Test
    void routesRulesAndProxiesOfManyBindingsGoInOneBatch() {
        vethUp();
        int dev = index("mipa0");
        KernelBatch batch = driver.batch();
        for (int i = 1; i <= 2000; i++) {
            batch.replaceRoute(Route.to(Ipv6Prefix.host(host(i))).dev(dev).table(TABLE));
            batch.addNeighbour(Neighbour.proxy(dev, host(i)));
        }
        batch.addRule(Rule.lookup(KernelMarks.FIRST_RULE_PRIORITY, TABLE).from(Ipv6Prefix.host(host(1))));
        assertEquals(4001, batch.size());
        assertEquals(Map.of(), batch.execute());
        assertEquals(0, batch.size());
        assertEquals(2000, driver.routes().list(TABLE).size());
        assertEquals(2000, driver.neighbours().listProxies().size());
        assertTrue(driver.rules().list().stream().anyMatch(r -> r.priority() == KernelMarks.FIRST_RULE_PRIORITY));

        for (int i = 1; i <= 2000; i++) {
            batch.removeRoute(Route.to(Ipv6Prefix.host(host(i))).dev(dev).table(TABLE));
            batch.removeNeighbour(Neighbour.proxy(dev, host(i)));
        }
        assertEquals(Map.of(), batch.execute());
        assertEquals(0, driver.routes().list(TABLE).size());
        assertEquals(0, driver.neighbours().listProxies().size());
    }

    @Test
    void everyRefusalIsReportedByItsIndexAndTheOthersAreDone() {
        vethUp();
        int dev = index("mipa0");
        Rule rule = Rule.lookup(KernelMarks.FIRST_RULE_PRIORITY, TABLE).from(Ipv6Prefix.host(host(7)));
        driver.rules().add(rule);
        KernelBatch batch = driver.batch();
        List<Integer> refusedAt = new ArrayList<>();
        for (int i = 1; i <= 600; i++) {
            batch.replaceRoute(Route.to(Ipv6Prefix.host(host(i))).dev(dev).table(TABLE));
            if (i % 200 == 0) {
                refusedAt.add(batch.addRule(rule)); // already there: EEXIST
                refusedAt.add(batch.removeNeighbour(Neighbour.proxy(dev, host(i)))); // never added: ENOENT
            }
        }
        Map<Integer, KernelException> refused = batch.execute();
        assertEquals(refusedAt, List.copyOf(refused.keySet()));
        assertEquals("EEXIST", refused.get(refusedAt.get(0)).errnoName().name());
        assertEquals("ENOENT", refused.get(refusedAt.get(1)).errnoName().name());
        assertTrue(refused.get(refusedAt.get(1)).getMessage().startsWith("RTM_DELNEIGH proxy 2001:db8:100::c8"),
                refused.get(refusedAt.get(1)).getMessage());
        assertEquals(600, driver.routes().list(TABLE).size());
    }
}

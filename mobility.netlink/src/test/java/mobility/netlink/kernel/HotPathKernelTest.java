package mobility.netlink.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Route;

/**
 * Requests are written into and answered from buffers allocated once: adding and removing routes allocates nothing
 * per message once the code is warm (a batch copies its list of routes, 4 to 8 bytes a route).
 */
class HotPathKernelTest extends KernelTestBase {

    private static final int ROUTES = 2000;

    @Test
    void requestsAllocateNothingPerMessage() {
        driver.links().setUp("lo", true);
        int lo = index("lo");
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < ROUTES; i++) {
            routes.add(Route.to(new Ipv6Prefix(new Ipv6Address(0x20010db800000000L | (long) i << 16, 0), 64))
                    .table(KernelMarks.FIRST_TABLE).dev(lo));
        }
        double batchBytes = 0;
        double singleBytes = 0;
        for (int round = 0; round < 4; round++) {
            long before = allocated();
            driver.routes().addAll(routes);
            batchBytes = (allocated() - before) / (double) ROUTES;
            before = allocated();
            for (Route r : routes) {
                driver.routes().remove(r);
            }
            singleBytes = (allocated() - before) / (double) ROUTES;
        }
        assertTrue(batchBytes < 16, batchBytes + " bytes allocated per batched route");
        assertTrue(singleBytes < 1, singleBytes + " bytes allocated per single request");
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}

package mobility.netlink.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import mobility.api.kernel.Address;
import mobility.api.kernel.AddressFlag;
import mobility.api.kernel.Change;
import mobility.api.kernel.DefaultRouter;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.KernelFeatureMissingException;
import mobility.api.kernel.KernelListener;
import mobility.api.kernel.Route;
import mobility.api.kernel.Seg6Encap;
import mobility.api.kernel.Seg6LocalEncap;
import mobility.api.kernel.Subscription;
import mobility.netlink.socket.KernelFeatures;

class RoutesKernelTest extends KernelTestBase {

    private static final int TABLE = 0x4d01;
    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    private static final Ipv6Address COA = Ipv6Address.parse("2001:db8:1::2");

    private void onLink() {
        vethUp();
        driver.addresses().add(Address.of(index("mipa0"), new Ipv6Prefix(HA, 64)).withFlags(AddressFlag.NODAD));
    }

    @Test
    void routeInAPlatformTableIsWhatIpShows() {
        onLink();
        Route route = Route.to(Ipv6Prefix.parse("2001:db8:9::/64")).from(Ipv6Prefix.parse("2001:db8:100::/64"))
                .table(TABLE).via(COA).dev(index("mipa0")).metric(7).mtu(1400).hopLimit(9);
        driver.routes().add(route);
        JsonNode ip = ns.ipJson("-6", "route", "show", "table", Integer.toString(TABLE)).get(0);
        assertEquals("2001:db8:9::/64", ip.get("dst").asText());
        assertEquals("2001:db8:100::/64", ip.get("from").asText());
        assertEquals(COA.toString(), ip.get("gateway").asText());
        assertEquals("mipa0", ip.get("dev").asText());
        assertEquals(7, ip.get("metric").asInt());
        assertEquals("77", ip.get("protocol").asText());
        assertEquals(1400, ip.get("metrics").get(0).get("mtu").asInt());
        assertEquals(9, ip.get("metrics").get(0).get("hoplimit").asInt());
        assertEquals(List.of(route), driver.routes().list(TABLE));
        driver.routes().remove(route);
        assertEquals(0, ns.ipJson("-6", "route", "show", "table", Integer.toString(TABLE)).size());
    }

    @Test
    void everyRouteOfEveryTableIsListedAsIpListsIt() {
        onLink();
        ns.ip("-6", "route", "add", "2001:db8:77::/64", "dev", "mipa0", "table", "100", "metric", "5");
        driver.routes().add(Route.to(Ipv6Prefix.parse("2001:db8:9::/64")).table(TABLE).dev(index("mipa0")));
        Set<String> ours = new TreeSet<>();
        for (Route r : driver.routes().listAll()) {
            ours.add(r.destination() + " table " + Integer.toUnsignedString(r.table()) + " metric " + r.metric());
        }
        Set<String> theirs = new TreeSet<>();
        for (JsonNode r : ns.ipJson("-6", "route", "show", "table", "all")) {
            String dst = r.get("dst").asText();
            dst = dst.equals("default") ? "::/0" : dst.contains("/") ? dst : dst + "/128";
            String table = r.has("table") ? r.get("table").asText() : "main";
            table = switch (table) {
                case "main" -> "254";
                case "local" -> "255";
                default -> table;
            };
            theirs.add(dst + " table " + table + " metric " + r.get("metric").asInt());
        }
        assertEquals(theirs, ours);
    }

    @Test
    void routeErrorsNameTheRouteAndTheErrno() {
        onLink();
        Route route = Route.to(Ipv6Prefix.parse("2001:db8:9::/64")).table(TABLE).dev(index("mipa0"));
        driver.routes().add(route);
        KernelException duplicate = assertThrows(KernelException.class, () -> driver.routes().add(route));
        assertEquals(17, duplicate.errno());
        assertTrue(duplicate.getMessage().startsWith("RTM_NEWROUTE 2001:db8:9::/64 table 19713 dev #"
                + index("mipa0") + ": EEXIST"), duplicate.getMessage());
        KernelException noDevice = assertThrows(KernelException.class,
                () -> driver.routes().add(Route.to(Ipv6Prefix.parse("2001:db8:8::/64")).dev(9999)));
        assertEquals("ENODEV", noDevice.errnoName().name(), noDevice.getMessage());
        KernelException absent = assertThrows(KernelException.class,
                () -> driver.routes().remove(Route.to(Ipv6Prefix.parse("2001:db8:7::/64")).table(TABLE)));
        assertEquals("ESRCH", absent.errnoName().name(), absent.getMessage());
    }

    @Test
    @Tag(KernelFeatures.GUEST) // both ways: the route here, the missing feature named where the kernel lacks it
    void seg6EncapRouteIsWhatIpShows() {
        onLink();
        Route route = Route.to(Ipv6Prefix.parse("2001:db8:100::1/128")).dev(index("mipa0")).metric(1024)
                .encap(new Seg6Encap(Seg6Encap.Mode.ENCAP_RED, List.of(COA)));
        if (!capabilities().supports(KernelFeature.SEG6)) {
            KernelFeatureMissingException e = assertThrows(KernelFeatureMissingException.class,
                    () -> driver.routes().add(route));
            assertEquals(KernelFeature.SEG6, e.feature());
            return;
        }
        driver.routes().add(route);
        JsonNode ip = ns.ipJson("-6", "route", "show", "2001:db8:100::1").get(0);
        assertEquals("seg6", ip.get("encap").asText());
        assertEquals("encap.red", ip.get("mode").asText());
        assertEquals(COA.toString(), ip.get("segs").get(0).asText());
        assertTrue(driver.routes().list(Route.MAIN_TABLE).contains(route));
    }

    @Test
    @Tag(KernelFeatures.GUEST) // both ways: the route here, the missing feature named where the kernel lacks it
    void seg6localEndDt6RouteIsWhatIpShows() {
        onLink();
        Route route = Route.to(Ipv6Prefix.host(COA)).table(TABLE).dev(index("mipa0")).metric(1024)
                .encap(Seg6LocalEncap.endDt6(TABLE + 1));
        if (!capabilities().supports(KernelFeature.SEG6LOCAL)) {
            assertThrows(KernelFeatureMissingException.class, () -> driver.routes().add(route));
            return;
        }
        driver.routes().add(route);
        String text = ns.ip("-6", "route", "show", "table", Integer.toString(TABLE));
        assertTrue(text.contains("encap seg6local action End.DT6 table " + (TABLE + 1)), text);
        assertEquals(List.of(route), driver.routes().list(TABLE));
    }

    /** One batch of 1000: the duplicate in the middle is named, and every other route is installed. */
    @Test
    void batchedRoutesAreAllTriedAndTheFailureIsNamed() {
        onLink();
        int dev = index("mipa0");
        Route existing = Route.to(Ipv6Prefix.parse("2001:db8:aa:1f4::/64")).table(TABLE).dev(dev);
        driver.routes().add(existing);
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            routes.add(Route.to(new Ipv6Prefix(new Ipv6Address(0x20010db800aa0000L | i, 0), 64)).table(TABLE)
                    .dev(dev));
        }
        KernelException e = assertThrows(KernelException.class, () -> driver.routes().addAll(routes));
        assertEquals(17, e.errno());
        assertTrue(e.getMessage().startsWith("RTM_NEWROUTE 2001:db8:aa:1f4::/64 table 19713"), e.getMessage());
        assertEquals(1000, ns.ipJson("-6", "route", "show", "table", Integer.toString(TABLE)).size());
    }

    @Test
    void routeChangesMadeWithIpReachTheListener() throws Exception {
        onLink();
        Events<Route> events = new Events<>();
        try (Subscription s = driver.routes().subscribe(events)) {
            ns.ip("-6", "route", "add", "2001:db8:77::/64", "dev", "mipa0", "table", "100", "metric", "5");
            events.await(Change.NEW, r -> r.destination().equals(Ipv6Prefix.parse("2001:db8:77::/64"))
                    && r.table() == 100 && r.metric() == 5);
            ns.ip("-6", "route", "del", "2001:db8:77::/64", "dev", "mipa0", "table", "100");
            events.await(Change.DELETED, r -> r.destination().equals(Ipv6Prefix.parse("2001:db8:77::/64")));
        }
    }

    /**
     * A listener that does not keep up: the first event blocks it while 10,000 routes are added, the event socket's
     * buffer overflows, and the listener is told that events were lost.
     */
    @Test
    void aListenerThatFallsBehindIsToldEventsWereLost() throws Exception {
        onLink();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch lost = new CountDownLatch(1);
        try (Subscription s = driver.routes().subscribe(new KernelListener<Route>() {
            @Override
            public void changed(Change change, Route route) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void eventsLost() {
                lost.countDown();
            }
        })) {
            List<Route> routes = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                routes.add(Route.to(new Ipv6Prefix(new Ipv6Address(0x20010db800bb0000L | i, 0), 64)).table(TABLE)
                        .dev(index("mipa0")));
            }
            driver.routes().addAll(routes);
            release.countDown();
            assertTrue(lost.await(5, TimeUnit.SECONDS), "eventsLost was not called");
        }
    }

    @Test
    void defaultRouterChangesAreReported() throws Exception {
        onLink();
        Events<DefaultRouter> events = new Events<>();
        Ipv6Address router = Ipv6Address.parse("fe80::1");
        try (Subscription s = driver.routes().subscribeDefaultRouters(events)) {
            ns.ip("-6", "route", "add", "default", "via", "fe80::1", "dev", "mipa0");
            events.await(Change.NEW, r -> r.gateway().equals(router) && r.ifindex() == index("mipa0"));
            assertEquals(List.of(router), driver.routes().defaultRouters().stream().map(DefaultRouter::gateway)
                    .toList());
            ns.ip("-6", "route", "del", "default", "via", "fe80::1", "dev", "mipa0");
            events.await(Change.DELETED, r -> r.gateway().equals(router));
        }
        assertEquals(List.of(), driver.routes().defaultRouters());
    }
}

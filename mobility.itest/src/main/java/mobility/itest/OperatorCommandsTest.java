package mobility.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingCache;
import mobility.api.binding.BindingKind;
import mobility.api.binding.BindingUpdateList;
import mobility.api.binding.BindingUpdateListEntry;
import mobility.api.net.Ipv6Address;
import mobility.api.stats.MobilityStatistics;

/**
 * The operator's commands read whatever provider registers the API services: here the test registers them, as a
 * third-party role bundle would.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class OperatorCommandsTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 10_000)
    CommandProcessor processor;

    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::100");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::100");

    @Test
    @SuppressWarnings("unchecked")
    void bcShowsEveryBindingAsTableAndJson() throws Exception {
        long now = System.currentTimeMillis();
        Binding b = new Binding(HOA, COA, Ipv6Address.parse("2001:db8:1::1"), 4711, Binding.HOME_REGISTRATION | Binding.ACKNOWLEDGE, 420, now,
                now + 420_000, List.of());
        BindingCache cache = new FixedBindingCache(BindingKind.HOME_REGISTRATION, b);
        ServiceRegistration<BindingCache> reg = context.registerService(BindingCache.class, cache, null);
        try {
            Shell shell = new Shell(processor);
            Map<String, Object> doc = JsonReader.object(shell.run("mip:bc --json"));
            assertEquals(1L, doc.get("count"));
            Map<String, Object> row = ((List<Map<String, Object>>) doc.get("bindings")).get(0);
            assertEquals("2001:db8:1::100", row.get("home_address"));
            assertEquals("2001:db8:2::100", row.get("care_of_address"));
            assertEquals("AH--", row.get("flags"));
            assertEquals(4711L, row.get("sequence"));
            assertEquals(420L, row.get("lifetime_granted"));
            long left = (Long) row.get("lifetime_remaining");
            assertTrue(left > 400 && left <= 420, "remaining " + left);
            String text = shell.run("mip:bc");
            assertTrue(text.startsWith("Binding cache: 1 binding\n"), text);
            assertTrue(text.contains("2001:db8:1::100") && text.contains("AH--") && text.contains("4711"), text);
        } finally {
            reg.unregister();
        }
        Exception e = assertThrows(Exception.class, () -> new Shell(processor).run("mip:bc"));
        assertTrue(e.getMessage().contains("neither the home-agent nor the correspondent-node role"), e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void bulShowsTheEntriesState() throws Exception {
        long now = System.currentTimeMillis();
        BindingUpdateListEntry e = new BindingUpdateListEntry(Ipv6Address.parse("2001:db8:1::1"), HOA, COA, "eth1",
                12, Binding.HOME_REGISTRATION | Binding.ACKNOWLEDGE, 420, 420, now + 400_000,
                BindingUpdateListEntry.State.REGISTERED, 0, now + 350_000, 0);
        ServiceRegistration<BindingUpdateList> reg = context.registerService(BindingUpdateList.class,
                () -> List.of(e), null);
        try {
            Map<String, Object> doc = JsonReader.object(new Shell(processor).run("mip:bul -j"));
            Map<String, Object> row = ((List<Map<String, Object>>) doc.get("entries")).get(0);
            assertEquals("registered", row.get("state"));
            assertEquals("2001:db8:1::1", row.get("destination"));
            assertEquals(true, row.get("home_registration"));
            assertEquals("eth1", row.get("interface"));
            assertEquals(0L, row.get("last_status"));
        } finally {
            reg.unregister();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void statsAddsUpCountersByScope() throws Exception {
        MobilityStatistics a = new MobilityStatistics() {
            @Override
            public String scope() {
                return "itest";
            }

            @Override
            public Map<String, Long> counters() {
                return Map.of("bu.received", 5L, "ba.sent.status.0", 4L);
            }
        };
        ServiceRegistration<MobilityStatistics> reg = context.registerService(MobilityStatistics.class, a, null);
        try {
            Map<String, Object> doc = JsonReader.object(new Shell(processor).run("mip:stats --json"));
            Map<String, Object> itest = (Map<String, Object>) doc.get("itest");
            assertEquals(5L, itest.get("bu.received"));
            assertEquals(4L, itest.get("ba.sent.status.0"));
            assertTrue(new Shell(processor).run("mip:stats").contains("bu.received"));
        } finally {
            reg.unregister();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void configChangesAComponentLiveAndRefusesUnknownKeys() throws Exception {
        Shell shell = new Shell(processor);
        try {
            Map<String, Object> d = JsonReader.object(shell.run("mip:config --json mobility.node name=cfg-test"));
            assertEquals(true, d.get("configured"));
            Map<String, Object> name = ((List<Map<String, Object>>) d.get("attributes")).get(0);
            assertEquals("cfg-test", name.get("value"));
            String node = null;
            for (long end = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < end; Thread.sleep(50)) {
                node = (String) JsonReader.object(shell.run("mip:status --json")).get("node");
                if ("cfg-test".equals(node)) {
                    break;
                }
            }
            assertEquals("cfg-test", node);
            Exception e = assertThrows(Exception.class, () -> shell.run("mip:config mobility.node nmae=x"));
            assertTrue(e.getMessage().contains("has no key 'nmae'"), e.getMessage());
        } finally {
            shell.run("mip:config --delete mobility.node");
        }
    }
}

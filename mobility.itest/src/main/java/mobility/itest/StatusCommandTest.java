package mobility.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import mobility.api.role.MobilityRole;

@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class StatusCommandTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 10_000)
    CommandProcessor processor;

    @Test
    @SuppressWarnings("unchecked")
    void statusShowsVersionAndTheProductBundles() throws Exception {
        Map<String, Object> status = JsonReader.object(new Shell(processor).run("mip:status --json"));
        assertEquals("Mobile IPv6 platform", status.get("product"));
        assertEquals(context.getBundle().getVersion().toString(), status.get("version"));
        List<Map<String, Object>> bundles = (List<Map<String, Object>>) status.get("bundles");
        assertTrue(bundles.stream().anyMatch(b -> "mobility.api".equals(b.get("name"))), bundles::toString);
        assertTrue(bundles.stream().anyMatch(b -> "mobility.shell".equals(b.get("name"))
                && "ACTIVE".equals(b.get("state"))), bundles::toString);
        assertEquals(List.of(), status.get("roles"));
    }

    @Test
    void statusTextHasHelpAndTable() throws Exception {
        Shell shell = new Shell(processor);
        String text = shell.run("mip:status");
        assertTrue(text.startsWith("Mobile IPv6 platform "), text);
        assertTrue(text.contains("Roles: none active"), text);
        String help = shell.run("help mip:status");
        assertTrue(help.contains("active Mobile IPv6 roles"), help);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRegisteredRoleAndItsApiServiceShowInStatus() throws Exception {
        MobilityRole role = new MobilityRole() {
            @Override
            public String name() {
                return "itest-role";
            }

            @Override
            public String state() {
                return "registered by the test";
            }

            @Override
            public Map<String, Object> summary() {
                return Map.of("bindings", 3);
            }
        };
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(MobilityRole.ROLE, role.name());
        ServiceRegistration<MobilityRole> reg = context.registerService(MobilityRole.class, role, props);
        try {
            Map<String, Object> status = JsonReader.object(new Shell(processor).run("mip:status -j"));
            List<Map<String, Object>> roles = (List<Map<String, Object>>) status.get("roles");
            assertEquals(1, roles.size(), roles::toString);
            assertEquals("itest-role", roles.get(0).get("name"));
            assertEquals("mobility.itest", roles.get(0).get("bundle"));
            assertEquals(3L, ((Map<String, Object>) roles.get(0).get("summary")).get("bindings"));
            List<Map<String, Object>> services = (List<Map<String, Object>>) status.get("services");
            assertTrue(services.stream().anyMatch(s -> MobilityRole.class.getName().equals(s.get("interface"))),
                    services::toString);
        } finally {
            reg.unregister();
        }
        Map<String, Object> after = JsonReader.object(new Shell(processor).run("mip:status -j"));
        assertEquals(List.of(), after.get("roles"));
    }

    @Test
    void aConfigurationFileDroppedIntoTheWatchedFolderRenamesTheNode() throws Exception {
        Path load = Path.of(context.getProperty("felix.fileinstall.dir"));
        Files.createDirectories(load);
        Path cfg = load.resolve("mobility.node.cfg");
        String name = "itest-" + UUID.randomUUID().toString().substring(0, 8);
        Shell shell = new Shell(processor);
        Files.writeString(cfg, "name = " + name + "\n");
        try {
            assertEquals(name, awaitNode(shell, name));
        } finally {
            Files.deleteIfExists(cfg);
        }
        String back = awaitNodeNot(shell, name);
        assertTrue(!back.equals(name), back);
    }

    private static String awaitNode(Shell shell, String expected) throws Exception {
        String node = null;
        for (long end = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < end; Thread.sleep(100)) {
            node = (String) JsonReader.object(shell.run("mip:status --json")).get("node");
            if (expected.equals(node)) {
                return node;
            }
        }
        return node;
    }

    private static String awaitNodeNot(Shell shell, String old) throws Exception {
        String node = old;
        for (long end = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < end; Thread.sleep(100)) {
            node = (String) JsonReader.object(shell.run("mip:status --json")).get("node");
            if (!old.equals(node)) {
                return node;
            }
        }
        return node;
    }
}

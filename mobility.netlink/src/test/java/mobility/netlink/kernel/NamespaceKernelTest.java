package mobility.netlink.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.FutureTask;

import org.junit.jupiter.api.Test;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;

import mobility.api.net.Ipv6Prefix;
import mobility.api.kernel.Ipv6Setting;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.Route;
import mobility.netlink.driver.NetlinkKernelDriver;

/** A driver works in its namespace only, whichever namespace the JVM runs in. */
class NamespaceKernelTest extends KernelTestBase {

    @Test
    void objectsAreMadeInTheDriversNamespaceOnly() throws Exception {
        vethUp();
        assertEquals(1, ns.ipJson("link", "show", "mipa0").size());
        assertFalse(TestNamespace.run(List.of("ip", "-j", "link", "show")).contains("\"mipa0\""),
                "the JVM's own namespace has no mipa0");
        assertFalse(Files.readString(Path.of("/proc/self/net/dev")).contains("mipa0:"),
                "the JVM's own /proc/self/net/dev has no mipa0");
    }

    @Test
    void ipv6SettingsChangeInTheNamespaceAndAreRestoredOnClose() {
        vethUp();
        String own = readOwn("all/forwarding");
        String defaultDad = ns.exec("cat", "/proc/sys/net/ipv6/conf/default/accept_dad").trim();
        assertEquals("1", defaultDad, "a new namespace runs DAD by default");
        assertEquals(0, driver.ipv6Settings().get("mipa0", Ipv6Setting.FORWARDING));
        driver.ipv6Settings().set("mipa0", Ipv6Setting.FORWARDING, 1);
        driver.ipv6Settings().set("default", Ipv6Setting.ACCEPT_DAD, 0);
        assertEquals("1", ns.exec("cat", "/proc/sys/net/ipv6/conf/mipa0/forwarding").trim());
        assertEquals("0", ns.exec("cat", "/proc/sys/net/ipv6/conf/default/accept_dad").trim());
        assertEquals(1, driver.ipv6Settings().get("mipa0", Ipv6Setting.FORWARDING));
        assertEquals(own, readOwn("all/forwarding"), "the JVM's namespace is untouched");

        KernelException missing = assertThrows(KernelException.class,
                () -> driver.ipv6Settings().set("nosuch0", Ipv6Setting.FORWARDING, 1));
        assertEquals("ENODEV", missing.errnoName().name());
        assertTrue(missing.getMessage().startsWith("sysctl read net.ipv6.conf.nosuch0.forwarding: ENODEV"),
                missing.getMessage());

        driver.removePlatformObjects();
        assertEquals(defaultDad, ns.exec("cat", "/proc/sys/net/ipv6/conf/default/accept_dad").trim(),
                "restored to the value before the change");
    }

    @Test
    void aMissingNamespaceIsNamed() {
        KernelException e = assertThrows(KernelException.class, () -> NetlinkKernelDriver
                .open(NetworkNamespace.named("nlt-does-not-exist"), KernelTestBase::capabilities));
        assertEquals("ENOENT", e.errnoName().name());
        assertTrue(e.getMessage().contains("/var/run/netns/nlt-does-not-exist"), e.getMessage());
    }

    /**
     * Without CAP_NET_ADMIN the kernel refuses changes with EPERM. Capabilities are per thread, so one thread drops
     * its effective set (capset(2)) and makes the request through the driver.
     */
    @Test
    void withoutPermissionTheKernelsEpermIsNamed() throws Exception {
        vethUp();
        Route route = Route.to(Ipv6Prefix.parse("2001:db8:9::/64")).dev(index("mipa0"));
        FutureTask<KernelException> unprivileged = new FutureTask<>(() -> {
            Capabilities.dropEffective();
            try {
                driver.routes().add(route);
                return null;
            } catch (KernelException e) {
                return e;
            }
        });
        Thread thread = new Thread(unprivileged, "without CAP_NET_ADMIN");
        thread.start();
        KernelException e = unprivileged.get();
        assertTrue(e != null, "the route was added without CAP_NET_ADMIN");
        assertEquals("EPERM", e.errnoName().name());
        assertTrue(e.getMessage().startsWith("RTM_NEWROUTE 2001:db8:9::/64 table 254"), e.getMessage());
        assertEquals(0, ns.ipJson("-6", "route", "show", "2001:db8:9::/64").size());
    }

    private static String readOwn(String key) {
        try {
            return Files.readString(Path.of("/proc/sys/net/ipv6/conf", key)).trim();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** capget(2)/capset(2) with _LINUX_CAPABILITY_VERSION_3: a header, then two {effective, permitted, inheritable}. */
    static final class Capabilities {

        public interface Calls {
            int capget(@In ByteBuffer header, @Out ByteBuffer data);

            int capset(@In ByteBuffer header, @In ByteBuffer data);
        }

        private static final Calls CALLS = LibraryLoader.create(Calls.class).load("c");

        static void dropEffective() {
            ByteBuffer header = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            header.putInt(0, 0x20080522).putInt(4, 0);
            ByteBuffer data = ByteBuffer.allocateDirect(24).order(ByteOrder.nativeOrder());
            if (CALLS.capget(header, data) != 0) {
                throw new AssertionError("capget failed");
            }
            data.putInt(0, 0).putInt(12, 0);
            if (CALLS.capset(header, data) != 0) {
                throw new AssertionError("capset failed");
            }
        }
    }
}

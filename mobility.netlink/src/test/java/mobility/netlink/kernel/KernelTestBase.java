package mobility.netlink.kernel;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import mobility.api.kernel.Change;
import mobility.api.kernel.KernelCapabilities;
import mobility.api.kernel.KernelListener;
import mobility.netlink.driver.NetlinkKernelDriver;
import mobility.netlink.probe.CapabilityProber;

/**
 * Each test gets a fresh namespace and a driver bound to it from this JVM (which runs elsewhere); both are removed
 * after the test, whatever its outcome. Skipped without root.
 */
abstract class KernelTestBase {

    private static KernelCapabilities capabilities;

    TestNamespace ns;
    NetlinkKernelDriver driver;

    @BeforeAll
    static void requireRoot() {
        assumeTrue(TestNamespace.privileged(), "kernel tests need root (network namespaces, CAP_NET_ADMIN); "
                + "running as " + System.getProperty("user.name"));
    }

    static synchronized KernelCapabilities capabilities() {
        if (capabilities == null) {
            capabilities = CapabilityProber.probe();
        }
        return capabilities;
    }

    @BeforeEach
    void openNamespaceAndDriver() {
        ns = new TestNamespace();
        try {
            driver = NetlinkKernelDriver.open(ns.namespace(), KernelTestBase::capabilities);
        } catch (RuntimeException | Error e) {
            ns.close();
            throw e;
        }
    }

    @AfterEach
    void closeDriverAndNamespace() {
        try {
            if (driver != null) {
                driver.close();
            }
        } finally {
            ns.close();
        }
    }

    /** Creates the veth pair mipa0/mipb0 and brings both up. */
    void vethUp() {
        driver.links().addVethPair("mipa0", "mipb0");
        driver.links().setUp("mipb0", true);
        driver.links().setUp("mipa0", true);
    }

    int index(String link) {
        return driver.links().require(link).index();
    }

    /** A listener that queues what it hears, and waits for a matching event. */
    static final class Events<T> implements KernelListener<T> {

        record Event<T>(Change change, T object) {
        }

        private final BlockingQueue<Event<T>> queue = new LinkedBlockingQueue<>();

        @Override
        public void changed(Change change, T object) {
            queue.add(new Event<>(change, object));
        }

        Event<T> await(Change change, Predicate<T> matching) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                Event<T> e = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (e != null && e.change() == change && matching.test(e.object())) {
                    return e;
                }
            }
            assertNotNull(null, "no " + change + " event matching within 5 s");
            return null;
        }
    }
}

package mobility.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

/** fileinstall on the container's watched folder: a bundle jar dropped in while running is installed and started. */
@ExtendWith(BundleContextExtension.class)
class WatchedFolderTest {

    @InjectBundleContext
    BundleContext context;

    @Test
    void bundleJarDroppedWhileRunningIsStartedAndRemovedAgain() throws Exception {
        Path load = Files.createDirectories(Path.of(context.getProperty("felix.fileinstall.dir")));
        String bsn = "itest.dropped." + UUID.randomUUID().toString().substring(0, 8);
        Path jar = load.resolve(bsn + ".jar");
        Path tmp = Files.createTempFile("dropped", ".jar");
        writeBundle(tmp, bsn);
        Files.move(tmp, jar);
        try {
            Bundle b = await(bsn, true);
            assertNotNull(b, "bundle " + bsn + " was not installed from " + jar);
            assertEquals(Bundle.ACTIVE, b.getState());
        } finally {
            Files.deleteIfExists(jar);
        }
        assertNull(await(bsn, false), "bundle " + bsn + " stayed installed after its jar was removed");
    }

    /** Waits until the bundle is active (present) or gone (not present); returns what was last seen. */
    private Bundle await(String bsn, boolean present) throws InterruptedException {
        Bundle found = null;
        for (long end = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < end; Thread.sleep(100)) {
            found = find(bsn);
            if (present ? found != null && found.getState() == Bundle.ACTIVE : found == null) {
                break;
            }
        }
        return found;
    }

    private Bundle find(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private static void writeBundle(Path path, String bsn) throws Exception {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", bsn);
        a.putValue("Bundle-Version", "1.0.0");
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.flush();
        }
    }
}

package mobility.netlink.socket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import mobility.api.kernel.KernelException;

/**
 * Writes a network device's sysfs attribute (/sys/class/net/NAME/...). sysfs shows the devices of the network
 * namespace it was mounted in, not the reader's (sysfs-rules, the net class is namespace-tagged at mount time): a
 * thread that entered another namespace with setns(2) would still see the JVM's. Such a thread — one that ends when
 * its work is done — takes a mount namespace of its own (unshare(2) CLONE_NEWNS, made private so that nothing
 * propagates back) and mounts a sysfs of its current network namespace over /sys there; its end removes both.
 */
final class DeviceAttributes {

    private static final int EIO = 5;

    private DeviceAttributes() {
    }

    /**
     * Writes {@code value} to attribute {@code attribute} of device {@code device}.
     *
     * @param disposableThread the calling thread entered another network namespace and ends after this work, so it
     *        may take a mount namespace of its own; false for a thread of the JVM's own namespace, whose /sys is right
     */
    static void write(String device, String attribute, String value, boolean disposableThread) {
        if (disposableThread) {
            Sys.check(Sys.LIB.unshare(Sys.CLONE_NEWNS), "unshare(CLONE_NEWNS) to see the namespace's sysfs");
            Sys.check(Sys.LIB.mount("none", "/", null, Sys.MS_REC | Sys.MS_PRIVATE, 0), "mount --make-rprivate /");
            Sys.check(Sys.LIB.mount("sysfs", "/sys", "sysfs", 0, 0), "mount sysfs of the namespace");
        }
        Path file = Path.of("/sys/class/net", device, attribute);
        try {
            Files.writeString(file, value, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KernelException("write " + file, EIO, e.getMessage());
        }
    }
}

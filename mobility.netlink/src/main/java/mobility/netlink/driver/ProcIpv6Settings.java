package mobility.netlink.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import mobility.api.kernel.Ipv6Setting;
import mobility.api.kernel.Ipv6Settings;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.NetworkNamespace;
import mobility.netlink.nl.Namespaces;

/**
 * {@link Ipv6Settings} through /proc/sys/net/ipv6/conf, which shows the sysctls of the reading thread's network
 * namespace: for another namespace the file is read and written from a thread inside it. The first value seen
 * before each change is kept, so that {@link #restore()} puts back what the platform changed.
 */
final class ProcIpv6Settings implements Ipv6Settings {

    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int EIO = 5;
    private static final int ENODEV = 19;
    private static final int EINVAL = 22;

    private final NetworkNamespace namespace;
    private final Map<String, Integer> originals = new LinkedHashMap<>();

    ProcIpv6Settings(NetworkNamespace namespace) {
        this.namespace = namespace;
    }

    private static String key(String interfaceName, Ipv6Setting setting) {
        if (interfaceName.isEmpty() || interfaceName.contains("/") || interfaceName.startsWith(".")) {
            throw new IllegalArgumentException("not an interface name: '" + interfaceName + "'");
        }
        return interfaceName + "/" + setting.key();
    }

    @Override
    public int get(String interfaceName, Ipv6Setting setting) {
        String key = key(interfaceName, setting);
        return Namespaces.inside(namespace, () -> read(key));
    }

    @Override
    public synchronized void set(String interfaceName, Ipv6Setting setting, int value) {
        String key = key(interfaceName, setting);
        Namespaces.inside(namespace, () -> {
            int before = read(key);
            write(key, value);
            originals.putIfAbsent(key, before);
            return null;
        });
    }

    /** Puts back every setting changed since the driver opened; interfaces that are gone are skipped. */
    synchronized int restore() {
        Map<String, Integer> changed = new LinkedHashMap<>(originals);
        originals.clear();
        return Namespaces.inside(namespace, () -> {
            int restored = 0;
            for (Map.Entry<String, Integer> e : changed.entrySet()) {
                try {
                    if (read(e.getKey()) != e.getValue()) {
                        write(e.getKey(), e.getValue());
                        restored++;
                    }
                } catch (KernelException gone) {
                    if (gone.errno() != ENODEV) {
                        throw gone;
                    }
                }
            }
            return restored;
        });
    }

    private static Path file(String key) {
        return Path.of("/proc/sys/net/ipv6/conf", key);
    }

    private static int read(String key) {
        try {
            return Integer.parseInt(Files.readString(file(key), StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw failure("read", key, e);
        }
    }

    private static void write(String key, int value) {
        try {
            Files.writeString(file(key), Integer.toString(value), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw failure("write", key, e);
        }
    }

    /** The file errors as errnos: a missing interface directory is ENODEV, a missing setting ENOENT. */
    private static KernelException failure(String action, String key, IOException e) {
        String request = "sysctl " + action + " net.ipv6.conf." + key.replace('/', '.');
        if (e instanceof NoSuchFileException) {
            boolean interfaceExists = Files.isDirectory(file(key).getParent());
            return new KernelException(request, interfaceExists ? ENOENT : ENODEV,
                    interfaceExists ? "no such setting in this kernel" : "no such interface");
        }
        if (e instanceof AccessDeniedException) {
            return new KernelException(request, EPERM, "permission denied");
        }
        String message = String.valueOf(e.getMessage());
        return new KernelException(request, message.contains("Invalid argument") ? EINVAL : EIO, message);
    }
}

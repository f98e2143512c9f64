package mobility.api.kernel;

import java.nio.file.Path;

/**
 * A network namespace a driver works in: the JVM's own, one named by {@code ip netns add NAME} (bound under
 * /var/run/netns), or any namespace file such as /proc/PID/ns/net.
 *
 * @param path the namespace file, or {@code null} for the namespace the JVM runs in
 */
public record NetworkNamespace(Path path) {

    private static final NetworkNamespace CURRENT = new NetworkNamespace(null);

    /** The namespace the JVM was started in. */
    public static NetworkNamespace current() {
        return CURRENT;
    }

    /** A namespace created with {@code ip netns add NAME}. */
    public static NetworkNamespace named(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a namespace name: '" + name + "'");
        }
        return new NetworkNamespace(Path.of("/var/run/netns", name));
    }

    public static NetworkNamespace ofPath(Path path) {
        return new NetworkNamespace(path);
    }

    public boolean isCurrent() {
        return path == null;
    }

    @Override
    public String toString() {
        return path == null ? "current" : path.toString();
    }
}

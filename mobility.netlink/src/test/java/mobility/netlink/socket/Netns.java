package mobility.netlink.socket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import mobility.api.kernel.NetworkNamespace;

/**
 * A network namespace a test creates with a unique name and always deletes; commands run inside with ip netns.
 * Shared with the signalling and tunnel modules' tests through this module's test jar.
 */
public final class Netns implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    public final String name;

    private Netns(String name) {
        this.name = name;
    }

    public static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static Netns create(String role) {
        String name = "mt" + ProcessHandle.current().pid() + role + SEQUENCE.incrementAndGet();
        run("ip", "netns", "add", name);
        Netns ns = new Netns(name);
        ns.exec("ip link set lo up");
        return ns;
    }

    public NetworkNamespace namespace() {
        return NetworkNamespace.named(name);
    }

    /** Runs a command line inside the namespace and returns its output; fails on a non-zero exit. */
    public String exec(String commandLine) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(commandLine.split(" ")));
        return run(cmd.toArray(String[]::new));
    }

    /** Two namespaces joined by a veth pair with the given addresses (/64, no DAD). */
    public static void link(Netns a, String aName, String aAddress, Netns b, String bName, String bAddress) {
        run("ip", "link", "add", aName, "netns", a.name, "type", "veth", "peer", bName, "netns", b.name);
        a.exec("ip addr add " + aAddress + "/64 dev " + aName + " nodad");
        b.exec("ip addr add " + bAddress + "/64 dev " + bName + " nodad");
        a.exec("ip link set " + aName + " up");
        b.exec("ip link set " + bName + " up");
    }

    public static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        run("ip", "netns", "del", name);
    }
}

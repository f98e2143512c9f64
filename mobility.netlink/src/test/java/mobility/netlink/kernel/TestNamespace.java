package mobility.netlink.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import mobility.api.kernel.NetworkNamespace;

/**
 * A network namespace made for one test ({@code ip netns add nlt-<random>}) and iproute2 run inside it, whose
 * view the tests compare with the driver's. Closing deletes the namespace and everything in it.
 */
final class TestNamespace implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    final String name;

    TestNamespace() {
        byte[] id = new byte[4];
        RANDOM.nextBytes(id);
        name = "nlt-" + HexFormat.of().formatHex(id);
        run(List.of("ip", "netns", "add", name));
    }

    /** Whether this process may create namespaces and change the kernel's network state. */
    static boolean privileged() {
        return "root".equals(System.getProperty("user.name"));
    }

    NetworkNamespace namespace() {
        return NetworkNamespace.named(name);
    }

    /** {@code ip -n NAME ARGS...}; fails the test with iproute2's message when it fails. */
    String ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(args));
        return run(command);
    }

    /** {@code ip -n NAME -j ARGS...} parsed. */
    JsonNode ipJson(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", name, "-j"));
        command.addAll(List.of(args));
        String out = run(command).trim();
        try {
            return JSON.readTree(out.isEmpty() ? "[]" : out);
        } catch (IOException e) {
            throw new AssertionError("ip printed no JSON: " + out, e);
        }
    }

    /** Runs {@code ip -n NAME ARGS...} and returns its exit code (for tries that may fail). */
    int ipStatus(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(args));
        return execute(command).status;
    }

    /** A command run inside the namespace with {@code ip netns exec}. */
    String exec(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
        command.addAll(List.of(args));
        return run(command);
    }

    @Override
    public void close() {
        run(List.of("ip", "netns", "del", name));
    }

    static String run(List<String> command) {
        Result r = execute(command);
        if (r.status != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + r.status + "): " + r.output);
        }
        return r.output;
    }

    private record Result(int status, String output) {
    }

    private static Result execute(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

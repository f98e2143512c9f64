package mobility.netlink.tool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mobility.api.kernel.KernelException;
import mobility.api.kernel.NetworkNamespace;
import mobility.netlink.nl.Namespaces;

/**
 * Runs a command-line tool (nft, ip) inside a network namespace: a child process inherits the namespace of the
 * thread that starts it, so it is started from a thread inside the namespace.
 */
final class Commands {

    private static final int EIO = 5;
    private static final int ENOENT = 2;
    private static final long TIMEOUT_SECONDS = 10;

    private Commands() {
    }

    /** Runs {@code command} with {@code input} (or nothing) on standard input; its output, or a KernelException. */
    static String run(NetworkNamespace namespace, List<String> command, String input, String request) {
        return Namespaces.inside(namespace, () -> {
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new KernelException(request, ENOENT, command.get(0) + " is not installed: " + e.getMessage());
            }
            if (input != null) {
                p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new KernelException(request, EIO, command.get(0) + " did not finish in " + TIMEOUT_SECONDS
                        + " s");
            }
            if (p.exitValue() != 0) {
                throw new KernelException(request, EIO, out.trim());
            }
            return out;
        });
    }
}

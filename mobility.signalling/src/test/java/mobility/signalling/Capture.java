package mobility.signalling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mobility.netlink.socket.Netns;

/** Debian's tshark capturing on one interface of a namespace, and its dissection of what it saw. */
final class Capture implements AutoCloseable {

    private final Process process;
    private final Path file;
    private final CountDownLatch started = new CountDownLatch(1);

    private Capture(Process process, Path file) {
        this.process = process;
        this.file = file;
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/tshark"));
    }

    static Capture start(Netns ns, String link) throws IOException, InterruptedException {
        Path file = Files.createTempFile("mobility-capture-", ".pcapng");
        Process p = new ProcessBuilder("ip", "netns", "exec", ns.name, "tshark", "-q", "-i", link, "-w",
                file.toString()).redirectErrorStream(true).start();
        Capture c = new Capture(p, file);
        Thread reader = new Thread(() -> c.watch(p.getInputStream()), "tshark-output");
        reader.setDaemon(true);
        reader.start();
        // tshark's start (dissector registration) took over 20 s in the qemu guest under load.
        long scale = Long.parseLong(System.getenv().getOrDefault("MOBILITY_TIMEOUT_SCALE", "1"));
        if (!c.started.await(20 * scale, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("tshark did not start capturing on " + link);
        }
        return c;
    }

    private void watch(InputStream out) {
        try {
            byte[] buf = new byte[4096];
            StringBuilder seen = new StringBuilder();
            int n;
            while ((n = out.read(buf)) > 0) {
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                if (seen.indexOf("Capturing on") >= 0) {
                    started.countDown();
                }
            }
        } catch (IOException e) {
            started.countDown();
        }
    }

    /** Stops the capture (tshark writes its file on SIGTERM) and dissects it: one line per packet, fields tab-separated. */
    List<String> stop(String... fields) throws IOException, InterruptedException {
        Thread.sleep(300);
        process.destroy();
        process.waitFor(10L * Long.parseLong(System.getenv().getOrDefault("MOBILITY_TIMEOUT_SCALE", "1")),
                TimeUnit.SECONDS);
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", file.toString(), "-T", "fields",
                "-E", "separator=/t", "-E", "occurrence=f"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process read = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        read.waitFor(20L * Long.parseLong(System.getenv().getOrDefault("MOBILITY_TIMEOUT_SCALE", "1")),
                TimeUnit.SECONDS);
        return out.lines().toList();
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(file);
    }
}

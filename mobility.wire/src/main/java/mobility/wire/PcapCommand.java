package mobility.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

import mobility.api.wire.ipv6.Ipv6PacketCodec;
import mobility.wire.PacketDescriber.Kind;

/**
 * {@code ./mobility pcap FILE [--json] [--all]}: one line per Mobile IPv6 packet of a pcap file (with
 * {@code --all}, one per frame), malformed packets shown with their error; the run never stops at a bad frame. A
 * plain Java program: {@code java -cp mobility.wire.jar:mobility.api.jar mobility.wire.PcapCommand FILE}.
 * Exit status 0, or 2 when the file cannot be read at all (a file cut short ends the run with a message, status 0).
 */
public final class PcapCommand {

    private final Ipv6PacketCodec codec = Ipv6PacketCodec.standard();

    public static void main(String[] args) throws IOException {
        Path file = null;
        boolean json = false;
        boolean all = false;
        for (String a : args) {
            switch (a) {
                case "--json", "-j" -> json = true;
                case "--all", "-a" -> all = true;
                case "-h", "--help" -> {
                    System.out.println("usage: ./mobility pcap FILE [--json] [--all]");
                    return;
                }
                default -> file = Path.of(a);
            }
        }
        if (file == null) {
            System.err.println("usage: ./mobility pcap FILE [--json] [--all]");
            System.exit(2);
        }
        int status;
        try (InputStream in = Files.newInputStream(file)) {
            status = new PcapCommand().run(in, System.out, System.err, json, all);
        } catch (IOException e) {
            System.err.println("mobility pcap: " + file + ": " + e.getMessage());
            status = 2;
        }
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /** As {@link #run(InputStream, OutputStream, PrintStream, boolean, boolean)}, the lines collected as text. */
    int run(InputStream in, Writer out, PrintStream err, boolean json, boolean all) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = run(in, bytes, err, json, all);
        out.write(bytes.toString(StandardCharsets.UTF_8));
        out.flush();
        return status;
    }

    /**
     * Decodes every frame, writes the lines as UTF-8 in frame order, and a summary to {@code err}. Returns the exit
     * status. Batches of frames are decoded on every core while this thread reads the next ones and writes the lines.
     */
    int run(InputStream in, OutputStream out, PrintStream err, boolean json, boolean all) throws IOException {
        PcapReader reader;
        try {
            reader = new PcapReader(in);
        } catch (PcapFormatException e) {
            err.println("mobility pcap: " + e.getMessage());
            return 2;
        }
        FrameDecoder decoder = new FrameDecoder(codec, reader.linkType(), all);
        int workers = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(workers, new DecoderThreads());
        // Two batches a worker: one being decoded, one waiting, so that no worker idles while lines are written.
        Deque<Future<FrameBatch>> decoding = new ArrayDeque<>();
        Deque<FrameBatch> free = new ArrayDeque<>();
        long[] counts = new long[Kind.values().length];
        long frames = 0;
        PcapFormatException cut = null;
        try {
            boolean more = true;
            while (more) {
                FrameBatch batch = free.isEmpty() ? new FrameBatch(decoder, json) : free.pop();
                try {
                    more = batch.fill(reader);
                } catch (PcapFormatException e) {
                    cut = e;
                    more = false;
                }
                frames += batch.size();
                decoding.add(pool.submit(batch));
                while (decoding.size() > 2 * workers || !more && !decoding.isEmpty()) {
                    FrameBatch done = decoded(decoding.poll());
                    done.drainTo(out, counts);
                    free.push(done);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        out.flush();
        // A StringBuilder rather than "+": javac makes each concatenation an invokedynamic call site, whose first
        // run spins method handle classes for a few milliseconds, a cost paid here at the end of every run.
        if (cut != null) {
            err.println(new StringBuilder("mobility pcap: ").append(cut.getMessage()));
        }
        err.println(new StringBuilder("mobility pcap: ").append(frames).append(" frames (")
                .append(LinkLayer.name(reader.linkType())).append("): ").append(summary(counts)));
        return 0;
    }

    /**
     * Daemon threads named "pcap decoder". A class rather than a lambda: linking a lambda's call site starts the
     * method handle machinery, which spins classes with its bytecode generator, milliseconds of every run's start.
     */
    private static final class DecoderThreads implements ThreadFactory {
        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "pcap decoder");
            t.setDaemon(true);
            return t;
        }
    }

    /** Waits for a batch; what a worker threw is thrown here, as the loop would have thrown it. */
    private static FrameBatch decoded(Future<FrameBatch> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The counts by kind, as an EnumMap prints them: "{MIPv6=10, malformed=1}". */
    private static String summary(long[] counts) {
        Map<Kind, Long> present = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            if (counts[k.ordinal()] > 0) {
                present.put(k, counts[k.ordinal()]);
            }
        }
        return present.toString();
    }
}

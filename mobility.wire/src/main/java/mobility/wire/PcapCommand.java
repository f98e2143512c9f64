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
import java.util.EnumMap;
import java.util.Map;

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
     * status. Batches of frames are decoded on every core while this thread reads the next ones and writes the lines
     * ({@link DecoderRing}).
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
        // Three batches a decoder thread: one being decoded, one waiting, one being filled, so that no decoder idles
        // while lines are written.
        DecoderRing ring = new DecoderRing(decoder, json, Runtime.getRuntime().availableProcessors(), 3);
        long[] counts = new long[Kind.values().length];
        long frames = 0;
        PcapFormatException cut = null;
        try {
            long filled = 0;
            long written = 0;
            boolean more = true;
            while (more) {
                FrameBatch batch = ring.batch(filled);
                try {
                    more = batch.fill(reader);
                } catch (PcapFormatException e) {
                    cut = e;
                    more = false;
                }
                frames += batch.size();
                batch.handOff();
                filled++;
                // The oldest batch is written while the others decode, so that its slot is free for the next one.
                while (filled - written == ring.size() || !more && written < filled) {
                    FrameBatch done = ring.batch(written++);
                    done.awaitDecoded();
                    done.drainTo(out, counts);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding", e);
        } finally {
            ring.close();
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

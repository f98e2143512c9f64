package mobility.wire;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import mobility.api.wire.ipv6.Ipv6PacketCodec;

/**
 * {@code ./mobility pcap FILE [--json] [--all]}: one line per Mobile IPv6 packet of a pcap file (with
 * {@code --all}, one per frame), malformed packets shown with their error; the run never stops at a bad frame. A
 * plain Java program: {@code java -cp mobility.wire.jar:mobility.api.jar mobility.wire.PcapCommand FILE}.
 * Exit status 0, or 2 when the file cannot be read at all (a file cut short ends the run with a message, status 0).
 */
public final class PcapCommand {

    private final PacketDescriber describer = new PacketDescriber(Ipv6PacketCodec.standard());
    private final Map<PacketDescriber.Kind, Long> counts = new EnumMap<>(PacketDescriber.Kind.class);

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
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        int status;
        try (InputStream in = Files.newInputStream(file)) {
            status = new PcapCommand().run(in, out, System.err, json, all);
        } catch (IOException e) {
            System.err.println("mobility pcap: " + file + ": " + e.getMessage());
            status = 2;
        }
        out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Decodes every frame, writes the lines, and a summary to {@code err}. Returns the exit status. */
    int run(InputStream in, Writer out, PrintStream err, boolean json, boolean all) throws IOException {
        PcapReader reader;
        try {
            reader = new PcapReader(in);
        } catch (PcapFormatException e) {
            err.println("mobility pcap: " + e.getMessage());
            return 2;
        }
        Frame frame = new Frame();
        long frames = 0;
        try {
            while (reader.next(frame)) {
                frames++;
                Map<String, Object> d = describer.frame(frame, reader.linkType());
                PacketDescriber.Kind kind = (PacketDescriber.Kind) d.get("kind");
                counts.merge(kind, 1L, Long::sum);
                if (all || kind == PacketDescriber.Kind.MIPV6 || kind == PacketDescriber.Kind.MALFORMED) {
                    out.write(json ? Render.json(d) : Render.text(d));
                    out.write('\n');
                }
            }
        } catch (PcapFormatException e) {
            err.println("mobility pcap: " + e.getMessage());
        }
        out.flush();
        err.println("mobility pcap: " + frames + " frames (" + LinkLayer.name(reader.linkType()) + "): " + counts);
        return 0;
    }
}

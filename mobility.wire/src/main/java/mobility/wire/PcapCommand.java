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

import mobility.api.wire.IpProtocol;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.ipv6.Ipv6Packet;
import mobility.api.wire.ipv6.Ipv6PacketCodec;
import mobility.api.wire.mh.MobilityMessage;
import mobility.wire.PacketDescriber.Kind;

/**
 * {@code ./mobility pcap FILE [--json] [--all]}: one line per Mobile IPv6 packet of a pcap file (with
 * {@code --all}, one per frame), malformed packets shown with their error; the run never stops at a bad frame. A
 * plain Java program: {@code java -cp mobility.wire.jar:mobility.api.jar mobility.wire.PcapCommand FILE}.
 * Exit status 0, or 2 when the file cannot be read at all (a file cut short ends the run with a message, status 0).
 */
public final class PcapCommand {

    private final Ipv6PacketCodec codec = Ipv6PacketCodec.standard();
    private final PacketDescriber describer = new PacketDescriber(codec);

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

    /** Decodes every frame, writes the lines as UTF-8, and a summary to {@code err}. Returns the exit status. */
    int run(InputStream in, OutputStream out, PrintStream err, boolean json, boolean all) throws IOException {
        PcapReader reader;
        try {
            reader = new PcapReader(in);
        } catch (PcapFormatException e) {
            err.println("mobility pcap: " + e.getMessage());
            return 2;
        }
        OutputBuffer buffer = new OutputBuffer(out);
        LineRenderer lines = LineRenderer.of(buffer, json);
        long[] counts = new long[Kind.values().length];
        Frame frame = new Frame();
        long frames = 0;
        try {
            while (reader.next(frame)) {
                frames++;
                counts[frame(frame, reader.linkType(), lines, all).ordinal()]++;
            }
        } catch (PcapFormatException e) {
            err.println("mobility pcap: " + e.getMessage());
        }
        buffer.flush();
        err.println("mobility pcap: " + frames + " frames (" + LinkLayer.name(reader.linkType()) + "): "
                + summary(counts));
        return 0;
    }

    /**
     * Writes the frame's line if it is one to show, and returns what it is. A frame that decodes to a message is
     * rendered from the decoded packet; the others, rare in a Mobile IPv6 capture, from their full description.
     */
    private Kind frame(Frame frame, int linkType, LineRenderer lines, boolean all) throws IOException {
        int at = LinkLayer.ipv6Offset(linkType, frame.data(), frame.capturedLength());
        if (at >= 0 && !frame.truncated()) {
            Ipv6Packet p = decoded(frame, at);
            if (p != null && !p.fragment()) {
                MobilityMessage mh = p.mobilityMessage().orElse(null);
                Icmpv6Message icmp = p.icmpv6Message().orElse(null);
                if (mh != null || icmp != null) {
                    Kind kind = mh != null || MessageFields.isMobileIpv6(icmp) ? Kind.MIPV6 : Kind.OTHER_IPV6;
                    if (all || kind == Kind.MIPV6) {
                        lines.decoded(frame, p, mh, icmp, kind);
                    }
                    return kind;
                }
                if (!all && p.upperLayerProtocol() != IpProtocol.DRAFT_MOBILITY_HEADER) {
                    return Kind.OTHER_IPV6;
                }
            }
        } else if (!all && (at == LinkLayer.NOT_IPV6 || at == LinkLayer.UNSUPPORTED)) {
            return Kind.NOT_IPV6;
        }
        Map<String, Object> d = describer.frame(frame, linkType);
        Kind kind = (Kind) d.get("kind");
        if (all || kind == Kind.MIPV6 || kind == Kind.MALFORMED) {
            lines.described(d);
        }
        return kind;
    }

    /** The packet, or null when it is malformed: its description then names the error. */
    private Ipv6Packet decoded(Frame frame, int at) {
        try {
            return codec.inspect(frame.data(), at, frame.capturedLength() - at);
        } catch (WireFormatException e) {
            return null;
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

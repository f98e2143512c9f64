package mobility.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import mobility.api.wire.ipv6.Ipv6PacketCodec;

/**
 * The public tcpdump regression captures in shared/captures/tcpdump (fuzzer-found crash reproducers, a scapy-built
 * file with zero checksums and unaligned options, an RA with the MIPv6 options): every frame is described as what it
 * is, and nothing is thrown. Skipped when the captures are not beside the repository.
 */
class TcpdumpCapturesTest {

    private static Path captures() {
        for (Path p : List.of(Path.of("../../shared/captures/tcpdump"), Path.of("/work/shared/captures/tcpdump"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        Assumptions.abort("shared/captures/tcpdump is not beside the repository: the capture test is skipped");
        return null;
    }

    private static List<Map<String, Object>> describe(Path file) throws IOException {
        PacketDescriber describer = new PacketDescriber(Ipv6PacketCodec.standard());
        List<Map<String, Object>> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            PcapReader reader = new PcapReader(in);
            Frame frame = new Frame();
            while (reader.next(frame)) {
                out.add(describer.frame(frame, reader.linkType()));
            }
        }
        return out;
    }

    @Test
    void everyFrameOfEveryCaptureIsDescribedAndNothingIsThrown() throws IOException {
        int frames = 0;
        try (Stream<Path> files = Files.list(captures())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pcap")).sorted().toList()) {
                for (Map<String, Object> d : describe(f)) {
                    frames++;
                    assertTrue(d.containsKey("kind"), f + ": " + d);
                    String line = Render.text(d);
                    assertTrue(!line.isBlank() && !Render.json(d).isBlank(), f + ": " + d);
                    if (d.get("kind") == PacketDescriber.Kind.MALFORMED) {
                        assertTrue(line.contains("MALFORMED"), line);
                    }
                }
            }
        }
        assertTrue(frames >= 35, "only " + frames + " frames read");
    }

    @Test
    void scapyCaptureShowsEveryTypeItsBadChecksumsAndItsUnalignedOptions() throws IOException {
        List<Map<String, Object>> d = describe(captures().resolve("ipv6_mobility_1.pcap"));
        assertEquals(16, d.size());
        List<Integer> malformed = new ArrayList<>();
        for (Map<String, Object> frame : d) {
            if (frame.get("kind") == PacketDescriber.Kind.MALFORMED) {
                malformed.add((Integer) frame.get("frame"));
                assertTrue(String.valueOf(frame.get("error")).contains("alignment requirement"), frame.toString());
            } else {
                assertEquals("bad", frame.get("checksum"), frame.toString());
            }
        }
        assertEquals(List.of(7, 9, 10, 13, 14), malformed);
        assertEquals("Binding Refresh Request", d.get(0).get("message"));
        assertEquals("Binding Error", d.get(14).get("message"));
        assertEquals(Map.of("status", 1, "statusText", "Unknown binding for Home Address destination option",
                "homeAddress", "2001:db8::1"), d.get(14).get("fields"));
    }

    @Test
    void routerAdvertisementShowsTheHomeAgentFlagAndOptions() throws IOException {
        Map<String, Object> ra = describe(captures().resolve("icmpv6.pcap")).get(0);
        assertEquals(PacketDescriber.Kind.MIPV6, ra.get("kind"));
        assertEquals("H", ((Map<?, ?>) ra.get("fields")).get("flags"));
        String text = Render.text(ra);
        assertTrue(text.contains("Advertisement Interval intervalMillis=5000"), text);
        assertTrue(text.contains("Home Agent Information preference="), text);
    }

    @Test
    void draftNextHeader62FramesAreReportedAsSuch() throws IOException {
        Map<String, Object> d = describe(captures().resolve("mobility_opt_asan.pcap")).get(0);
        assertTrue(String.valueOf(d.get("note")).contains("next header 62"), d.toString());
        assertTrue(String.valueOf(d.get("note")).contains("capture cut short"), d.toString());
        assertEquals(PacketDescriber.Kind.MALFORMED, d.get("kind"));
    }

    @Test
    void commandPrintsOneLinePerMipv6PacketAndASummary() throws IOException {
        StringWriter out = new StringWriter();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(captures().resolve("icmpv6.pcap"))) {
            assertEquals(0, new PcapCommand().run(in, out, new PrintStream(err, true), true, false));
        }
        String[] lines = out.toString().split("\n");
        assertEquals(1, lines.length, out.toString());
        assertTrue(lines[0].startsWith("{\"frame\":1,"), lines[0]);
        assertTrue(err.toString().contains("5 frames"), err.toString());
    }

    @Test
    void decoderThreadsEndWithTheRun() throws IOException, InterruptedException {
        try (InputStream in = Files.newInputStream(captures().resolve("ipv6_mobility_1.pcap"))) {
            new PcapCommand().run(in, new StringWriter(), new PrintStream(new ByteArrayOutputStream(), true), false, true);
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("pcap decoder")) {
                t.join(5_000);
                assertFalse(t.isAlive(), "a decoder thread outlived its run");
            }
        }
    }
}

package mobility.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.ipv6.Ipv6PacketBuilder;
import mobility.api.wire.ipv6.Ipv6PacketCodec;
import mobility.api.wire.mh.MobilityMessage;
import mobility.wire.PcapWriter;

/**
 * {@code GeneratePcap FILE COUNT}: a raw-IPv6 pcap of COUNT mixed Mobile IPv6 packets (every Mobility Header type,
 * with Home Address options and type 2 routing headers, and the Mobile IPv6 ICMPv6 messages), made from 1024
 * distinct packets built with a fixed seed.
 */
public final class GeneratePcap {

    private GeneratePcap() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        Random random = new Random(6275);
        byte[][] distinct = new byte[1024][];
        Ipv6PacketCodec codec = Ipv6PacketCodec.standard();
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = packet(codec, random, i);
        }
        try (OutputStream out = Files.newOutputStream(file); PcapWriter writer = new PcapWriter(out)) {
            for (int i = 0; i < count; i++) {
                byte[] p = distinct[i % distinct.length];
                writer.write(p, 0, p.length, 1_700_000_000L + i / 1000, i % 1000 * 1000);
            }
        }
    }

    private static Ipv6Address address(Random random) {
        return Ipv6Address.of(0x20010db8L << 32 | random.nextInt() & 0xffffL, random.nextLong() | 1);
    }

    private static byte[] packet(Ipv6PacketCodec codec, Random random, int i) {
        MobilityMessage m = MixedMessages.mobility(random, i);
        Ipv6PacketBuilder b = m != null ? codec.packet(m) : codec.packet(MixedMessages.icmp(random, i));
        b.source(address(random)).destination(address(random));
        if (m != null && i % 3 == 0) {
            b.homeAddressOption(address(random));
        } else if (i % 3 == 1) {
            b.type2RoutingHeader(address(random));
        }
        return b.build();
    }
}

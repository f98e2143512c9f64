package mobility.api.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.ipv6.Ipv6PacketBuilder;
import mobility.api.wire.ipv6.Ipv6PacketCodec;
import mobility.api.wire.mh.MobilityHeaderCodec;

/**
 * A mutation fuzzer: valid packets and messages from {@link RandomMessages}, mutated (bit flips, random and
 * boundary octets, truncation, extension, insertion, deletion, splicing), fed to every decoder. The only exception
 * allowed to escape is {@link WireFormatException}. Time-bounded: {@value #DEFAULT_SECONDS} s in the normal build;
 * {@code -Dmobility.fuzz.seconds=N} runs longer, {@code -Dmobility.fuzz.seed=S} replays a seed. Prints its figures.
 */
class DecoderFuzzTest {

    private static final int DEFAULT_SECONDS = 20;
    private static final int[] BOUNDARY = {0, 1, 2, 4, 6, 7, 8, 12, 16, 18, 59, 127, 128, 135, 200, 201, 254, 255};

    private final Ipv6PacketCodec packets = Ipv6PacketCodec.standard();
    private final MobilityHeaderCodec mh = MobilityHeaderCodec.standard();

    @Test
    void onlyWireFormatExceptionEverEscapesTheDecoders() {
        long seconds = Long.getLong("mobility.fuzz.seconds", DEFAULT_SECONDS);
        long seed = Long.getLong("mobility.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        RandomMessages messages = new RandomMessages(random);
        List<byte[]> corpus = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            corpus.add(seed(random, messages));
        }
        Map<String, Long> outcomes = new TreeMap<>();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long inputs = 0;
        long accepted = 0;
        while (System.nanoTime() < deadline) {
            for (int batch = 0; batch < 1000; batch++) {
                byte[] input = mutate(random, corpus.get(random.nextInt(corpus.size())), corpus);
                inputs++;
                try {
                    accepted += feed(input);
                } catch (WireFormatException e) {
                    outcomes.merge(e.messageName().replaceAll("[0-9]+", "n") + " / " + e.field().replaceAll("[0-9]+", "n")
                            + " -> " + e.answer(), 1L, Long::sum);
                } catch (Throwable t) {
                    fail("seed " + seed + " input " + hexOf(input) + " escaped with " + t, t);
                }
                if (random.nextInt(64) == 0) {
                    corpus.set(random.nextInt(corpus.size()), input);
                }
            }
        }
        System.out.printf("fuzz: seed %d, %d s, %d inputs (%.0f/s), %d decoded by every decoder, %d kinds of rejection%n",
                seed, seconds, inputs, inputs / (double) seconds, accepted, outcomes.size());
        outcomes.forEach((k, v) -> System.out.printf("fuzz:   %8d  %s%n", v, k));
        assertTrue(inputs > 2_000 * seconds, "the fuzzer ran only " + inputs + " inputs");
        assertTrue(outcomes.size() > 20, "the mutations reach too few checks: " + outcomes.keySet());
    }

    private static String hexOf(byte[] input) {
        return NetworkBytes.hex(input, 0, input.length);
    }

    /**
     * Every decoder on the same octets; returns 1 when the packet decoders accepted them. The bare Mobility Header
     * and ICMPv6 decoders see whatever the octets are, so their rejections are expected and only their not
     * throwing anything else matters.
     */
    private int feed(byte[] b) throws WireFormatException {
        try {
            mh.decodeUnverified(b, 0, b.length);
        } catch (WireFormatException expected) {
            // see above
        }
        try {
            Icmpv6Codec.decodeUnverified(b, 0, b.length);
        } catch (WireFormatException expected) {
            // see above
        }
        packets.inspect(b, 0, b.length);
        packets.decode(b, 0, b.length);
        return 1;
    }

    private byte[] seed(Random random, RandomMessages messages) {
        Ipv6PacketBuilder builder = random.nextBoolean()
                ? packets.packet(messages.mobilityMessage()) : packets.packet(messages.icmpv6Message());
        builder.source(messages.unicast()).destination(messages.unicast());
        if (random.nextInt(3) == 0) {
            builder.homeAddressOption(messages.unicast());
        }
        if (random.nextInt(3) == 0) {
            builder.type2RoutingHeader(messages.unicast());
        }
        byte[] packet = builder.build();
        return random.nextInt(4) == 0 ? Arrays.copyOfRange(packet, 40, packet.length) : packet;
    }

    private static byte[] mutate(Random random, byte[] in, List<byte[]> corpus) {
        byte[] b = in.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            if (b.length == 0) {
                b = new byte[] {(byte) random.nextInt()};
            }
            int at = random.nextInt(b.length);
            switch (random.nextInt(8)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) random.nextInt();
                case 2 -> b[at] = (byte) BOUNDARY[random.nextInt(BOUNDARY.length)];
                case 3 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1));
                case 4 -> {
                    byte[] longer = Arrays.copyOf(b, b.length + 1 + random.nextInt(16));
                    for (int i = b.length; i < longer.length; i++) {
                        longer[i] = (byte) random.nextInt();
                    }
                    b = longer;
                }
                case 5 -> {
                    byte[] inserted = new byte[b.length + 1];
                    System.arraycopy(b, 0, inserted, 0, at);
                    inserted[at] = (byte) random.nextInt();
                    System.arraycopy(b, at, inserted, at + 1, b.length - at);
                    b = inserted;
                }
                case 6 -> {
                    byte[] deleted = new byte[b.length - 1];
                    System.arraycopy(b, 0, deleted, 0, at);
                    System.arraycopy(b, at + 1, deleted, at, b.length - at - 1);
                    b = deleted;
                }
                default -> {
                    byte[] other = corpus.get(random.nextInt(corpus.size()));
                    if (other.length == 0) {
                        continue;
                    }
                    int from = random.nextInt(other.length);
                    int n = Math.min(b.length - at, other.length - from);
                    System.arraycopy(other, from, b, at, random.nextInt(n + 1));
                }
            }
        }
        return b;
    }
}

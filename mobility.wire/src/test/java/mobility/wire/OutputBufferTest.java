package mobility.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;

/** The byte renderer must write what the String forms it replaces write. */
class OutputBufferTest {

    private static String written(OutputBuffer b) {
        return new String(b.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void addressesAreWrittenAsIpv6AddressPrintsThem() {
        Random random = new Random(5952);
        for (int i = 0; i < 20_000; i++) {
            // Every pattern of zero and non-zero groups, with values of 1 to 4 hexadecimal digits.
            int zeros = i & 0xff;
            long high = 0;
            long low = 0;
            for (int g = 0; g < 8; g++) {
                long value = (zeros & 1 << g) != 0 ? 0 : random.nextInt(1 << 4 * (1 + random.nextInt(4)));
                if (g < 4) {
                    high = high << 16 | value;
                } else {
                    low = low << 16 | value;
                }
            }
            Ipv6Address a = Ipv6Address.of(high, low);
            assertEquals(a.toString(), written(new OutputBuffer(4).address(a)));
        }
    }

    @Test
    void numbersAreWrittenAsLongPrintsThemPaddedToTheirWidth() {
        long[] values = {0, 7, 9, 10, 99, 100, 65535, 999_999_999, 1_000_000_000, Integer.MAX_VALUE,
                Integer.MAX_VALUE + 1L, 0xffff_ffffL, Long.MAX_VALUE, -1, -65536, Integer.MIN_VALUE, Long.MIN_VALUE};
        for (long v : values) {
            assertEquals(Long.toString(v), written(new OutputBuffer(1).decimal(v)));
            String padded = v < 0 ? "-" + PacketDescriber.zeroPadded(Long.toString(v).substring(1), 9)
                    : PacketDescriber.zeroPadded(Long.toString(v), 9);
            if (v != Long.MIN_VALUE) {
                assertEquals(padded, written(new OutputBuffer(1).decimal(v, 9)), "width 9 of " + v);
            }
        }
    }

    @Test
    void constantsThatShareASlotAreBothKept() {
        // "Aa" and "BB" have the same hash code: each must still come out as itself, again and again.
        OutputBuffer b = new OutputBuffer(1);
        for (int i = 0; i < 3; i++) {
            b.constant("Aa").constant("BB");
        }
        assertEquals("AaBBAaBBAaBB", written(b));
    }
}

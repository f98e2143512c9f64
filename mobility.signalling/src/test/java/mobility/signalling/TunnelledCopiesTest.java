package mobility.signalling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingPacket.Arrival;

/** The plain copy of a tunnelled message (a TUN or ip6tnl device's) is dropped; nothing else is. */
class TunnelledCopiesTest {

    private static final Ipv6Address CN = Ipv6Address.parse("2001:db8:3::3");
    private static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::100");
    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    private static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::2");
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private static SignallingPacket hot(int interfaceIndex, byte last, Arrival arrival) {
        byte[] m = new byte[24];
        m[2] = 3;
        m[23] = last;
        return new SignallingPacket(SignallingPacket.MOBILITY_HEADER, interfaceIndex, CN, HOA, null, null, 64, m,
                arrival);
    }

    @Test
    void theCopyWithinTheWindowIsOneOtherMessagesAndLaterOnesAreNot() {
        PacketSocketPath.TunnelledCopies copies = new PacketSocketPath.TunnelledCopies();
        long t = 1_000_000 * MS;
        assertFalse(copies.isCopy(hot(2, (byte) 1, Arrival.tunnelled(HA, COA)), t), "nothing remembered yet");
        copies.remember(hot(2, (byte) 1, Arrival.tunnelled(HA, COA)), t);
        assertTrue(copies.isCopy(hot(9, (byte) 1, Arrival.DIRECT), t + 3 * MS), "the TUN device's copy");
        assertTrue(copies.isCopy(hot(9, (byte) 1, Arrival.tunnelled(null, null)), t + 3 * MS), "as a tunnel device's");
        assertFalse(copies.isCopy(hot(9, (byte) 2, Arrival.DIRECT), t + 3 * MS), "another message");
        assertFalse(copies.isCopy(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 9, CN, COA, null, null, 64,
                hot(0, (byte) 1, null).message()), t + 3 * MS), "another destination");
        assertFalse(copies.isCopy(hot(9, (byte) 1, Arrival.DIRECT),
                t + PacketSocketPath.TunnelledCopies.WINDOW_MILLIS * MS), "after the window: a retransmission");
    }

    @Test
    void manyTunnelledMessagesAreEachRemembered() {
        PacketSocketPath.TunnelledCopies copies = new PacketSocketPath.TunnelledCopies();
        long t = 5 * MS;
        for (int i = 0; i < 16; i++) {
            copies.remember(hot(2, (byte) i, Arrival.tunnelled(HA, COA)), t);
        }
        for (int i = 0; i < 16; i++) {
            assertTrue(copies.isCopy(hot(3, (byte) i, Arrival.DIRECT), t + MS), "message " + i);
        }
    }
}

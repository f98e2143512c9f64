package mobility.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;

/** Packet Too Big about a tunnel's outer packets: what lowers a tunnel's MTU, what is ignored, and the aging. */
class TunnelPathMtuTest {

    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    private static final Ipv6Address COA = Ipv6Address.parse("2001:db8:3::2");
    private static final Ipv6Address OTHER = Ipv6Address.parse("2001:db8:3::9");
    private static final long MINUTE = 60 * 1_000_000_000L;

    private final Counters counters = new Counters();
    private final TunnelPathMtu pathMtu = new TunnelPathMtu(counters);
    private final TunnelPathMtu.Tunnels tunnels = (lh, ll, rh, rl) -> lh == HA.high() && ll == HA.low()
            && rh == COA.high() && rl == COA.low();
    private final Ipv6Address[] far = new Ipv6Address[1];

    /** RFC 4443 §3.2: type 2, code 0, MTU, then the invoking packet: an outer header with an inner one behind. */
    private static ByteBuffer packetTooBig(long mtu, Ipv6Address src, Ipv6Address dst, int nextHeader, int length) {
        ByteBuffer b = ByteBuffer.allocate(8 + 80);
        b.put((byte) 2).put((byte) 0).putShort((short) 0).putInt((int) mtu);
        b.putInt(0x6000_0000).putShort((short) (length - 40)).put((byte) nextHeader).put((byte) 64);
        b.putLong(src.high()).putLong(src.low()).putLong(dst.high()).putLong(dst.low());
        b.putInt(0x6000_0000).putShort((short) (length - 80)).put((byte) 58).put((byte) 63);
        return b.position(b.capacity()).flip();
    }

    private TunnelPathMtu.Verdict judge(ByteBuffer b, long now) {
        return pathMtu.judge(b, tunnels, now, far);
    }

    @Test
    void aPacketTooBigAboutOurOuterPacketLowersThatFarEndsTunnelMtu() {
        assertEquals(1460, pathMtu.tunnelMtu(COA, 1500));
        assertEquals(TunnelPathMtu.Verdict.LOWERED, judge(packetTooBig(1400, HA, COA, 41, 1500), 0));
        assertEquals(COA, far[0]);
        assertEquals(1360, pathMtu.tunnelMtu(COA, 1500));
        assertEquals(1460, pathMtu.tunnelMtu(OTHER, 1500), "another far end keeps its link's");
        assertEquals(1L, counters.snapshot().get("pmtu.lowered"));
    }

    @Test
    void theTunnelMtuStaysAtTheIpv6MinimumWhenThePathIsJustAboveIt() {
        assertEquals(TunnelPathMtu.Verdict.LOWERED, judge(packetTooBig(1300, HA, COA, 41, 1400), 0));
        assertEquals(1280, pathMtu.tunnelMtu(COA, 1500));
    }

    @Test
    void forgedMalformedAndUselessMessagesAreIgnoredAndCounted() {
        assertEquals(TunnelPathMtu.Verdict.NOT_OUR_TUNNEL, judge(packetTooBig(1400, HA, OTHER, 41, 1500), 0));
        assertEquals(TunnelPathMtu.Verdict.NOT_OUR_TUNNEL, judge(packetTooBig(1400, COA, HA, 41, 1500), 0));
        assertEquals(TunnelPathMtu.Verdict.NOT_OUR_TUNNEL, judge(packetTooBig(1400, HA, COA, 58, 1500), 0),
                "not an IPv6-in-IPv6 packet");
        assertEquals(TunnelPathMtu.Verdict.BELOW_MINIMUM, judge(packetTooBig(1279, HA, COA, 41, 1500), 0));
        assertEquals(TunnelPathMtu.Verdict.INCONSISTENT, judge(packetTooBig(0xffff_fff0L, HA, COA, 41, 1500), 0),
                "an MTU with the top bit set is large (unsigned), not below the minimum");
        assertEquals(TunnelPathMtu.Verdict.INCONSISTENT, judge(packetTooBig(1400, HA, COA, 41, 1400), 0),
                "a 1400-byte packet fits a 1400-byte path");
        assertEquals(TunnelPathMtu.Verdict.MALFORMED, judge(packetTooBig(1400, HA, COA, 41, 1500).limit(40), 0));
        assertFalse(pathMtu.lowered(COA));
        assertEquals(1460, pathMtu.tunnelMtu(COA, 1500));
        var c = counters.snapshot();
        assertEquals(3L, c.get("pmtu.ignored.not_our_tunnel"));
        assertEquals(1L, c.get("pmtu.ignored.below_minimum"));
        assertEquals(2L, c.get("pmtu.ignored.inconsistent"));
        assertEquals(1L, c.get("pmtu.ignored.malformed"));
    }

    @Test
    void aPacketTooBigNeverRaisesTheEstimate() {
        judge(packetTooBig(1400, HA, COA, 41, 1500), 0);
        assertEquals(TunnelPathMtu.Verdict.NOT_LOWER, judge(packetTooBig(1450, HA, COA, 41, 1500), MINUTE));
        assertEquals(1360, pathMtu.tunnelMtu(COA, 1500));
    }

    @Test
    void theEstimateAgesOutAfterTenMinutesNotSoonerThanFive() {
        judge(packetTooBig(1400, HA, COA, 41, 1500), 0);
        assertEquals(List.of(), pathMtu.expire(5 * MINUTE));
        assertTrue(pathMtu.lowered(COA));
        // The same MTU again restarts the aging.
        assertEquals(TunnelPathMtu.Verdict.NOT_LOWER, judge(packetTooBig(1400, HA, COA, 41, 1500), 5 * MINUTE));
        assertEquals(List.of(), pathMtu.expire(14 * MINUTE));
        assertEquals(List.of(COA), pathMtu.expire(15 * MINUTE));
        assertFalse(pathMtu.lowered(COA));
        assertEquals(1460, pathMtu.tunnelMtu(COA, 1500));
        assertEquals(1L, counters.snapshot().get("pmtu.expired"));
    }

    @Test
    void aFarEndNoTunnelUsesAnyMoreIsForgotten() {
        judge(packetTooBig(1400, HA, COA, 41, 1500), 0);
        pathMtu.retain(Set.of(OTHER));
        assertFalse(pathMtu.lowered(COA));
    }
}

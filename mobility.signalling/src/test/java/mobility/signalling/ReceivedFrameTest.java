package mobility.signalling;

import static mobility.signalling.Frames.packet;
import static mobility.signalling.Frames.tunnel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingPacket.Arrival;
import mobility.api.wire.mh.HomeTest;
import mobility.api.wire.mh.MobilityHeaderCodec;

/** The receiver's reading of IPv6-in-IPv6 packets (RFC 2473): through the outer headers to the inner message. */
class ReceivedFrameTest {

    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    private static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::2");
    private static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::100");
    private static final Ipv6Address CN = Ipv6Address.parse("2001:db8:3::3");
    private static final Ipv6Address OTHER_HA = Ipv6Address.parse("2001:db8:9::1");
    private static final byte[] HOT = MobilityHeaderCodec.standard().encode(
            new HomeTest(7, 0x1122334455667788L, 0x99aabbccddeeff00L), CN, HOA);

    /** The Home Test as the correspondent sends it to the home address. */
    private static byte[] homeTest() throws Exception {
        return packet(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, CN, HOA, null, null, 0, HOT));
    }

    private static ReceivedFrame parsed(byte[] wire) {
        ReceivedFrame f = new ReceivedFrame();
        assertTrue(f.parse(ByteBuffer.wrap(wire)), "parses");
        return f;
    }

    @Test
    void aTunnelledHomeTestIsReadAsTheInnerPacketWithTheTunnelsEnds() throws Exception {
        byte[] wire = tunnel(homeTest(), HA, COA);
        ByteBuffer b = ByteBuffer.wrap(wire);
        ReceivedFrame f = parsed(wire);
        assertEquals(CN, f.source);
        assertEquals(HOA, f.destination);
        assertNull(f.homeAddress);
        assertNull(f.routingHeaderAddress);
        assertEquals(135, f.upperProtocol);
        assertEquals(80, f.upperOffset);
        assertEquals(HOT.length, f.upperLength);
        assertEquals(1, f.tunnels);
        assertEquals(0, f.tunnelHeader);
        assertEquals(HA, f.tunnelSource(b));
        assertEquals(COA, f.tunnelDestination(b));
        assertFalse(f.authenticationHeader);
        byte[] message = f.message(b);
        assertTrue(MobilityHeaderCodec.checksumVerifies(message, 0, message.length, CN, HOA),
                "the checksum is the inner packet's");
        assertEquals(Arrival.tunnelled(HA, COA), Arrival.tunnelled(f.tunnelSource(b), f.tunnelDestination(b)));
    }

    @Test
    void aPlainPacketIsNotTunnelledAndTheSameInstanceForgetsAnEarlierTunnel() throws Exception {
        ReceivedFrame f = new ReceivedFrame();
        assertTrue(f.parse(ByteBuffer.wrap(tunnel(homeTest(), HA, COA))));
        assertTrue(f.parse(ByteBuffer.wrap(homeTest())));
        assertEquals(-1, f.tunnelHeader);
        assertEquals(0, f.tunnels);
        assertEquals(CN, f.source);
        assertEquals(40, f.upperOffset);
    }

    @Test
    void theInnerPacketsHomeAddressOptionAndType2RoutingHeaderAreRead() throws Exception {
        byte[] bu = MobilityHeaderCodec.standard().encode(new mobility.api.wire.mh.BindingUpdate(9, 0, 4), HOA, CN);
        byte[] inner = packet(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, COA, CN, HOA, HOA, 0, bu));
        byte[] wire = Frames.tunnelWithEncapsulationLimit(inner, OTHER_HA, HA);
        ByteBuffer b = ByteBuffer.wrap(wire);
        ReceivedFrame f = parsed(wire);
        assertEquals(COA, f.source);
        assertEquals(CN, f.destination);
        assertEquals(HOA, f.homeAddress);
        assertEquals(HOA, f.routingHeaderAddress);
        assertEquals(48 + 40 + 24 + 24, f.upperOffset);
        assertEquals(OTHER_HA, f.tunnelSource(b));
        assertEquals(HA, f.tunnelDestination(b));
        byte[] message = f.message(b);
        assertTrue(MobilityHeaderCodec.checksumVerifies(message, 0, message.length, HOA, HOA));
    }

    @Test
    void anOuterHeadersHomeAddressOptionIsNotTheInnerPackets() throws Exception {
        byte[] bu = MobilityHeaderCodec.standard().encode(new mobility.api.wire.mh.BindingUpdate(9, 0, 4), CN, HOA);
        byte[] outer = packet(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, COA, HA, HOA, null, 0, bu));
        // The outer packet's upper layer becomes the tunnelled Home Test: next header 41 after its options.
        byte[] inner = homeTest();
        byte[] wire = Arrays.copyOf(outer, 40 + 24 + inner.length);
        System.arraycopy(inner, 0, wire, 64, inner.length);
        wire[40] = 41;
        wire[4] = (byte) ((24 + inner.length) >> 8);
        wire[5] = (byte) (24 + inner.length);
        ReceivedFrame f = parsed(wire);
        assertNull(f.homeAddress, "the HAO was the outer packet's");
        assertEquals(CN, f.source);
        assertEquals(COA, f.tunnelSource(ByteBuffer.wrap(wire)));
    }

    @Test
    void nestedTunnelsAreFollowedToTheMessageAndTheInnermostTunnelIsReported() throws Exception {
        byte[] wire = tunnel(tunnel(homeTest(), HA, COA), OTHER_HA, HOA);
        ByteBuffer b = ByteBuffer.wrap(wire);
        ReceivedFrame f = parsed(wire);
        assertEquals(2, f.tunnels);
        assertEquals(40, f.tunnelHeader);
        assertEquals(HA, f.tunnelSource(b), "the tunnel around the message");
        assertEquals(COA, f.tunnelDestination(b));
        assertEquals(CN, f.source);
        assertEquals(HOA, f.destination);
        assertEquals(120, f.upperOffset);

        byte[] deep = homeTest();
        for (int i = 0; i < ReceivedFrame.TUNNELS; i++) {
            deep = tunnel(deep, HA, COA);
        }
        assertTrue(new ReceivedFrame().parse(ByteBuffer.wrap(deep)), ReceivedFrame.TUNNELS + " tunnels");
        assertFalse(new ReceivedFrame().parse(ByteBuffer.wrap(tunnel(deep, HA, COA))), "one too many");
    }

    @Test
    void truncatedOrMalformedTunnelledPacketsAreNotRead() throws Exception {
        byte[] wire = tunnel(homeTest(), HA, COA);
        ReceivedFrame f = new ReceivedFrame();
        assertFalse(f.parse(ByteBuffer.wrap(wire, 0, 60).slice()), "cut inside the inner IPv6 header");
        assertFalse(f.parse(ByteBuffer.wrap(wire, 0, 80).slice()), "cut after the inner header: no message");
        byte[] outerTooShort = wire.clone();
        outerTooShort[4] = 0;
        outerTooShort[5] = 30;
        assertFalse(f.parse(ByteBuffer.wrap(outerTooShort)), "the outer payload length ends inside the inner header");
        byte[] notIpv6 = wire.clone();
        notIpv6[40] = 0x45;
        assertFalse(f.parse(ByteBuffer.wrap(notIpv6)), "an inner version other than 6");
        byte[] withOptions = tunnel(packet(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, COA, CN, HOA,
                null, 0, HOT)), HA, COA);
        withOptions[81] = 9;
        assertFalse(f.parse(ByteBuffer.wrap(withOptions)), "an inner header length beyond the packet");
        byte[] fragment = wire.clone();
        fragment[46] = 44;
        assertFalse(f.parse(ByteBuffer.wrap(fragment)), "an inner fragment");
    }

    @Test
    void anAuthenticationHeaderBeforeTheMessageIsNoted() throws Exception {
        byte[] plain = Frames.withAuthenticationHeader(homeTest());
        ReceivedFrame f = parsed(plain);
        assertTrue(f.authenticationHeader);
        assertEquals(64, f.upperOffset);
        assertEquals(135, f.upperProtocol);
        ReceivedFrame t = parsed(tunnel(plain, HA, COA));
        assertTrue(t.authenticationHeader);
        assertEquals(104, t.upperOffset);
        assertFalse(parsed(tunnel(homeTest(), HA, COA)).authenticationHeader);
    }
}

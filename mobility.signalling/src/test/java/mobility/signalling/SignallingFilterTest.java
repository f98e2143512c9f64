package mobility.signalling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import mobility.api.kernel.BpfProgram;
import mobility.api.net.Ipv6Address;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;
import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.ipv6.Ipv6Packet;
import mobility.api.wire.ipv6.Ipv6PacketCodec;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.MobilityHeaderCodec;

/** The packet-socket filter on packets built by the path's own sender, and the receiver's reading of them. */
class SignallingFilterTest {

    private static final Ipv6Address COA = Ipv6Address.parse("2001:db8:1::2");
    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    private static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:100::1");
    private static final BpfProgram FILTER = SignallingFilter.program();
    private static final byte[] BU = MobilityHeaderCodec.standard().encode(new BindingUpdate(7, 0, 10), HOA, HA);
    private static final int PACKET_HOST = 0;
    private static final int PACKET_OTHERHOST = 3;
    private static final int PACKET_OUTGOING = 4;
    private static final Ipv6Address CN = Ipv6Address.parse("2001:db8:3::3");

    private static byte[] packet(SignallingPacket p) throws SignallingException {
        ByteBuffer b = ByteBuffer.allocate(2048);
        OutgoingPacket.write(p, b);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static SignallingPacket mh(Ipv6Address homeAddress, Ipv6Address routed) {
        return new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, COA, HA, homeAddress, routed, 0, BU);
    }

    private static SignallingPacket icmp(int type) {
        byte[] m = new byte[8];
        m[0] = (byte) type;
        return new SignallingPacket(SignallingPacket.ICMPV6, 0, COA, HA, null, null, 0, m);
    }

    @Test
    void mobilityHeaderPassesBareAfterHomeAddressOptionAfterType2RoutingHeaderAndAfterBoth() throws Exception {
        assertTrue(ClassicBpf.accepts(FILTER, packet(mh(null, null)), PACKET_HOST));
        assertTrue(ClassicBpf.accepts(FILTER, packet(mh(HOA, null)), PACKET_HOST));
        assertTrue(ClassicBpf.accepts(FILTER, packet(mh(null, HOA)), PACKET_HOST));
        assertTrue(ClassicBpf.accepts(FILTER, packet(mh(HOA, HOA)), PACKET_HOST));
    }

    @Test
    void neighborDiscoveryAndMobileIpv6IcmpPassOthersDoNot() throws Exception {
        for (int type : new int[] {133, 134, 135, 136, 144, 145, 146, 147}) {
            assertTrue(ClassicBpf.accepts(FILTER, packet(icmp(type)), PACKET_HOST), "type " + type);
        }
        for (int type : new int[] {1, 2, 128, 129, 137, 143, 148}) {
            assertFalse(ClassicBpf.accepts(FILTER, packet(icmp(type)), PACKET_HOST), "type " + type);
        }
    }

    @Test
    void framesForOtherHostsAndOtherProtocolsAreRejected() throws Exception {
        assertFalse(ClassicBpf.accepts(FILTER, packet(mh(HOA, null)), PACKET_OTHERHOST));
        byte[] udp = packet(mh(null, null));
        udp[6] = 17;
        assertFalse(ClassicBpf.accepts(FILTER, udp, PACKET_HOST));
        byte[] routingType0 = packet(mh(null, HOA));
        routingType0[42] = 0;
        assertFalse(ClassicBpf.accepts(FILTER, routingType0, PACKET_HOST), "only routing type 2 (§6.4)");
    }

    @Test
    void outgoingFramesAndOtherEthertypesAreRejected() throws Exception {
        byte[] wire = packet(mh(null, null));
        assertFalse(ClassicBpf.accepts(FILTER, wire, PACKET_OUTGOING), "this node's own (PACKET_OUTGOING)");
        assertFalse(ClassicBpf.accepts(FILTER, wire, PACKET_HOST, 0x0800), "not IPv6 by its ethertype");
        assertFalse(ClassicBpf.accepts(FILTER, wire, PACKET_HOST, 0x0806), "ARP");
        assertTrue(ClassicBpf.accepts(FILTER, wire, 1), "broadcast");
        assertTrue(ClassicBpf.accepts(FILTER, wire, 2), "multicast");
    }

    @Test
    void tunnelledMobilityHeadersPassThroughOneOrMoreIpv6InIpv6Headers() throws Exception {
        for (SignallingPacket inner : new SignallingPacket[] {mh(null, null), mh(HOA, null), mh(null, HOA),
            mh(HOA, HOA)}) {
            byte[] once = Frames.tunnel(packet(inner), HA, COA);
            assertTrue(ClassicBpf.accepts(FILTER, once, PACKET_HOST), "tunnelled " + inner);
            assertTrue(ClassicBpf.accepts(FILTER, Frames.tunnel(once, CN, HA), PACKET_HOST), "nested " + inner);
            assertTrue(ClassicBpf.accepts(FILTER, Frames.tunnelWithEncapsulationLimit(packet(inner), HA, COA),
                    PACKET_HOST), "after ip6tnl's encapsulation limit option " + inner);
            assertFalse(ClassicBpf.accepts(FILTER, once, PACKET_OUTGOING), "tunnelled, outgoing " + inner);
        }
        assertTrue(ClassicBpf.accepts(FILTER, Frames.tunnel(packet(icmp(134)), HA, COA), PACKET_HOST),
                "a tunnelled Router Advertisement");
        assertTrue(ClassicBpf.accepts(FILTER, Frames.tunnel(packet(icmp(147)), HA, COA), PACKET_HOST),
                "a tunnelled Mobile Prefix Advertisement (§11.4.3)");
    }

    @Test
    void tunnelledDataAndBrokenInnerHeadersAreRejected() throws Exception {
        byte[] udp = packet(mh(null, null));
        udp[6] = 17;
        assertFalse(ClassicBpf.accepts(FILTER, Frames.tunnel(udp, HA, COA), PACKET_HOST), "tunnelled UDP");
        byte[] tcp = packet(mh(HOA, null));
        tcp[40] = 6;
        assertFalse(ClassicBpf.accepts(FILTER, Frames.tunnel(tcp, HA, COA), PACKET_HOST), "tunnelled TCP after a HAO");
        assertFalse(ClassicBpf.accepts(FILTER, Frames.tunnel(packet(icmp(128)), HA, COA), PACKET_HOST),
                "a tunnelled echo request");
        byte[] ipv4 = Frames.tunnel(packet(mh(null, null)), HA, COA);
        ipv4[40] = 0x45;
        assertFalse(ClassicBpf.accepts(FILTER, ipv4, PACKET_HOST), "an inner version other than 6");
        byte[] cut = Frames.tunnel(packet(mh(null, null)), HA, COA);
        assertFalse(ClassicBpf.accepts(FILTER, java.util.Arrays.copyOf(cut, 46), PACKET_HOST),
                "cut before the inner next header");
        byte[] deep = packet(mh(null, null));
        for (int i = 0; i < SignallingFilter.HEADERS; i++) {
            deep = Frames.tunnel(deep, HA, COA);
        }
        assertFalse(ClassicBpf.accepts(FILTER, deep, PACKET_HOST), "deeper than the filter follows");
    }

    @Test
    void anAuthenticationHeaderBeforeTheMessagePasses() throws Exception {
        byte[] ah = Frames.withAuthenticationHeader(packet(mh(null, null)));
        assertTrue(ClassicBpf.accepts(FILTER, ah, PACKET_HOST));
        assertTrue(ClassicBpf.accepts(FILTER, Frames.tunnel(ah, HA, COA), PACKET_HOST));
        byte[] esp = packet(mh(null, null));
        esp[6] = 50;
        assertFalse(ClassicBpf.accepts(FILTER, esp, PACKET_HOST), "ESP hides the message");
    }

    @Test
    void theFilterFitsTheKernelsLimit() {
        assertTrue(FILTER.length() <= 4096, FILTER.length() + " instructions");
    }

    @Test
    void receiverReadsBackWhatTheSenderBuiltWithTheChecksumOverTheHomeAddresses() throws Exception {
        byte[] wire = packet(mh(HOA, HOA));
        ReceivedFrame f = new ReceivedFrame();
        ByteBuffer b = ByteBuffer.wrap(wire);
        assertTrue(f.parse(b));
        assertEquals(COA, f.source);
        assertEquals(HA, f.destination);
        assertEquals(HOA, f.homeAddress);
        assertEquals(HOA, f.routingHeaderAddress);
        assertEquals(135, f.upperProtocol);
        assertEquals(40 + 24 + 24, f.upperOffset);
        byte[] message = f.message(b);
        assertEquals(BU.length, message.length);
        assertTrue(MobilityHeaderCodec.checksumVerifies(message, 0, message.length, HOA, HOA));
        byte[] withoutChecksum = message.clone();
        withoutChecksum[4] = BU[4];
        withoutChecksum[5] = BU[5];
        assertArrayEquals(BU, withoutChecksum, "only the checksum changed");
        assertEquals(64, f.hopLimit);
    }

    @Test
    void theWireCodecDecodesWhatTheSenderBuilt() throws Exception {
        byte[] wire = packet(mh(HOA, HOA));
        Ipv6Packet decoded = Ipv6PacketCodec.standard().decode(wire, 0, wire.length);
        assertEquals(HOA, decoded.homeAddressOption().orElseThrow());
        assertEquals(HOA, decoded.routingHeaderHomeAddress().orElseThrow());
        assertEquals(Ipv6Packet.Checksum.VALID, decoded.checksum());
        assertTrue(decoded.mobilityMessage().orElseThrow() instanceof BindingUpdate);
    }

    @Test
    void neighborDiscoveryGoesOutWithHopLimit255AndAValidChecksum() throws Exception {
        byte[] wire = packet(icmp(135));
        assertEquals(255, wire[7] & 0xff, "RFC 4861 §6.1");
        byte[] message = java.util.Arrays.copyOfRange(wire, 40, wire.length);
        assertTrue(Icmpv6Codec.checksumVerifies(message, 0, message.length, COA, HA));
    }

    @Test
    void truncatedOrMalformedPacketsAreNotRead() throws Exception {
        byte[] wire = packet(mh(HOA, null));
        ReceivedFrame f = new ReceivedFrame();
        assertFalse(f.parse(ByteBuffer.wrap(wire, 0, 50).slice()), "cut inside the Destination Options header");
        wire[41] = 9;
        assertFalse(f.parse(ByteBuffer.wrap(wire)), "header length beyond the packet");
    }
}

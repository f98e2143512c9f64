package mobility.netlink.xfrm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.XfrmAlgorithm;
import mobility.api.kernel.XfrmDirection;
import mobility.api.kernel.XfrmMode;
import mobility.api.kernel.XfrmPolicy;
import mobility.api.kernel.XfrmProtocol;
import mobility.api.kernel.XfrmSelector;
import mobility.api.kernel.XfrmState;
import mobility.api.kernel.XfrmTemplate;
import mobility.netlink.nl.Attributes;
import mobility.netlink.nl.MessageWriter;

/** The fixed structs of xfrm.h at the offsets the x86_64 kernel expects. */
class XfrmCodecTest {

    private static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:100::1");
    private static final Ipv6Address CN = Ipv6Address.parse("2001:db8:2::c");
    private static final Ipv6Address COA = Ipv6Address.parse("2001:db8:1::2");

    private final MessageWriter writer = MessageWriter.allocate(4096);

    @Test
    void routeOptimizationStateHasTheUsersaInfoLayoutAndACareOfAddress() {
        XfrmState state = XfrmState.routeOptimization(XfrmProtocol.ROUTING2, CN, HOA, COA,
                KernelMarks.FIRST_XFRM_REQID + 1);
        writer.begin(Xfrm.XFRM_MSG_NEWSA, 1, 1);
        XfrmCodec.state(writer, state);
        int length = writer.end();
        ByteBuffer b = writer.buffer();
        int body = 16;
        assertEquals(16 + Xfrm.USERSA_INFO_LENGTH + 20, length, "usersa_info then XFRMA_COADDR");
        assertEquals(HOA, Attributes.address(b, body + 56), "id.daddr");
        assertEquals(43, b.get(body + 56 + 20), "id.proto IPPROTO_ROUTING");
        assertEquals(CN, Attributes.address(b, body + 80), "saddr");
        assertEquals(-1L, b.getLong(body + 96), "soft byte limit XFRM_INF");
        assertEquals(KernelMarks.FIRST_XFRM_REQID + 1, b.getInt(body + 208), "reqid");
        assertEquals(10, b.getShort(body + 212), "family");
        assertEquals(2, b.get(body + 214), "mode ROUTEOPTIMIZATION");
        assertEquals(Xfrm.XFRMA_COADDR, b.getShort(body + Xfrm.USERSA_INFO_LENGTH + 2));
        assertEquals(COA, Attributes.address(b, body + Xfrm.USERSA_INFO_LENGTH + 4));
        assertEquals(state, XfrmCodec.decodeState(b, 0, length, new Attributes()));
        assertEquals(0, b.get(body + 216), "flags: an exact state");
    }

    /** xfrm6_input_addr falls back to wildcard addresses only for states flagged XFRM_STATE_WILDRECV. */
    @Test
    void wildcardRouteOptimizationStateIsFlaggedForWildcardReceive() {
        Ipv6Address any = Ipv6Address.UNSPECIFIED;
        XfrmState state = new XfrmState(any, any, XfrmProtocol.HOME_ADDRESS_OPTION, 0, XfrmMode.ROUTE_OPTIMIZATION,
                KernelMarks.FIRST_XFRM_REQID, null, any, null, null, null);
        writer.begin(Xfrm.XFRM_MSG_NEWSA, 1, 1);
        XfrmCodec.state(writer, state);
        writer.end();
        assertEquals(Xfrm.XFRM_STATE_WILDRECV, writer.buffer().get(16 + 216), "flags");
    }

    @Test
    void espStateCarriesItsAlgorithmsWithKeyLengthsInBits() {
        byte[] key = new byte[16];
        key[0] = 1;
        XfrmState state = XfrmState.esp(CN, HOA, 0x1234, KernelMarks.FIRST_XFRM_REQID,
                new XfrmAlgorithm("cbc(aes)", key, 0), new XfrmAlgorithm("hmac(sha256)", new byte[32], 128));
        writer.begin(Xfrm.XFRM_MSG_NEWSA, 1, 1);
        XfrmCodec.state(writer, state);
        int length = writer.end();
        ByteBuffer b = writer.buffer();
        assertEquals(0x1234, Attributes.be32(b, 16 + 56 + 16), "SPI in network order");
        int crypt = 16 + Xfrm.USERSA_INFO_LENGTH;
        assertEquals(Xfrm.XFRMA_ALG_CRYPT, b.getShort(crypt + 2));
        assertEquals(128, b.getInt(crypt + 4 + 64), "key length in bits");
        XfrmState decoded = XfrmCodec.decodeState(b, 0, length, new Attributes());
        assertEquals("cbc(aes)", decoded.encryption().name());
        assertArrayEquals(key, decoded.encryption().key());
        assertEquals(128, decoded.authentication().bits());
    }

    @Test
    void policyWithAMobilityHeaderTypeSelectorAndTemplatesRoundTrips() {
        XfrmPolicy policy = new XfrmPolicy(
                XfrmSelector.between(Ipv6Prefix.host(HOA), Ipv6Prefix.host(CN)).protocol(135).type(5),
                XfrmDirection.OUT, KernelMarks.FIRST_XFRM_PRIORITY + 3, false,
                List.of(new XfrmTemplate(XfrmProtocol.HOME_ADDRESS_OPTION, XfrmMode.ROUTE_OPTIMIZATION, null, null,
                        KernelMarks.FIRST_XFRM_REQID, true),
                        new XfrmTemplate(XfrmProtocol.ESP, XfrmMode.TUNNEL, COA, CN, 0, false)), 0);
        writer.begin(Xfrm.XFRM_MSG_NEWPOLICY, 1, 1);
        XfrmCodec.policy(writer, policy);
        int length = writer.end();
        ByteBuffer b = writer.buffer();
        assertEquals(16 + Xfrm.USERPOLICY_INFO_LENGTH + 4 + 2 * Xfrm.USER_TMPL_LENGTH, length);
        assertEquals(5, Attributes.be16(b, 16 + 36), "MH type in the source port");
        assertEquals(0xffff, Attributes.be16(b, 16 + 38));
        assertEquals(135, b.get(16 + 44) & 0xff);
        assertEquals(KernelMarks.FIRST_XFRM_PRIORITY + 3, b.getInt(16 + 152));
        assertEquals(1, b.get(16 + 160), "dir OUT");
        int template = 16 + Xfrm.USERPOLICY_INFO_LENGTH + 4;
        assertEquals(60, b.get(template + 20), "IPPROTO_DSTOPTS for the Home Address option");
        assertEquals(10, b.getShort(template + 24));
        assertEquals(2, b.get(template + 48), "mode RO");
        assertEquals(1, b.get(template + 50), "optional");
        assertEquals(policy, XfrmCodec.decodePolicy(b, 0, length, new Attributes()));
    }
}

package mobility.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.ipv6.Ipv6PacketCodec;
import mobility.api.wire.mh.AlternateCareOfAddress;
import mobility.api.wire.mh.Authenticator;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingAuthorizationData;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingRefreshAdvice;
import mobility.api.wire.mh.BindingRefreshRequest;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.CareOfTest;
import mobility.api.wire.mh.CareOfTestInit;
import mobility.api.wire.mh.HomeTest;
import mobility.api.wire.mh.HomeTestInit;
import mobility.api.wire.mh.MobilityMessage;
import mobility.api.wire.mh.NonceIndices;

/**
 * Every field of the return-routability messages and of the binding messages and options that carry its result
 * (RFC 6275 §5.2, §6.1, §6.2), as a line shows it: cookies, nonce indices, keygen tokens, flags, the authenticator.
 */
class ReturnRoutabilityFieldsTest {

    private static final Ipv6PacketCodec CODEC = Ipv6PacketCodec.standard();
    private static final Ipv6Address HOME = Ipv6Address.parse("2001:db8:1::100");
    private static final Ipv6Address CARE_OF = Ipv6Address.parse("2001:db8:99::100");
    private static final Ipv6Address CN = Ipv6Address.parse("2001:db8:3::7");

    /** The line of the message in a packet from the correspondent to the care-of address, after the addresses. */
    private static String line(MobilityMessage m) {
        String text = Render.text(new PacketDescriber(CODEC).octets(CODEC.packet(m).source(CN).destination(CARE_OF)
                .build()));
        return text.substring("2001:db8:3::7 -> 2001:db8:99::100 ".length());
    }

    @Test
    void testInitsShowTheirCookies() {
        assertEquals("Home Test Init homeInitCookie=0102030405060708 checksum ok",
                line(new HomeTestInit(0x0102030405060708L)));
        assertEquals("Care-of Test Init careOfInitCookie=00000000000000ff checksum ok", line(new CareOfTestInit(0xff)));
    }

    @Test
    void testsShowNonceIndexCookieAndKeygenToken() {
        assertEquals("Home Test homeNonceIndex=65535 homeInitCookie=0102030405060708 homeKeygenToken=ffffffffffffffff"
                + " checksum ok", line(new HomeTest(0xffff, 0x0102030405060708L, -1L)));
        assertEquals("Care-of Test careOfNonceIndex=0 careOfInitCookie=1112131415161718"
                + " careOfKeygenToken=0000000000000001 checksum ok", line(new CareOfTest(0, 0x1112131415161718L, 1L)));
    }

    @Test
    void bindingUpdateShowsEveryFlagNonceIndicesAndAuthenticator() {
        assertEquals("Binding Update sequenceNumber=65535 flags=AHLKMR lifetime=65535 lifetimeSeconds=262140"
                + " options=[Alternate Care-of Address address=2001:db8:99::100, Nonce Indices homeNonceIndex=1,"
                + "careOfNonceIndex=65535, Binding Authorization Data authenticator=ffffffffffffffff00000001]"
                + " checksum ok", line(new BindingUpdate(0xffff, BindingUpdate.FLAG_MASK, 0xffff,
                        new AlternateCareOfAddress(CARE_OF), new NonceIndices(1, 0xffff),
                        new BindingAuthorizationData(new Authenticator(-1L, 1)))));
        assertEquals("Binding Update sequenceNumber=0 flags= lifetime=0 lifetimeSeconds=0 checksum ok",
                line(new BindingUpdate(0, 0, 0, List.of())));
    }

    @Test
    void bindingAcknowledgementShowsStatusFlagsRefreshAdviceAndAuthenticator() {
        assertEquals("Binding Acknowledgement status=0 statusText=Binding Update accepted flags=KR sequenceNumber=7"
                + " lifetime=15 lifetimeSeconds=60 options=[Binding Refresh Advice refreshInterval=3,"
                + "refreshIntervalSeconds=12, Binding Authorization Data authenticator=000102030405060708090a0b]"
                + " checksum ok", line(new BindingAcknowledgement(0, BindingAcknowledgement.FLAG_MASK, 7, 15,
                        new BindingRefreshAdvice(3), new BindingAuthorizationData(
                                new Authenticator(0x0001020304050607L, 0x08090a0b)))));
        assertEquals("Binding Acknowledgement status=136 statusText=Expired home nonce index flags= sequenceNumber=7"
                + " lifetime=0 lifetimeSeconds=0 checksum ok", line(new BindingAcknowledgement(136, 0, 7, 0)));
    }

    @Test
    void bindingRefreshRequestAndBindingErrorShowWhatTheyCarry() {
        assertEquals("Binding Refresh Request checksum ok", line(new BindingRefreshRequest()));
        assertEquals("Binding Error status=1 statusText=Unknown binding for Home Address destination option"
                + " homeAddress=2001:db8:1::100 checksum ok", line(new BindingError(1, HOME)));
    }

    @Test
    void bareMobilityHeaderShowsTheSameFieldsUnverified() {
        byte[] packet = CODEC.packet(new HomeTest(0x1234, 1L, 2L)).source(CN).destination(HOME).build();
        byte[] bare = java.util.Arrays.copyOfRange(packet, 40, packet.length);
        assertEquals("Home Test homeNonceIndex=4660 homeInitCookie=0000000000000001"
                + " homeKeygenToken=0000000000000002 checksum unverified",
                Render.text(new PacketDescriber(CODEC).octets(bare)));
    }
}

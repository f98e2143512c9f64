package mobility.netlink.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import mobility.api.kernel.Address;
import mobility.api.kernel.AddressFlag;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.kernel.Neighbour;
import mobility.api.kernel.Route;
import mobility.api.kernel.RouteType;
import mobility.api.kernel.Rule;
import mobility.api.kernel.Seg6Encap;
import mobility.api.kernel.Seg6LocalEncap;
import mobility.netlink.nl.Attributes;
import mobility.netlink.nl.MessageWriter;
import mobility.netlink.nl.Operation;

/** rtnetlink messages written as the kernel reads them, and read back as the kernel reports them. */
class RtnlCodecTest {

    private static final Ipv6Address A = Ipv6Address.parse("2001:db8:1::1");
    private static final Ipv6Address B = Ipv6Address.parse("2001:db8:1::2");
    private static final Ipv6Address C = Ipv6Address.parse("2001:db8:1::3");

    private final MessageWriter writer = MessageWriter.allocate(4096);
    private final Attributes attributes = new Attributes();

    private <T> ByteBuffer message(int type, T item, Operation.Encoder<T> encoder) {
        writer.clear();
        writer.begin(type, 1, 1);
        encoder.encode(writer, item);
        writer.end();
        return writer.buffer();
    }

    @Test
    void routeInABigTableWithSourceMetricsAndGatewayRoundTrips() {
        Route route = Route.to(Ipv6Prefix.parse("2001:db8:9::/64")).from(Ipv6Prefix.parse("2001:db8:1::/64"))
                .table(0x4d01).via(B).dev(3).metric(7).mtu(1400).hopLimit(9).preferredSource(A);
        ByteBuffer b = message(Rtnl.RTM_NEWROUTE, route, RouteCodec::encode);
        int body = 16;
        assertEquals(10, b.get(body), "AF_INET6");
        assertEquals(64, b.get(body + 1), "dst_len");
        assertEquals(64, b.get(body + 2), "src_len");
        assertEquals(0, b.get(body + 4), "a table above 255 goes in RTA_TABLE only");
        assertEquals(77, b.get(body + 5), "the platform's protocol");
        assertEquals(route, RouteCodec.decode(b, 0, writer.length(), attributes));
    }

    @Test
    void seg6EncapCarriesAnSrhWithTheSegmentsReversed() {
        Route route = Route.to(Ipv6Prefix.parse("2001:db8:100::1/128")).dev(2)
                .encap(new Seg6Encap(Seg6Encap.Mode.ENCAP_RED, List.of(A, B, C)));
        ByteBuffer b = message(Rtnl.RTM_NEWROUTE, route, RouteCodec::encode);
        int encap = find(b, writer.length(), Rtnl.RTA_ENCAP);
        assertEquals(Rtnl.SEG6_IPTUNNEL_SRH, b.getShort(encap + 4 + 2));
        assertEquals(Seg6Encap.Mode.ENCAP_RED.code(), b.getInt(encap + 8), "struct seg6_iptunnel_encap: mode");
        int hdr = encap + 12;
        assertEquals(6, b.get(hdr + 1), "Hdr Ext Len: 3 segments x 16 octets / 8");
        assertEquals(4, b.get(hdr + 2), "routing type 4 (SRH)");
        assertEquals(2, b.get(hdr + 3), "Segments Left");
        assertEquals(2, b.get(hdr + 4), "Last Entry");
        assertEquals(C, Attributes.address(b, hdr + 8), "segment list[0] is the last segment");
        assertEquals(A, Attributes.address(b, hdr + 8 + 32), "segment list[n-1] is the first segment");
        assertEquals(route, RouteCodec.decode(b, 0, writer.length(), attributes));
    }

    @Test
    void seg6localEndDt6RoundTrips() {
        Route route = Route.to(Ipv6Prefix.parse("2001:db8:1::2/128")).dev(2).table(0x4d02)
                .encap(Seg6LocalEncap.endDt6(0x4d03));
        ByteBuffer b = message(Rtnl.RTM_NEWROUTE, route, RouteCodec::encode);
        assertEquals(route, RouteCodec.decode(b, 0, writer.length(), attributes));
    }

    @Test
    void unreachableRouteKeepsItsType() {
        Route route = Route.to(Ipv6Prefix.parse("2001:db8:5::/48")).type(RouteType.UNREACHABLE).metric(1);
        ByteBuffer b = message(Rtnl.RTM_NEWROUTE, route, RouteCodec::encode);
        assertEquals(RouteType.UNREACHABLE, RouteCodec.decode(b, 0, writer.length(), attributes).type());
    }

    @Test
    void addressCarriesAllFlagBitsLifetimesAndOwner() {
        Address address = Address.of(4, Ipv6Prefix.parse("2001:db8:1::9/64"))
                .withFlags(AddressFlag.HOME_ADDRESS, AddressFlag.NODAD, AddressFlag.NOPREFIXROUTE)
                .withLifetimes(3600, 1800);
        ByteBuffer b = message(Rtnl.RTM_NEWADDR, address, AddressCodec::add);
        assertEquals(0x12, b.get(16 + 2), "ifa_flags holds the low 8 bits only");
        int flags = find(b, writer.length(), Rtnl.IFA_FLAGS);
        assertEquals(0x212, b.getInt(flags + 4), "IFA_FLAGS holds all 32");
        int cache = find(b, writer.length(), Rtnl.IFA_CACHEINFO);
        assertEquals(1800, b.getInt(cache + 4), "ifa_prefered first");
        assertEquals(3600, b.getInt(cache + 8));
        assertEquals(address, AddressCodec.decode(b, 0, writer.length(), attributes));
    }

    @Test
    void ruleRoundTrips() {
        Rule rule = Rule.lookup(19_700, 0x4d01).from(Ipv6Prefix.parse("2001:db8:1::1/128"))
                .to(Ipv6Prefix.parse("2001:db8:1::2/128")).iif("mipa0").ipProto(41).fwmark(5);
        ByteBuffer b = message(Rtnl.RTM_NEWRULE, rule, RuleCodec::encode);
        assertEquals(rule, RuleCodec.decode(b, 0, writer.length(), attributes));
    }

    @Test
    void neighbourAndProxyRoundTrip() {
        Neighbour permanent = Neighbour.permanent(3, A, "02:00:00:00:00:05");
        ByteBuffer b = message(Rtnl.RTM_NEWNEIGH, permanent, NeighbourCodec::add);
        assertEquals(permanent, NeighbourCodec.decode(b, 0, writer.length(), attributes));
        Neighbour proxy = Neighbour.proxy(3, B);
        b = message(Rtnl.RTM_NEWNEIGH, proxy, NeighbourCodec::add);
        assertEquals(Rtnl.NTF_PROXY, b.get(16 + 10), "ndm_flags NTF_PROXY");
        assertEquals(new Neighbour(3, B, "", Set.of(), true, false, 77),
                NeighbourCodec.decode(b, 0, writer.length(), attributes));
    }

    /** The offset of the first top-level attribute of {@code type} after the family header. */
    private int find(ByteBuffer b, int end, int type) {
        int familyHeader = switch (b.getShort(4)) {
            case Rtnl.RTM_NEWADDR -> Rtnl.IFADDRMSG_LENGTH;
            default -> Rtnl.RTMSG_LENGTH;
        };
        Attributes a = new Attributes().reset(b, 16 + familyHeader, end);
        while (a.next()) {
            if (a.type() == type) {
                return a.valueOffset() - 4;
            }
        }
        throw new AssertionError("no attribute " + type);
    }
}

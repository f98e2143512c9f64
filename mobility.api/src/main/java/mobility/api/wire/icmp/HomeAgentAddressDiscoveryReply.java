package mobility.api.wire.icmp;

import java.util.List;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;

/**
 * Home Agent Address Discovery Reply (RFC 6275 §6.6, ICMPv6 Type 145): Identifier copied from the request,
 * Reserved, and the home agents' global addresses, most preferred first (§10.5.1).
 */
public record HomeAgentAddressDiscoveryReply(int identifier, List<Ipv6Address> homeAgentAddresses)
        implements Icmpv6Message {

    public static final int MIN_LENGTH = 8;

    public HomeAgentAddressDiscoveryReply {
        if (identifier >>> 16 != 0) {
            throw new IllegalArgumentException("Identifier out of 0..65535: " + identifier);
        }
        homeAgentAddresses = List.copyOf(homeAgentAddresses);
    }

    @Override
    public int icmpType() {
        return HOME_AGENT_ADDRESS_DISCOVERY_REPLY;
    }

    @Override
    public int bodyLength() {
        return 4 + Ipv6Address.BYTES * homeAgentAddresses.size();
    }

    @Override
    public void writeBody(byte[] b, int offset) {
        NetworkBytes.put16(b, offset, identifier);
        NetworkBytes.put16(b, offset + 2, 0);
        int at = offset + 4;
        for (Ipv6Address a : homeAgentAddresses) {
            a.write(b, at);
            at += Ipv6Address.BYTES;
        }
    }
}

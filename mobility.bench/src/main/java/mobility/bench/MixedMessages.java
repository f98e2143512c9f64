package mobility.bench;

import java.util.List;
import java.util.Random;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryReply;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryRequest;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.icmp.MobilePrefixSolicitation;
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

/** The mix of the benchmark pcap: mostly Binding Updates and Acknowledgements, every other type too. */
final class MixedMessages {

    private MixedMessages() {
    }

    /** A Mobility Header message for packet {@code i}, or null when packet {@code i} is ICMPv6 (one in eight). */
    static MobilityMessage mobility(Random r, int i) {
        int seq = r.nextInt(65536);
        return switch (i % 16) {
            case 0, 1, 2, 3 -> new BindingUpdate(seq, BindingUpdate.ACKNOWLEDGE | BindingUpdate.HOME_REGISTRATION, 900,
                    new AlternateCareOfAddress(Ipv6Address.of(r.nextLong(), r.nextLong())));
            case 4, 5 -> new BindingUpdate(seq, BindingUpdate.ACKNOWLEDGE, 60, new NonceIndices(1, 2),
                    new BindingAuthorizationData(new Authenticator(r.nextLong(), r.nextInt())));
            case 6, 7, 8 -> new BindingAcknowledgement(0, 0, seq, 900, new BindingRefreshAdvice(200));
            case 9 -> new BindingRefreshRequest();
            case 10 -> new HomeTestInit(r.nextLong());
            case 11 -> new CareOfTestInit(r.nextLong());
            case 12 -> new HomeTest(seq, r.nextLong(), r.nextLong());
            case 13 -> new CareOfTest(seq, r.nextLong(), r.nextLong());
            case 14 -> new BindingError(1, Ipv6Address.of(r.nextLong(), r.nextLong()));
            default -> null;
        };
    }

    static Icmpv6Message icmp(Random r, int i) {
        return switch (i / 16 % 3) {
            case 0 -> new HomeAgentAddressDiscoveryRequest(r.nextInt(65536));
            case 1 -> new HomeAgentAddressDiscoveryReply(r.nextInt(65536), List.of(Ipv6Address.of(r.nextLong(), 1)));
            default -> new MobilePrefixSolicitation(r.nextInt(65536));
        };
    }
}

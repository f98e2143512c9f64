package mobility.api.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import mobility.api.wire.icmp.AdvertisementInterval;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryReply;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryRequest;
import mobility.api.wire.icmp.HomeAgentInformation;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.icmp.LinkLayerAddressOption;
import mobility.api.wire.icmp.MobilePrefixAdvertisement;
import mobility.api.wire.icmp.MobilePrefixSolicitation;
import mobility.api.wire.icmp.MtuOption;
import mobility.api.wire.icmp.NdOption;
import mobility.api.wire.icmp.NeighborAdvertisement;
import mobility.api.wire.icmp.NeighborSolicitation;
import mobility.api.wire.icmp.PrefixInformation;
import mobility.api.wire.icmp.RouterAdvertisement;
import mobility.api.wire.icmp.RouterSolicitation;
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
import mobility.api.wire.mh.MobileNetworkPrefix;
import mobility.api.wire.mh.MobilityMessage;
import mobility.api.wire.mh.MobilityOption;
import mobility.api.wire.mh.NonceIndices;
import mobility.api.wire.mh.UnknownMobilityOption;

import mobility.api.net.Ipv6Address;

/** Random valid messages for property tests and the fuzzer's seeds: every field and option drawn at random. */
public final class RandomMessages {

    private final Random random;

    public RandomMessages(Random random) {
        this.random = random;
    }

    public Ipv6Address address() {
        return Ipv6Address.of(random.nextLong(), random.nextLong());
    }

    public Ipv6Address unicast() {
        Ipv6Address a = address();
        return a.isMulticast() || a.isUnspecified() ? Ipv6Address.of(0x20010db8L << 32, random.nextLong() | 1) : a;
    }

    private int u16() {
        return random.nextInt(1 << 16);
    }

    private List<MobilityOption> options(boolean bindingOptions) {
        List<MobilityOption> options = new ArrayList<>();
        if (bindingOptions && random.nextBoolean()) {
            options.add(new BindingRefreshAdvice(u16()));
        }
        if (bindingOptions && random.nextBoolean()) {
            options.add(new AlternateCareOfAddress(address()));
        }
        if (bindingOptions && random.nextBoolean()) {
            options.add(new NonceIndices(u16(), u16()));
        }
        int prefixes = bindingOptions ? random.nextInt(3) : 0;
        for (int i = 0; i < prefixes; i++) {
            int length = random.nextInt(129);
            options.add(new MobileNetworkPrefix(length, address().masked(length)));
        }
        if (random.nextInt(4) == 0) {
            byte[] data = new byte[random.nextInt(20)];
            random.nextBytes(data);
            options.add(new UnknownMobilityOption(7 + random.nextInt(249), data));
        }
        Collections.shuffle(options, random);
        if (bindingOptions && random.nextBoolean()) {
            options.add(random.nextInt(options.size() + 1),
                    new BindingAuthorizationData(new Authenticator(random.nextLong(), random.nextInt())));
        }
        return options;
    }

    public MobilityMessage mobilityMessage() {
        return switch (random.nextInt(8)) {
            case 0 -> new BindingRefreshRequest(options(false));
            case 1 -> new HomeTestInit(random.nextLong(), options(false));
            case 2 -> new CareOfTestInit(random.nextLong(), options(false));
            case 3 -> new HomeTest(u16(), random.nextLong(), random.nextLong(), options(false));
            case 4 -> new CareOfTest(u16(), random.nextLong(), random.nextLong(), options(false));
            case 5 -> new BindingUpdate(u16(), random.nextInt(64) << 10, u16(), options(true));
            case 6 -> new BindingAcknowledgement(random.nextInt(256), random.nextInt(4) << 6, u16(), u16(),
                    options(true));
            default -> new BindingError(random.nextInt(256), address(), options(false));
        };
    }

    private List<NdOption> ndOptions() {
        List<NdOption> options = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            options.add(switch (random.nextInt(6)) {
                case 0 -> {
                    byte[] mac = new byte[6];
                    random.nextBytes(mac);
                    yield random.nextBoolean() ? LinkLayerAddressOption.source(mac) : LinkLayerAddressOption.target(mac);
                }
                case 1 -> {
                    int length = random.nextInt(129);
                    yield new PrefixInformation(length, random.nextInt(8) << 5, random.nextInt() & 0xffff_ffffL,
                            random.nextInt() & 0xffff_ffffL, address());
                }
                case 2 -> new MtuOption(random.nextInt() & 0xffff_ffffL);
                case 3 -> new AdvertisementInterval(random.nextInt() & 0xffff_ffffL);
                case 4 -> new HomeAgentInformation((short) random.nextInt(), u16());
                default -> {
                    byte[] data = new byte[6 + 8 * random.nextInt(3)];
                    random.nextBytes(data);
                    yield new mobility.api.wire.icmp.UnknownNdOption(9 + random.nextInt(200), data);
                }
            });
        }
        return options;
    }

    public Icmpv6Message icmpv6Message() {
        return switch (random.nextInt(8)) {
            case 0 -> new RouterSolicitation(ndOptions());
            case 1 -> new RouterAdvertisement(random.nextInt(256), random.nextInt(256), u16(),
                    random.nextInt() & 0xffff_ffffL, random.nextInt() & 0xffff_ffffL, ndOptions());
            case 2 -> new NeighborSolicitation(unicast(), ndOptions());
            case 3 -> new NeighborAdvertisement(random.nextInt(8) << 5, unicast(), ndOptions());
            case 4 -> new HomeAgentAddressDiscoveryRequest(u16());
            case 5 -> {
                List<Ipv6Address> agents = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    agents.add(address());
                }
                yield new HomeAgentAddressDiscoveryReply(u16(), agents);
            }
            case 6 -> new MobilePrefixSolicitation(u16());
            default -> new MobilePrefixAdvertisement(u16(), random.nextInt(4) << 6, ndOptions());
        };
    }
}

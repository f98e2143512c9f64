package mobility.wire;

import java.util.List;
import java.util.Map;

import mobility.api.wire.NetworkBytes;
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
import mobility.api.wire.icmp.OtherIcmpv6Message;
import mobility.api.wire.icmp.ParameterProblem;
import mobility.api.wire.icmp.PrefixInformation;
import mobility.api.wire.icmp.RouterAdvertisement;
import mobility.api.wire.icmp.RouterSolicitation;
import mobility.api.wire.icmp.UnknownNdOption;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingAcknowledgementStatus;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.CareOfTest;
import mobility.api.wire.mh.CareOfTestInit;
import mobility.api.wire.mh.HomeTest;
import mobility.api.wire.mh.HomeTestInit;
import mobility.api.wire.mh.MobilityMessage;

/**
 * Every field and option of a decoded message, named as the RFCs name them, for text and JSON. Written into a
 * {@link FieldSink}, so that the pcap decoder can render them without building a map per frame.
 */
final class MessageFields {

    private MessageFields() {
    }

    static Map<String, Object> of(MobilityMessage m) {
        MapFields f = new MapFields();
        fields(m, f);
        return f.fields;
    }

    static List<Map<String, Object>> options(MobilityMessage m) {
        MapFields f = new MapFields();
        options(m, f);
        return f.options;
    }

    static Map<String, Object> of(Icmpv6Message m) {
        MapFields f = new MapFields();
        fields(m, f);
        return f.fields;
    }

    static List<Map<String, Object>> options(Icmpv6Message m) {
        MapFields f = new MapFields();
        options(m, f);
        return f.options;
    }

    static void fields(MobilityMessage m, FieldSink f) {
        if (m instanceof HomeTestInit h) {
            f.hex64(FieldName.HOME_INIT_COOKIE, h.homeInitCookie());
        } else if (m instanceof CareOfTestInit c) {
            f.hex64(FieldName.CARE_OF_INIT_COOKIE, c.careOfInitCookie());
        } else if (m instanceof HomeTest h) {
            f.number(FieldName.HOME_NONCE_INDEX, h.homeNonceIndex());
            f.hex64(FieldName.HOME_INIT_COOKIE, h.homeInitCookie());
            f.hex64(FieldName.HOME_KEYGEN_TOKEN, h.homeKeygenToken());
        } else if (m instanceof CareOfTest c) {
            f.number(FieldName.CARE_OF_NONCE_INDEX, c.careOfNonceIndex());
            f.hex64(FieldName.CARE_OF_INIT_COOKIE, c.careOfInitCookie());
            f.hex64(FieldName.CARE_OF_KEYGEN_TOKEN, c.careOfKeygenToken());
        } else if (m instanceof BindingUpdate bu) {
            f.number(FieldName.SEQUENCE_NUMBER, bu.sequenceNumber());
            f.text(FieldName.FLAGS, bu.flagLetters());
            f.number(FieldName.LIFETIME, bu.lifetime());
            f.number(FieldName.LIFETIME_SECONDS, bu.lifetimeSeconds());
        } else if (m instanceof BindingAcknowledgement ba) {
            f.number(FieldName.STATUS, ba.status());
            f.text(FieldName.STATUS_TEXT, BindingAcknowledgementStatus.text(ba.status()));
            f.text(FieldName.FLAGS, ba.flagLetters());
            f.number(FieldName.SEQUENCE_NUMBER, ba.sequenceNumber());
            f.number(FieldName.LIFETIME, ba.lifetime());
            f.number(FieldName.LIFETIME_SECONDS, ba.lifetimeSeconds());
        } else if (m instanceof BindingError be) {
            f.number(FieldName.STATUS, be.status());
            f.text(FieldName.STATUS_TEXT, be.statusText());
            f.address(FieldName.HOME_ADDRESS, be.homeAddress());
        }
    }

    static void options(MobilityMessage m, FieldSink f) {
        m.forEachOption(new MobilityOptionFields(f));
    }

    static void fields(Icmpv6Message m, FieldSink f) {
        if (m.code() != 0) {
            f.number(FieldName.CODE, m.code());
        }
        if (m instanceof HomeAgentAddressDiscoveryRequest r) {
            f.number(FieldName.IDENTIFIER, r.identifier());
        } else if (m instanceof HomeAgentAddressDiscoveryReply r) {
            f.number(FieldName.IDENTIFIER, r.identifier());
            f.addresses(FieldName.HOME_AGENT_ADDRESSES, r.homeAgentAddresses());
        } else if (m instanceof MobilePrefixSolicitation s) {
            f.number(FieldName.IDENTIFIER, s.identifier());
        } else if (m instanceof MobilePrefixAdvertisement a) {
            f.number(FieldName.IDENTIFIER, a.identifier());
            f.text(FieldName.FLAGS, letters(a.flags(), "MO"));
        } else if (m instanceof RouterAdvertisement ra) {
            f.number(FieldName.CUR_HOP_LIMIT, ra.curHopLimit());
            f.text(FieldName.FLAGS, letters(ra.flags(), "MOH"));
            f.number(FieldName.ROUTER_LIFETIME, ra.routerLifetime());
            f.number(FieldName.REACHABLE_TIME, ra.reachableTime());
            f.number(FieldName.RETRANS_TIMER, ra.retransTimer());
        } else if (m instanceof NeighborSolicitation ns) {
            f.address(FieldName.TARGET, ns.target());
        } else if (m instanceof NeighborAdvertisement na) {
            f.text(FieldName.FLAGS, letters(na.flags(), "RSO"));
            f.address(FieldName.TARGET, na.target());
        } else if (m instanceof ParameterProblem pp) {
            f.number(FieldName.POINTER, pp.pointer());
        } else if (m instanceof OtherIcmpv6Message o) {
            f.number(FieldName.TYPE, o.icmpType());
            f.number(FieldName.BODY_LENGTH, o.bodyLength());
        } else if (!(m instanceof RouterSolicitation)) {
            f.text(FieldName.VALUE, m.toString());
        }
    }

    static void options(Icmpv6Message m, FieldSink f) {
        List<NdOption> options = m instanceof RouterSolicitation rs ? rs.options()
                : m instanceof RouterAdvertisement ra ? ra.options()
                : m instanceof NeighborSolicitation ns ? ns.options()
                : m instanceof NeighborAdvertisement na ? na.options()
                : m instanceof MobilePrefixAdvertisement mpa ? mpa.options() : List.of();
        for (NdOption o : options) {
            f.option(NdOption.typeName(o.type()));
            if (o instanceof LinkLayerAddressOption l) {
                f.text(FieldName.ADDRESS, l.addressText());
            } else if (o instanceof PrefixInformation p) {
                f.prefix(FieldName.PREFIX, p.prefix(), p.prefixLength());
                f.text(FieldName.FLAGS, letters(p.flags(), "LAR"));
                f.number(FieldName.VALID_LIFETIME, p.validLifetime());
                f.number(FieldName.PREFERRED_LIFETIME, p.preferredLifetime());
            } else if (o instanceof MtuOption mtu) {
                f.number(FieldName.MTU, mtu.mtu());
            } else if (o instanceof AdvertisementInterval a) {
                f.number(FieldName.INTERVAL_MILLIS, a.intervalMillis());
            } else if (o instanceof HomeAgentInformation h) {
                f.number(FieldName.PREFERENCE, h.preference());
                f.number(FieldName.LIFETIME_SECONDS, h.lifetimeSeconds());
            } else if (o instanceof UnknownNdOption u) {
                f.number(FieldName.CODE, u.type());
                f.text(FieldName.DATA, hex(u.data()));
            }
        }
    }

    /** Whether an ICMPv6 message is one Mobile IPv6 defines or extends (RFC 6275 §6.5 - §7). */
    static boolean isMobileIpv6(Icmpv6Message m) {
        if (m.icmpType() >= Icmpv6Message.HOME_AGENT_ADDRESS_DISCOVERY_REQUEST
                && m.icmpType() <= Icmpv6Message.MOBILE_PREFIX_ADVERTISEMENT) {
            return true;
        }
        if (m instanceof RouterAdvertisement ra) {
            return ra.homeAgent() || ra.options().stream().anyMatch(o -> o instanceof AdvertisementInterval
                    || o instanceof HomeAgentInformation || o instanceof PrefixInformation p && p.routerAddress());
        }
        return false;
    }

    /** Letters of the flags set, for flags whose first is the octet's most significant bit. */
    private static String letters(int flags, String names) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < names.length(); i++) {
            if ((flags & 0x80 >>> i) != 0) {
                out.append(names.charAt(i));
            }
        }
        return out.toString();
    }

    private static String hex(byte[] b) {
        return NetworkBytes.hex(b, 0, b.length);
    }
}

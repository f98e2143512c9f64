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
            f.hex64("homeInitCookie", h.homeInitCookie());
        } else if (m instanceof CareOfTestInit c) {
            f.hex64("careOfInitCookie", c.careOfInitCookie());
        } else if (m instanceof HomeTest h) {
            f.number("homeNonceIndex", h.homeNonceIndex());
            f.hex64("homeInitCookie", h.homeInitCookie());
            f.hex64("homeKeygenToken", h.homeKeygenToken());
        } else if (m instanceof CareOfTest c) {
            f.number("careOfNonceIndex", c.careOfNonceIndex());
            f.hex64("careOfInitCookie", c.careOfInitCookie());
            f.hex64("careOfKeygenToken", c.careOfKeygenToken());
        } else if (m instanceof BindingUpdate bu) {
            f.number("sequenceNumber", bu.sequenceNumber());
            f.text("flags", bu.flagLetters());
            f.number("lifetime", bu.lifetime());
            f.number("lifetimeSeconds", bu.lifetimeSeconds());
        } else if (m instanceof BindingAcknowledgement ba) {
            f.number("status", ba.status());
            f.text("statusText", BindingAcknowledgementStatus.text(ba.status()));
            f.text("flags", ba.flagLetters());
            f.number("sequenceNumber", ba.sequenceNumber());
            f.number("lifetime", ba.lifetime());
            f.number("lifetimeSeconds", ba.lifetimeSeconds());
        } else if (m instanceof BindingError be) {
            f.number("status", be.status());
            f.text("statusText", be.statusText());
            f.address("homeAddress", be.homeAddress());
        }
    }

    static void options(MobilityMessage m, FieldSink f) {
        m.forEachOption(new MobilityOptionFields(f));
    }

    static void fields(Icmpv6Message m, FieldSink f) {
        if (m.code() != 0) {
            f.number("code", m.code());
        }
        if (m instanceof HomeAgentAddressDiscoveryRequest r) {
            f.number("identifier", r.identifier());
        } else if (m instanceof HomeAgentAddressDiscoveryReply r) {
            f.number("identifier", r.identifier());
            f.addresses("homeAgentAddresses", r.homeAgentAddresses());
        } else if (m instanceof MobilePrefixSolicitation s) {
            f.number("identifier", s.identifier());
        } else if (m instanceof MobilePrefixAdvertisement a) {
            f.number("identifier", a.identifier());
            f.text("flags", letters(a.flags(), "MO"));
        } else if (m instanceof RouterAdvertisement ra) {
            f.number("curHopLimit", ra.curHopLimit());
            f.text("flags", letters(ra.flags(), "MOH"));
            f.number("routerLifetime", ra.routerLifetime());
            f.number("reachableTime", ra.reachableTime());
            f.number("retransTimer", ra.retransTimer());
        } else if (m instanceof NeighborSolicitation ns) {
            f.address("target", ns.target());
        } else if (m instanceof NeighborAdvertisement na) {
            f.text("flags", letters(na.flags(), "RSO"));
            f.address("target", na.target());
        } else if (m instanceof ParameterProblem pp) {
            f.number("pointer", pp.pointer());
        } else if (m instanceof OtherIcmpv6Message o) {
            f.number("type", o.icmpType());
            f.number("bodyLength", o.bodyLength());
        } else if (!(m instanceof RouterSolicitation)) {
            f.text("value", m.toString());
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
                f.text("address", l.addressText());
            } else if (o instanceof PrefixInformation p) {
                f.prefix("prefix", p.prefix(), p.prefixLength());
                f.text("flags", letters(p.flags(), "LAR"));
                f.number("validLifetime", p.validLifetime());
                f.number("preferredLifetime", p.preferredLifetime());
            } else if (o instanceof MtuOption mtu) {
                f.number("mtu", mtu.mtu());
            } else if (o instanceof AdvertisementInterval a) {
                f.number("intervalMillis", a.intervalMillis());
            } else if (o instanceof HomeAgentInformation h) {
                f.number("preference", h.preference());
                f.number("lifetimeSeconds", h.lifetimeSeconds());
            } else if (o instanceof UnknownNdOption u) {
                f.number("code", u.type());
                f.text("data", hex(u.data()));
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

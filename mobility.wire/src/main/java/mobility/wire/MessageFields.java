package mobility.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import mobility.api.wire.mh.AlternateCareOfAddress;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingAcknowledgementStatus;
import mobility.api.wire.mh.BindingAuthorizationData;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingRefreshAdvice;
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

/** Every field and option of a decoded message as simple values, named as the RFCs name them, for text and JSON. */
final class MessageFields {

    private MessageFields() {
    }

    static Map<String, Object> of(MobilityMessage m) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (m instanceof HomeTestInit h) {
            f.put("homeInitCookie", hex64(h.homeInitCookie()));
        } else if (m instanceof CareOfTestInit c) {
            f.put("careOfInitCookie", hex64(c.careOfInitCookie()));
        } else if (m instanceof HomeTest h) {
            f.put("homeNonceIndex", h.homeNonceIndex());
            f.put("homeInitCookie", hex64(h.homeInitCookie()));
            f.put("homeKeygenToken", hex64(h.homeKeygenToken()));
        } else if (m instanceof CareOfTest c) {
            f.put("careOfNonceIndex", c.careOfNonceIndex());
            f.put("careOfInitCookie", hex64(c.careOfInitCookie()));
            f.put("careOfKeygenToken", hex64(c.careOfKeygenToken()));
        } else if (m instanceof BindingUpdate bu) {
            f.put("sequenceNumber", bu.sequenceNumber());
            f.put("flags", bu.flagLetters());
            f.put("lifetime", bu.lifetime());
            f.put("lifetimeSeconds", bu.lifetimeSeconds());
        } else if (m instanceof BindingAcknowledgement ba) {
            f.put("status", ba.status());
            f.put("statusText", BindingAcknowledgementStatus.text(ba.status()));
            f.put("flags", ba.flagLetters());
            f.put("sequenceNumber", ba.sequenceNumber());
            f.put("lifetime", ba.lifetime());
            f.put("lifetimeSeconds", ba.lifetimeSeconds());
        } else if (m instanceof BindingError be) {
            f.put("status", be.status());
            f.put("statusText", be.statusText());
            f.put("homeAddress", be.homeAddress().toString());
        }
        return f;
    }

    static List<Map<String, Object>> options(MobilityMessage m) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MobilityOption o : m.options()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", MobilityOption.typeName(o.type()));
            if (o instanceof BindingRefreshAdvice a) {
                f.put("refreshInterval", a.refreshInterval());
                f.put("refreshIntervalSeconds", a.refreshIntervalSeconds());
            } else if (o instanceof AlternateCareOfAddress a) {
                f.put("address", a.address().toString());
            } else if (o instanceof NonceIndices n) {
                f.put("homeNonceIndex", n.homeNonceIndex());
                f.put("careOfNonceIndex", n.careOfNonceIndex());
            } else if (o instanceof BindingAuthorizationData d) {
                f.put("authenticator", d.authenticator().toString());
            } else if (o instanceof MobileNetworkPrefix p) {
                f.put("prefix", p.prefix() + "/" + p.prefixLength());
            } else if (o instanceof UnknownMobilityOption u) {
                f.put("code", u.type());
                f.put("data", hex(u.data()));
            } else {
                f.put("code", o.type());
                f.put("value", o.toString());
            }
            out.add(f);
        }
        return out;
    }

    static Map<String, Object> of(Icmpv6Message m) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (m.code() != 0) {
            f.put("code", m.code());
        }
        if (m instanceof HomeAgentAddressDiscoveryRequest r) {
            f.put("identifier", r.identifier());
        } else if (m instanceof HomeAgentAddressDiscoveryReply r) {
            f.put("identifier", r.identifier());
            f.put("homeAgentAddresses", r.homeAgentAddresses().stream().map(Object::toString).toList());
        } else if (m instanceof MobilePrefixSolicitation s) {
            f.put("identifier", s.identifier());
        } else if (m instanceof MobilePrefixAdvertisement a) {
            f.put("identifier", a.identifier());
            f.put("flags", letters(a.flags(), "MO"));
        } else if (m instanceof RouterAdvertisement ra) {
            f.put("curHopLimit", ra.curHopLimit());
            f.put("flags", letters(ra.flags(), "MOH"));
            f.put("routerLifetime", ra.routerLifetime());
            f.put("reachableTime", ra.reachableTime());
            f.put("retransTimer", ra.retransTimer());
        } else if (m instanceof NeighborSolicitation ns) {
            f.put("target", ns.target().toString());
        } else if (m instanceof NeighborAdvertisement na) {
            f.put("flags", letters(na.flags(), "RSO"));
            f.put("target", na.target().toString());
        } else if (m instanceof ParameterProblem pp) {
            f.put("pointer", pp.pointer());
        } else if (m instanceof OtherIcmpv6Message o) {
            f.put("type", o.icmpType());
            f.put("bodyLength", o.bodyLength());
        } else if (!(m instanceof RouterSolicitation)) {
            f.put("value", m.toString());
        }
        return f;
    }

    static List<Map<String, Object>> options(Icmpv6Message m) {
        List<NdOption> options = m instanceof RouterSolicitation rs ? rs.options()
                : m instanceof RouterAdvertisement ra ? ra.options()
                : m instanceof NeighborSolicitation ns ? ns.options()
                : m instanceof NeighborAdvertisement na ? na.options()
                : m instanceof MobilePrefixAdvertisement mpa ? mpa.options() : List.of();
        List<Map<String, Object>> out = new ArrayList<>();
        for (NdOption o : options) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", NdOption.typeName(o.type()));
            if (o instanceof LinkLayerAddressOption l) {
                f.put("address", l.addressText());
            } else if (o instanceof PrefixInformation p) {
                f.put("prefix", p.prefix() + "/" + p.prefixLength());
                f.put("flags", letters(p.flags(), "LAR"));
                f.put("validLifetime", p.validLifetime());
                f.put("preferredLifetime", p.preferredLifetime());
            } else if (o instanceof MtuOption mtu) {
                f.put("mtu", mtu.mtu());
            } else if (o instanceof AdvertisementInterval a) {
                f.put("intervalMillis", a.intervalMillis());
            } else if (o instanceof HomeAgentInformation h) {
                f.put("preference", h.preference());
                f.put("lifetimeSeconds", h.lifetimeSeconds());
            } else if (o instanceof UnknownNdOption u) {
                f.put("code", u.type());
                f.put("data", hex(u.data()));
            }
            out.add(f);
        }
        return out;
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

    private static String hex64(long v) {
        return PacketDescriber.zeroPadded(Long.toHexString(v), 16);
    }

    private static String hex(byte[] b) {
        return NetworkBytes.hex(b, 0, b.length);
    }
}

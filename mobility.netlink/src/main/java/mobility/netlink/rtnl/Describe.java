package mobility.netlink.rtnl;

import mobility.api.kernel.Address;
import mobility.api.kernel.Neighbour;
import mobility.api.kernel.Route;
import mobility.api.kernel.Rule;

/** Names kernel objects in error messages the way iproute2 would print them. */
final class Describe {

    private Describe() {
    }

    static String route(Route r) {
        StringBuilder s = new StringBuilder();
        if (r.type() != mobility.api.kernel.RouteType.UNICAST) {
            s.append(r.type().name().toLowerCase()).append(' ');
        }
        s.append(r.destination());
        if (r.source() != null) {
            s.append(" from ").append(r.source());
        }
        s.append(" table ").append(Integer.toUnsignedString(r.table()));
        if (r.gateway() != null) {
            s.append(" via ").append(r.gateway());
        }
        if (r.ifindex() > 0) {
            s.append(" dev #").append(r.ifindex());
        }
        if (r.metric() > 0) {
            s.append(" metric ").append(Integer.toUnsignedString(r.metric()));
        }
        if (r.encap() != null) {
            s.append(" encap ").append(r.encap().feature().label());
        }
        return s.toString();
    }

    static String rule(Rule r) {
        StringBuilder s = new StringBuilder("pref ").append(Integer.toUnsignedString(r.priority()));
        if (r.from() != null) {
            s.append(" from ").append(r.from());
        }
        if (r.to() != null) {
            s.append(" to ").append(r.to());
        }
        if (r.iif() != null) {
            s.append(" iif ").append(r.iif());
        }
        if (r.oif() != null) {
            s.append(" oif ").append(r.oif());
        }
        if (r.ipProto() != 0) {
            s.append(" ipproto ").append(r.ipProto());
        }
        return s.append(' ').append(r.action().name().toLowerCase()).append(' ')
                .append(Integer.toUnsignedString(r.table())).toString();
    }

    static String address(Address a) {
        return a.prefix() + " dev #" + a.ifindex() + (a.flags().isEmpty() ? "" : " " + a.flags());
    }

    static String neighbour(Neighbour n) {
        return (n.proxy() ? "proxy " : "") + n.address() + " dev #" + n.ifindex();
    }
}

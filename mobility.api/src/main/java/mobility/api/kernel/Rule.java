package mobility.api.kernel;

import mobility.api.net.Ipv6Prefix;

/**
 * An IPv6 policy routing rule. Start with {@link #lookup(int, int)} and refine.
 *
 * @param priority the rule priority (lower is tried first)
 * @param from     source prefix, {@code null} for any
 * @param to       destination prefix, {@code null} for any
 * @param iif      incoming interface name, {@code null} for any
 * @param oif      outgoing interface name, {@code null} for any
 * @param ipProto  IP protocol to match (e.g. 41 for IPv6-in-IPv6), 0 for any
 * @param fwmark   firewall mark to match, 0 for none
 * @param action   what a match does
 * @param table    the table looked up for {@link RuleAction#LOOKUP}
 * @param protocol who installed it (FRA_PROTOCOL); the platform's rules get {@link KernelMarks#PROTOCOL}
 */
public record Rule(int priority, Ipv6Prefix from, Ipv6Prefix to, String iif, String oif, int ipProto, int fwmark,
        RuleAction action, int table, int protocol) {

    public static Rule lookup(int priority, int table) {
        return new Rule(priority, null, null, null, null, 0, 0, RuleAction.LOOKUP, table, KernelMarks.PROTOCOL);
    }

    public Rule from(Ipv6Prefix source) {
        return new Rule(priority, source, to, iif, oif, ipProto, fwmark, action, table, protocol);
    }

    public Rule to(Ipv6Prefix destination) {
        return new Rule(priority, from, destination, iif, oif, ipProto, fwmark, action, table, protocol);
    }

    public Rule iif(String name) {
        return new Rule(priority, from, to, name, oif, ipProto, fwmark, action, table, protocol);
    }

    public Rule oif(String name) {
        return new Rule(priority, from, to, iif, name, ipProto, fwmark, action, table, protocol);
    }

    public Rule ipProto(int proto) {
        return new Rule(priority, from, to, iif, oif, proto, fwmark, action, table, protocol);
    }

    public Rule fwmark(int mark) {
        return new Rule(priority, from, to, iif, oif, ipProto, mark, action, table, protocol);
    }

    public Rule action(RuleAction ruleAction) {
        return new Rule(priority, from, to, iif, oif, ipProto, fwmark, ruleAction, table, protocol);
    }
}

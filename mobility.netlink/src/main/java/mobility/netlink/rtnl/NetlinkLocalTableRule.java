package mobility.netlink.rtnl;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.LocalTableRule;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.Route;
import mobility.api.kernel.Rule;
import mobility.api.kernel.RuleAction;
import mobility.netlink.nl.Namespaces;
import mobility.netlink.nl.Netlink;
import mobility.netlink.nl.NetlinkChannel;
import mobility.netlink.nl.NetlinkSocket;
import mobility.netlink.nl.Operation;

/**
 * The {@link LocalTableRule} service. The rule it adds carries the kernel's protocol (RTPROT_KERNEL), like the rule
 * it replaces, and never a priority of the platform's range: the driver's clean-up must not remove it.
 */
@Component(service = LocalTableRule.class)
public class NetlinkLocalTableRule implements LocalTableRule {

    private static final int RTPROT_KERNEL = 2;
    private static final Operation<Rule> ADD = Operation.of("RTM_NEWRULE", Rtnl.RTM_NEWRULE,
            Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, RuleCodec::encode, Describe::rule);

    @Override
    public int priority(NetworkNamespace namespace) {
        return withRules(namespace, rules -> {
            Rule rule = current(rules);
            return rule == null ? -1 : rule.priority();
        });
    }

    @Override
    public void moveTo(NetworkNamespace namespace, int priority) {
        if (KernelMarks.isPlatformRulePriority(priority)) {
            throw new IllegalArgumentException("the local table's rule must stay outside the platform's priorities "
                    + KernelMarks.FIRST_RULE_PRIORITY + ".." + KernelMarks.LAST_RULE_PRIORITY + ": " + priority);
        }
        withRules(namespace, rules -> {
            List<Rule> plain = plainLocalRules(rules);
            if (plain.stream().noneMatch(r -> r.priority() == priority)) {
                rules.channel().execute(ADD, new Rule(priority, null, null, null, null, 0, 0, RuleAction.LOOKUP,
                        Route.LOCAL_TABLE, RTPROT_KERNEL));
            }
            for (Rule old : plain) {
                if (old.priority() != priority) {
                    rules.rules().remove(old);
                }
            }
            return null;
        });
    }

    /** The plain "lookup local" rule (no selectors), first by priority. */
    private static Rule current(Session rules) {
        List<Rule> plain = plainLocalRules(rules);
        return plain.isEmpty() ? null : plain.get(0);
    }

    /** Every "lookup local" rule without selectors, by priority; after a crash there may be two. */
    private static List<Rule> plainLocalRules(Session rules) {
        return rules.rules().list().stream()
                .filter(r -> r.action() == RuleAction.LOOKUP && r.table() == Route.LOCAL_TABLE && r.from() == null
                        && r.to() == null && r.iif() == null && r.oif() == null && r.ipProto() == 0
                        && r.fwmark() == 0)
                .toList();
    }

    private record Session(NetlinkChannel channel, NetlinkRules rules) {
    }

    private interface Work<T> {
        T run(Session session) throws KernelException;
    }

    private static <T> T withRules(NetworkNamespace namespace, Work<T> work) {
        return Namespaces.inside(namespace, () -> {
            try (NetlinkChannel channel = new NetlinkChannel(NetlinkSocket.open(Netlink.NETLINK_ROUTE))) {
                return work.run(new Session(channel, new NetlinkRules(channel)));
            }
        });
    }
}

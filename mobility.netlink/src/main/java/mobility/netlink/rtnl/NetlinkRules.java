package mobility.netlink.rtnl;

import static mobility.netlink.rtnl.Rtnl.*;

import java.util.ArrayList;
import java.util.List;

import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Route;
import mobility.api.kernel.Rule;
import mobility.api.kernel.RuleAction;
import mobility.api.kernel.Rules;
import mobility.netlink.nl.Netlink;
import mobility.netlink.nl.NetlinkChannel;
import mobility.netlink.nl.Operation;

/**
 * {@link Rules} over rtnetlink. A role may remove rules that are not the platform's (decapsulating on a node's own
 * address means moving the kernel's "pref 0 lookup local" rule behind rules of its own): those are put back by the
 * clean-up, and after a crash, when the clean-up would leave no rule that looks up the local table, the kernel's
 * default one is put back, so that a namespace never stays without local delivery.
 */
public final class NetlinkRules implements Rules {

    /** RTPROT_KERNEL: the protocol of the rules the kernel makes for a new namespace. */
    private static final int PROTOCOL_KERNEL = 2;
    private static final Rule KERNEL_LOCAL_RULE = new Rule(0, null, null, null, null, 0, 0, RuleAction.LOOKUP,
            Route.LOCAL_TABLE, PROTOCOL_KERNEL);

    static final Operation<Rule> ADD = Operation.of("RTM_NEWRULE", RTM_NEWRULE,
            Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, RuleCodec::encode, Describe::rule);
    static final Operation<Rule> REMOVE = Operation.of("RTM_DELRULE", RTM_DELRULE, 0, RuleCodec::encode,
            Describe::rule);

    private final NetlinkChannel channel;
    private final List<Rule> removedOthers = new ArrayList<>();

    public NetlinkRules(NetlinkChannel channel) {
        this.channel = channel;
    }

    @Override
    public void add(Rule rule) {
        channel.execute(ADD, Marks.requireProtocol(rule.protocol(), rule));
    }

    @Override
    public void remove(Rule rule) {
        channel.execute(REMOVE, rule);
        if (!isPlatforms(rule)) {
            synchronized (removedOthers) {
                removedOthers.add(rule);
            }
        }
    }

    @Override
    public List<Rule> list() {
        return channel.dumpAll("RTM_GETRULE", RTM_GETRULE, w -> w.u8(AF_INET6).zeros(FIB_RULE_HDR_LENGTH - 1),
                RuleCodec::decode);
    }

    /**
     * Removes every rule with the platform's protocol or in the platform's priority range, puts back the others'
     * rules removed since the driver opened, and the kernel's local rule if no rule looks up the local table.
     */
    public int removePlatformRules() {
        int changed = Sweep.remove(list(), NetlinkRules::isPlatforms, rule -> channel.execute(REMOVE, rule));
        List<Rule> restore;
        synchronized (removedOthers) {
            restore = new ArrayList<>(removedOthers);
            removedOthers.clear();
        }
        List<Rule> present = list();
        for (Rule rule : restore) {
            if (!present.contains(rule)) {
                channel.execute(ADD, rule);
                changed++;
            }
        }
        boolean localLookup = list().stream()
                .anyMatch(r -> r.action() == RuleAction.LOOKUP && r.table() == Route.LOCAL_TABLE);
        if (!localLookup) {
            channel.execute(ADD, KERNEL_LOCAL_RULE);
            changed++;
        }
        return changed;
    }

    private static boolean isPlatforms(Rule rule) {
        return rule.protocol() == KernelMarks.PROTOCOL || KernelMarks.isPlatformRulePriority(rule.priority());
    }
}

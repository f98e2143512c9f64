package mobility.netlink.rtnl;

import static mobility.netlink.rtnl.Rtnl.*;

import java.util.List;

import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Rule;
import mobility.api.kernel.Rules;
import mobility.netlink.nl.Netlink;
import mobility.netlink.nl.NetlinkChannel;
import mobility.netlink.nl.Operation;

/** {@link Rules} over rtnetlink. */
public final class NetlinkRules implements Rules {

    private static final Operation<Rule> ADD = Operation.of("RTM_NEWRULE", RTM_NEWRULE,
            Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, RuleCodec::encode, Describe::rule);
    private static final Operation<Rule> REMOVE = Operation.of("RTM_DELRULE", RTM_DELRULE, 0, RuleCodec::encode,
            Describe::rule);

    private final NetlinkChannel channel;

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
    }

    @Override
    public List<Rule> list() {
        return channel.dumpAll("RTM_GETRULE", RTM_GETRULE, w -> w.u8(AF_INET6).zeros(FIB_RULE_HDR_LENGTH - 1),
                RuleCodec::decode);
    }

    /** Removes every rule with the platform's protocol or in the platform's priority range. */
    public int removePlatformRules() {
        return Sweep.remove(list(), rule -> rule.protocol() == KernelMarks.PROTOCOL
                || KernelMarks.isPlatformRulePriority(rule.priority()), this::remove);
    }
}

package mobility.netlink.xfrm;

import static mobility.netlink.xfrm.Xfrm.*;

import java.util.List;
import java.util.function.Predicate;

import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.KernelFeatureMissingException;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.XfrmPolicies;
import mobility.api.kernel.XfrmPolicy;
import mobility.api.kernel.XfrmTemplate;
import mobility.netlink.nl.NetlinkChannel;
import mobility.netlink.nl.Operation;
import mobility.netlink.rtnl.Sweep;

/**
 * {@link XfrmPolicies} over NETLINK_XFRM. The kernel accepts a policy whose templates name a transform it cannot
 * build (such a policy only drops traffic), so templates are checked against the capability probe first.
 */
public final class NetlinkXfrmPolicies implements XfrmPolicies {

    private static final int EPROTONOSUPPORT = 93;

    private static final Operation<XfrmPolicy> ADD = Operation.of("XFRM_MSG_NEWPOLICY", XFRM_MSG_NEWPOLICY, 0,
            XfrmCodec::policy, NetlinkXfrmPolicies::describe);
    private static final Operation<XfrmPolicy> UPDATE = Operation.of("XFRM_MSG_UPDPOLICY", XFRM_MSG_UPDPOLICY, 0,
            XfrmCodec::policy, NetlinkXfrmPolicies::describe);
    private static final Operation<XfrmPolicy> REMOVE = Operation.of("XFRM_MSG_DELPOLICY", XFRM_MSG_DELPOLICY, 0,
            XfrmCodec::policyId, NetlinkXfrmPolicies::describe);

    private final NetlinkChannel channel;
    private final Predicate<KernelFeature> supported;

    public NetlinkXfrmPolicies(NetlinkChannel channel, Predicate<KernelFeature> supported) {
        this.channel = channel;
        this.supported = supported;
    }

    static String describe(XfrmPolicy p) {
        StringBuilder s = new StringBuilder("src ").append(p.selector().source()).append(" dst ")
                .append(p.selector().destination());
        if (p.selector().protocol() != 0) {
            s.append(" proto ").append(p.selector().protocol());
        }
        s.append(" dir ").append(p.direction().name().toLowerCase()).append(" priority ").append(p.priority());
        for (XfrmTemplate t : p.templates()) {
            s.append(" tmpl ").append(t.protocol().name().toLowerCase()).append(' ')
                    .append(t.mode().name().toLowerCase());
        }
        return s.toString();
    }

    @Override
    public void add(XfrmPolicy policy) {
        channel.execute(ADD, check(policy, ADD));
    }

    @Override
    public void update(XfrmPolicy policy) {
        channel.execute(UPDATE, check(policy, UPDATE));
    }

    @Override
    public void remove(XfrmPolicy policy) {
        channel.execute(REMOVE, policy);
    }

    @Override
    public List<XfrmPolicy> list() {
        return channel.dumpAll("XFRM_MSG_GETPOLICY", XFRM_MSG_GETPOLICY, w -> {
        }, XfrmCodec::decodePolicy);
    }

    /** Removes every policy whose priority is in the platform's range. */
    public int removePlatformPolicies() {
        return Sweep.remove(list(), p -> KernelMarks.isPlatformXfrmPriority(p.priority()), this::remove);
    }

    private XfrmPolicy check(XfrmPolicy policy, Operation<XfrmPolicy> operation) {
        if (!KernelMarks.isPlatformXfrmPriority(policy.priority())) {
            throw new IllegalArgumentException("the platform's XFRM policies use priorities "
                    + KernelMarks.FIRST_XFRM_PRIORITY + ".." + KernelMarks.LAST_XFRM_PRIORITY + ", not "
                    + policy.priority());
        }
        for (XfrmTemplate t : policy.templates()) {
            KernelFeature feature = t.protocol().feature();
            if (!supported.test(feature)) {
                throw new KernelFeatureMissingException(feature, operation.name() + " " + describe(policy),
                        EPROTONOSUPPORT, "the capability probe found no " + t.protocol().name().toLowerCase()
                                + " transform in this kernel");
            }
        }
        return policy;
    }
}

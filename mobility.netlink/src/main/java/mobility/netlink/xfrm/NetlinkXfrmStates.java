package mobility.netlink.xfrm;

import static mobility.netlink.xfrm.Xfrm.*;

import java.util.List;

import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.XfrmState;
import mobility.api.kernel.XfrmStates;
import mobility.netlink.nl.NetlinkChannel;
import mobility.netlink.nl.Operation;
import mobility.netlink.rtnl.Sweep;

/** {@link XfrmStates} over NETLINK_XFRM. */
public final class NetlinkXfrmStates implements XfrmStates {

    private static final Operation<XfrmState> ADD = Operation.of("XFRM_MSG_NEWSA", XFRM_MSG_NEWSA, 0,
            XfrmCodec::state, NetlinkXfrmStates::describe).needing(s -> s.protocol().feature());
    private static final Operation<XfrmState> UPDATE = Operation.of("XFRM_MSG_UPDSA", XFRM_MSG_UPDSA, 0,
            XfrmCodec::state, NetlinkXfrmStates::describe).needing(s -> s.protocol().feature());
    private static final Operation<XfrmState> REMOVE = Operation.of("XFRM_MSG_DELSA", XFRM_MSG_DELSA, 0,
            XfrmCodec::stateId, NetlinkXfrmStates::describe);

    private final NetlinkChannel channel;

    public NetlinkXfrmStates(NetlinkChannel channel) {
        this.channel = channel;
    }

    static String describe(XfrmState s) {
        return "src " + s.source() + " dst " + s.destination() + " proto " + s.protocol().name().toLowerCase()
                + " spi 0x" + Long.toHexString(s.spi()) + " mode " + s.mode().name().toLowerCase() + " reqid "
                + s.reqid();
    }

    @Override
    public void add(XfrmState state) {
        channel.execute(ADD, requireMark(state));
    }

    @Override
    public void update(XfrmState state) {
        channel.execute(UPDATE, requireMark(state));
    }

    @Override
    public void remove(XfrmState state) {
        channel.execute(REMOVE, state);
    }

    @Override
    public List<XfrmState> list() {
        return channel.dumpAll("XFRM_MSG_GETSA", XFRM_MSG_GETSA, w -> {
        }, XfrmCodec::decodeState);
    }

    /** Removes every state whose request id is in the platform's range. */
    public int removePlatformStates() {
        return Sweep.remove(list(), s -> KernelMarks.isPlatformReqid(s.reqid()), this::remove);
    }

    private static XfrmState requireMark(XfrmState state) {
        if (!KernelMarks.isPlatformReqid(state.reqid())) {
            throw new IllegalArgumentException("the platform's XFRM states use request ids "
                    + KernelMarks.FIRST_XFRM_REQID + ".." + KernelMarks.LAST_XFRM_REQID + ", not " + state.reqid());
        }
        return state;
    }
}

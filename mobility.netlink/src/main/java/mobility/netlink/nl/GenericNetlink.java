package mobility.netlink.nl;

import java.nio.ByteBuffer;

import mobility.api.kernel.KernelException;

/**
 * Generic netlink (linux/genetlink.h): a family's message type is a number the kernel assigns when the family
 * registers, found by name with the controller's CTRL_CMD_GETFAMILY. Family numbers are global, not per namespace.
 */
public final class GenericNetlink {

    /** struct genlmsghdr: cmd u8, version u8, reserved u16. */
    public static final int HEADER_LENGTH = 4;
    private static final int GENL_ID_CTRL = 16;
    private static final int CTRL_CMD_GETFAMILY = 3;
    private static final int CTRL_ATTR_FAMILY_ID = 1;
    private static final int CTRL_ATTR_FAMILY_NAME = 2;
    private static final int CTRL_VERSION = 2;
    private static final int ENOENT = 2;

    private GenericNetlink() {
    }

    /** Writes the generic netlink header of {@code command}. */
    public static void header(MessageWriter w, int command, int version) {
        w.u8(command).u8(version).u16(0);
    }

    private static final Operation<String> GET_FAMILY = Operation.of("CTRL_CMD_GETFAMILY", GENL_ID_CTRL, 0,
            (w, name) -> {
                header(w, CTRL_CMD_GETFAMILY, CTRL_VERSION);
                w.attributeString(CTRL_ATTR_FAMILY_NAME, name);
            }, name -> name);

    /** The message type of family {@code name}, asked on {@code channel} (a NETLINK_GENERIC socket). */
    public static int family(NetlinkChannel channel, String name) {
        int[] id = {-1};
        channel.query(GET_FAMILY, name, (ByteBuffer b, int offset, int length, int type) -> {
            Attributes a = new Attributes().reset(b, offset + Netlink.HEADER_LENGTH + HEADER_LENGTH, offset + length);
            while (a.next()) {
                if (a.type() == CTRL_ATTR_FAMILY_ID) {
                    id[0] = a.u16();
                }
            }
        });
        if (id[0] < 0) {
            throw new KernelException("CTRL_CMD_GETFAMILY " + name, ENOENT, "no family id in the answer");
        }
        return id[0];
    }
}

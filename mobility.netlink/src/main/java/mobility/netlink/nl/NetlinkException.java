package mobility.netlink.nl;

import mobility.api.kernel.KernelException;

/** A failed system call on a netlink socket, reported in the API's terms. */
public final class NetlinkException extends KernelException {

    private static final long serialVersionUID = 1L;

    static final int ENOBUFS = 105;

    public NetlinkException(String request, int errno, String kernelMessage) {
        super(request, errno, kernelMessage);
    }
}

/**
 * Packet sockets, raw IPv6 sockets and TUN devices over jnr-ffi for the signalling path and the user-space data
 * plane: batched receive and send (recvmmsg(2), sendmmsg(2)), classic BPF filters, native memory wired once.
 */
package mobility.netlink.socket;

/**
 * The Linux kernel driver of the Mobile IPv6 platform: netlink (rtnetlink and XFRM) over jnr-ffi, the capability
 * probe and the platform's ownership of kernel objects. Everything here is private to the bundle; the services are
 * the {@code mobility.api.kernel} interfaces.
 */
package mobility.netlink;

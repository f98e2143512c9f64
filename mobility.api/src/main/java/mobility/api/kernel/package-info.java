/**
 * The kernel driver API: the only way roles reach the operating system's network stack.
 *
 * <p>Roles ask for links, addresses, routes, policy rules, neighbours, IPv6 settings and XFRM policies and states
 * through the small interfaces of this package and never open a socket themselves, so that a test or another
 * platform can supply its own {@link mobility.api.kernel.KernelDriver}. One driver instance serves one network
 * namespace ({@link mobility.api.kernel.NetworkNamespace}); {@link mobility.api.kernel.KernelDrivers} opens a driver
 * for a namespace the JVM was not started in.
 *
 * <p>Every failure the kernel reports is a {@link mobility.api.kernel.KernelException} naming the request and the
 * errno; a feature this kernel lacks is the distinct {@link mobility.api.kernel.KernelFeatureMissingException}.
 * Every object a driver creates carries the platform's marks ({@link mobility.api.kernel.KernelMarks}), which is how
 * a driver finds and removes what the platform left behind.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.8.0")
package mobility.api.kernel;

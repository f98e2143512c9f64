package mobility.netlink.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import mobility.api.kernel.Address;
import mobility.api.kernel.AddressFlag;
import mobility.api.kernel.BpfEncap;
import mobility.api.kernel.EbpfProgram;
import mobility.api.kernel.FeatureSupport;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.kernel.KernelCapabilities;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Route;
import mobility.api.kernel.Seg6Encap;
import mobility.api.kernel.Seg6LocalEncap;
import mobility.api.kernel.XfrmAlgorithm;
import mobility.api.kernel.XfrmDirection;
import mobility.api.kernel.XfrmMode;
import mobility.api.kernel.XfrmPolicy;
import mobility.api.kernel.XfrmProtocol;
import mobility.api.kernel.XfrmSelector;
import mobility.api.kernel.XfrmState;
import mobility.api.kernel.XfrmTemplate;
import mobility.netlink.nl.LibC;
import mobility.netlink.nl.ListenerList;
import mobility.netlink.nl.Namespaces;
import mobility.netlink.nl.Native;
import mobility.netlink.nl.Netlink;
import mobility.netlink.nl.NetlinkChannel;
import mobility.netlink.nl.NetlinkSocket;
import mobility.netlink.rtnl.NetlinkAddresses;
import mobility.netlink.rtnl.NetlinkLinks;
import mobility.netlink.rtnl.NetlinkRoutes;
import mobility.netlink.socket.LinuxEbpf;
import mobility.netlink.xfrm.NetlinkXfrmPolicies;
import mobility.netlink.xfrm.NetlinkXfrmStates;

/**
 * Finds what the kernel can do by trying each feature in a new network namespace that only the probe sees:
 * whatever a try creates is removed at once, and the namespace itself vanishes when the probe closes its sockets.
 * Nothing is read from the kernel's configuration.
 */
public final class CapabilityProber {

    private static final String TUN_DEVICE = "/dev/net/tun";
    /** _IOW('T', 202, int) of if_tun.h; struct ifreq is 40 bytes: name[16], then the flags (short). */
    private static final long TUNSETIFF = 0x400454caL;
    private static final int IFF_TUN = 0x0001;
    private static final int IFF_NO_PI = 0x1000;

    private static final Ipv6Address A = Ipv6Address.parse("2001:db8:4d::1");
    private static final Ipv6Address B = Ipv6Address.parse("2001:db8:4d::2");
    private static final Ipv6Address C = Ipv6Address.parse("2001:db8:4d::3");
    private static final Ipv6Address D = Ipv6Address.parse("2001:db8:4d::4");

    private final Map<KernelFeature, FeatureSupport> found = new EnumMap<>(KernelFeature.class);
    private NetlinkLinks links;
    private NetlinkRoutes routes;
    private NetlinkAddresses addresses;
    private NetlinkXfrmStates states;
    private NetlinkXfrmPolicies policies;

    private CapabilityProber() {
    }

    /**
     * Probes every {@link KernelFeature}; takes well under a second. Never fails: when even the throw-away
     * namespace cannot be made (no CAP_SYS_ADMIN), every feature is answered "unsupported" with that reason.
     */
    public static KernelCapabilities probe() {
        try {
            return Namespaces.inFreshNamespace(() -> new CapabilityProber().run());
        } catch (KernelException e) {
            Map<KernelFeature, FeatureSupport> none = new EnumMap<>(KernelFeature.class);
            for (KernelFeature feature : KernelFeature.values()) {
                none.put(feature, new FeatureSupport(false, "could not probe: " + e.getMessage()));
            }
            return new KernelCapabilities(System.getProperty("os.version"), Instant.now(), none);
        }
    }

    private KernelCapabilities run() {
        try (NetlinkChannel rtnl = new NetlinkChannel(NetlinkSocket.open(Netlink.NETLINK_ROUTE));
                NetlinkChannel xfrm = new NetlinkChannel(NetlinkSocket.open(Netlink.NETLINK_XFRM))) {
            links = new NetlinkLinks(rtnl, new ListenerList<>());
            routes = new NetlinkRoutes(rtnl, new ListenerList<>());
            addresses = new NetlinkAddresses(rtnl, new ListenerList<>());
            states = new NetlinkXfrmStates(xfrm);
            policies = new NetlinkXfrmPolicies(xfrm, feature -> true);
            links.setUp("lo", true);
            int lo = links.require("lo").index();
            tryFeature(KernelFeature.SEG6, () -> seg6(lo));
            tryFeature(KernelFeature.SEG6LOCAL, () -> seg6local(lo));
            tryFeature(KernelFeature.IP6TNL, this::ip6tnl);
            tryFeature(KernelFeature.XFRM_POLICY, this::xfrmPolicy);
            tryFeature(KernelFeature.ESP, this::esp);
            tryFeature(KernelFeature.MIP6_RO_XFRM, this::routeOptimization);
            tryFeature(KernelFeature.TUN, CapabilityProber::tun);
            tryFeature(KernelFeature.OPTIMISTIC_DAD, this::optimisticDad);
            tryFeature(KernelFeature.LWT_BPF, () -> lwtBpf(lo));
            tryFeature(KernelFeature.TCX, () -> tcx(lo));
        }
        return new KernelCapabilities(System.getProperty("os.version"), Instant.now(), found);
    }

    @FunctionalInterface
    private interface Try {
        String run() throws IOException;
    }

    private void tryFeature(KernelFeature feature, Try attempt) {
        try {
            found.put(feature, new FeatureSupport(true, attempt.run()));
        } catch (KernelException e) {
            found.put(feature, new FeatureSupport(false, e.getMessage()));
        } catch (IOException e) {
            found.put(feature, new FeatureSupport(false, e.toString()));
        }
    }

    private String seg6(int lo) {
        Route route = Route.to(new Ipv6Prefix(B, 128)).dev(lo)
                .encap(new Seg6Encap(Seg6Encap.Mode.ENCAP_RED, List.of(A)));
        routes.add(route);
        routes.remove(route);
        return "route " + B + "/128 encap seg6 mode encap.red accepted";
    }

    private String seg6local(int lo) {
        Route route = Route.to(new Ipv6Prefix(C, 128)).dev(lo).encap(Seg6LocalEncap.endDt6(Route.MAIN_TABLE));
        routes.add(route);
        routes.remove(route);
        return "route " + C + "/128 encap seg6local action End.DT6 accepted";
    }

    /** A program that does nothing, loaded and put on a route: the kernel has eBPF, lwtunnel and LWTUNNEL_BPF. */
    private String lwtBpf(int lo) {
        try (EbpfProgram.Loaded p = new LinuxEbpf()
                .load(EbpfProgram.builder(EbpfProgram.Type.LWT_XMIT, "mipprobe").returns(0).build())) {
            Route route = Route.to(new Ipv6Prefix(D, 128)).dev(lo).encap(new BpfEncap(p, 0));
            routes.add(route);
            routes.remove(route);
        }
        return "route " + D + "/128 encap bpf xmit accepted";
    }

    /** A classifier that passes everything, attached at the ingress of lo through a BPF link and detached. */
    private static String tcx(int lo) {
        try (EbpfProgram.Loaded p = new LinuxEbpf()
                .load(EbpfProgram.builder(EbpfProgram.Type.SCHED_CLS, "mipprobe").returns(0).build())) {
            LinuxEbpf.attachIngressHere(lo, p).close();
        }
        return "classifier attached at the ingress of lo (BPF link, TCX)";
    }

    private String ip6tnl() {
        links.addIp6Tunnel("mipprobe6", A, B, null);
        links.delete("mipprobe6");
        return "ip6tnl link created";
    }

    private String xfrmPolicy() {
        XfrmPolicy policy = new XfrmPolicy(XfrmSelector.between(Ipv6Prefix.host(A), Ipv6Prefix.host(B)),
                XfrmDirection.OUT, KernelMarks.FIRST_XFRM_PRIORITY, false,
                List.of(new XfrmTemplate(XfrmProtocol.ESP, XfrmMode.TRANSPORT, null, null, 0, true)), 0);
        policies.add(policy);
        policies.remove(policy);
        return "policy with an ESP template accepted";
    }

    private String esp() {
        XfrmState state = XfrmState.esp(A, B, 0x4d000001L, KernelMarks.FIRST_XFRM_REQID,
                new XfrmAlgorithm("cbc(aes)", new byte[16], 0), new XfrmAlgorithm("hmac(sha256)", new byte[32], 128));
        states.add(state);
        states.remove(state);
        return "ESP state (cbc(aes), hmac(sha256)) accepted";
    }

    private String routeOptimization() {
        XfrmState rh2 = XfrmState.routeOptimization(XfrmProtocol.ROUTING2, A, B, C, KernelMarks.FIRST_XFRM_REQID);
        states.add(rh2);
        states.remove(rh2);
        XfrmState hao = XfrmState.routeOptimization(XfrmProtocol.HOME_ADDRESS_OPTION, A, B, C,
                KernelMarks.FIRST_XFRM_REQID);
        states.add(hao);
        states.remove(hao);
        return "route2 and hao states accepted";
    }

    /** A TUN device made by TUNSETIFF lives only while its file is open: closing it removes the device. */
    private static String tun() {
        LibC libc = Native.libc();
        int fd = libc.open(TUN_DEVICE, Native.O_RDWR | Native.O_CLOEXEC);
        if (fd < 0) {
            throw new KernelException("open " + TUN_DEVICE, Native.errno(), "");
        }
        try {
            ByteBuffer ifreq = ByteBuffer.allocateDirect(40).order(ByteOrder.nativeOrder());
            byte[] name = "mipprobe%d".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ifreq.put(0, name);
            ifreq.putShort(16, (short) (IFF_TUN | IFF_NO_PI));
            if (libc.ioctl(fd, TUNSETIFF, ifreq) < 0) {
                throw new KernelException("ioctl TUNSETIFF", Native.errno(), "");
            }
            return "TUN device created";
        } finally {
            libc.close(fd);
        }
    }

    /**
     * RFC 4429 support shows twice: the optimistic_dad setting exists, and an address added with IFA_F_OPTIMISTIC
     * on a link that runs DAD keeps the flag while tentative.
     */
    private String optimisticDad() throws IOException {
        Path setting = Path.of("/proc/sys/net/ipv6/conf/default/optimistic_dad");
        if (!Files.exists(setting)) {
            throw new KernelException("sysctl net.ipv6.conf.default.optimistic_dad", 2, "no such setting");
        }
        links.addVethPair("mipprobe0", "mipprobe1");
        try {
            Files.writeString(Path.of("/proc/sys/net/ipv6/conf/mipprobe0/optimistic_dad"), "1");
            links.setUp("mipprobe1", true);
            links.setUp("mipprobe0", true);
            int index = links.require("mipprobe0").index();
            addresses.add(Address.of(index, new Ipv6Prefix(A, 64)).withFlags(AddressFlag.OPTIMISTIC));
            boolean optimistic = addresses.list().stream()
                    .anyMatch(a -> a.ifindex() == index && a.prefix().address().equals(A)
                            && a.has(AddressFlag.OPTIMISTIC));
            if (!optimistic) {
                throw new KernelException("RTM_NEWADDR " + A + "/64 optimistic", 95,
                        "the address was not marked optimistic");
            }
            return "optimistic_dad setting present; an optimistic address was kept optimistic during DAD";
        } finally {
            links.delete("mipprobe0");
        }
    }
}

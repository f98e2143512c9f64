package mobility.netlink.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.KernelFeatureMissingException;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.XfrmAlgorithm;
import mobility.api.kernel.XfrmDirection;
import mobility.api.kernel.XfrmMode;
import mobility.api.kernel.XfrmPolicy;
import mobility.api.kernel.XfrmProtocol;
import mobility.api.kernel.XfrmSelector;
import mobility.api.kernel.XfrmState;
import mobility.api.kernel.XfrmTemplate;
import mobility.netlink.socket.KernelFeatures;

class XfrmKernelTest extends KernelTestBase {

    private static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:100::1");
    private static final Ipv6Address CN = Ipv6Address.parse("2001:db8:2::c");
    private static final Ipv6Address COA = Ipv6Address.parse("2001:db8:1::2");
    private static final int PRIORITY = KernelMarks.FIRST_XFRM_PRIORITY + 1;

    private static XfrmPolicy bindingUpdatePolicy(boolean block, List<XfrmTemplate> templates) {
        return new XfrmPolicy(XfrmSelector.between(Ipv6Prefix.host(HOA), Ipv6Prefix.host(CN)).protocol(135).type(5),
                XfrmDirection.OUT, PRIORITY, block, templates, 0);
    }

    @Test
    void policyIsWhatIpShowsAndUpdates() {
        XfrmPolicy policy = bindingUpdatePolicy(false, List.of());
        driver.xfrmPolicies().add(policy);
        String ip = ns.ip("xfrm", "policy", "list");
        assertTrue(ip.contains("src 2001:db8:100::1/128 dst 2001:db8:2::c/128 proto mobility-header type 5"), ip);
        assertTrue(ip.contains("dir out priority " + PRIORITY), ip);
        XfrmPolicy listed = driver.xfrmPolicies().list().get(0);
        assertEquals(policy, new XfrmPolicy(listed.selector(), listed.direction(), listed.priority(),
                listed.block(), listed.templates(), 0));
        assertTrue(listed.index() != 0, "the kernel's index is reported");

        KernelException duplicate = assertThrows(KernelException.class, () -> driver.xfrmPolicies().add(policy));
        assertEquals("EEXIST", duplicate.errnoName().name());
        assertTrue(duplicate.getMessage().startsWith("XFRM_MSG_NEWPOLICY src 2001:db8:100::1/128"),
                duplicate.getMessage());

        driver.xfrmPolicies().update(bindingUpdatePolicy(true, List.of()));
        assertTrue(ns.ip("xfrm", "policy", "list").contains("action block"));
        driver.xfrmPolicies().remove(policy);
        assertEquals("", ns.ip("xfrm", "policy", "list").trim());
        KernelException absent = assertThrows(KernelException.class, () -> driver.xfrmPolicies().remove(policy));
        assertEquals("ENOENT", absent.errnoName().name(), absent.getMessage());
    }

    /** RFC 6275 §6.3/§6.4 states and a §11.2 policy on a kernel with MIP6, each as iproute2 shows it, then gone. */
    @Test
    @Tag(KernelFeatures.GUEST)
    void routeOptimizationStatesAndPoliciesAreWhatIpShows() {
        KernelFeatures.assumePresent(KernelFeature.MIP6_RO_XFRM);
        assertEquals(0, ns.ipStatus("xfrm", "state", "add", "src", CN.toString(), "dst", HOA.toString(), "proto",
                "route2", "coa", COA.toString(), "mode", "ro"), "the probe found MIP6, so iproute2 can add one too");
        ns.ip("xfrm", "state", "flush");
        XfrmState rh2 = XfrmState.routeOptimization(XfrmProtocol.ROUTING2, CN, HOA, COA,
                KernelMarks.FIRST_XFRM_REQID);
        XfrmState hao = XfrmState.routeOptimization(XfrmProtocol.HOME_ADDRESS_OPTION, HOA, CN, COA,
                KernelMarks.FIRST_XFRM_REQID + 1);
        driver.xfrmStates().add(rh2);
        driver.xfrmStates().add(hao);
        String states = ns.ip("xfrm", "state", "list");
        assertTrue(states.contains("src " + CN + " dst " + HOA + "\n\tproto route2 reqid "
                + KernelMarks.FIRST_XFRM_REQID + " mode ro"), states);
        assertTrue(states.contains("src " + HOA + " dst " + CN + "\n\tproto hao reqid "
                + (KernelMarks.FIRST_XFRM_REQID + 1) + " mode ro"), states);
        assertEquals(2, states.split("\tcoa " + COA + "\n", -1).length - 1, "both carry the care-of address: "
                + states);
        assertEquals(java.util.Set.of(rh2, hao), java.util.Set.copyOf(driver.xfrmStates().list()));

        XfrmPolicy policy = bindingUpdatePolicy(false, List.of(new XfrmTemplate(XfrmProtocol.HOME_ADDRESS_OPTION,
                XfrmMode.ROUTE_OPTIMIZATION, null, null, KernelMarks.FIRST_XFRM_REQID + 1, true)));
        driver.xfrmPolicies().add(policy);
        String policies = ns.ip("xfrm", "policy", "list");
        assertTrue(policies.contains("src 2001:db8:100::1/128 dst 2001:db8:2::c/128 proto mobility-header type 5"),
                policies);
        assertTrue(policies.contains("tmpl src :: dst ::\n\t\tproto hao reqid " + (KernelMarks.FIRST_XFRM_REQID + 1)
                + " mode ro\n\t\tlevel use"), policies);

        XfrmState moved = XfrmState.routeOptimization(XfrmProtocol.ROUTING2, CN, HOA, Ipv6Address.parse(
                "2001:db8:3::2"), KernelMarks.FIRST_XFRM_REQID);
        driver.xfrmStates().update(moved);
        assertTrue(ns.ip("xfrm", "state", "list").contains("coa 2001:db8:3::2"), "a move updates the care-of address");

        driver.xfrmPolicies().remove(policy);
        driver.xfrmStates().remove(moved);
        driver.xfrmStates().remove(hao);
        assertEquals("", ns.ip("xfrm", "state", "list").trim() + ns.ip("xfrm", "policy", "list").trim());
    }

    /** On a kernel without MIP6 (this machine's) the driver names the missing feature and adds nothing. */
    @Test
    void routeOptimizationOnAKernelWithoutMip6IsTheCapabilityError() {
        KernelFeatures.assumeAbsent(KernelFeature.MIP6_RO_XFRM);
        assertTrue(ns.ipStatus("xfrm", "state", "add", "src", CN.toString(), "dst", HOA.toString(), "proto",
                "route2", "coa", COA.toString(), "mode", "ro") != 0, "iproute2 cannot add one either");
        XfrmState rh2 = XfrmState.routeOptimization(XfrmProtocol.ROUTING2, CN, HOA, COA,
                KernelMarks.FIRST_XFRM_REQID);
        XfrmPolicy hao = bindingUpdatePolicy(false, List.of(new XfrmTemplate(XfrmProtocol.HOME_ADDRESS_OPTION,
                XfrmMode.ROUTE_OPTIMIZATION, null, null, KernelMarks.FIRST_XFRM_REQID, true)));
        KernelFeatureMissingException state = assertThrows(KernelFeatureMissingException.class,
                () -> driver.xfrmStates().add(rh2));
        assertEquals(KernelFeature.MIP6_RO_XFRM, state.feature());
        assertEquals("EPROTONOSUPPORT", state.errnoName().name());
        assertTrue(state.getMessage().startsWith("not supported by this kernel: mip6-ro-xfrm (XFRM_MSG_NEWSA src "
                + CN + " dst " + HOA + " proto routing2"), state.getMessage());
        KernelFeatureMissingException policy = assertThrows(KernelFeatureMissingException.class,
                () -> driver.xfrmPolicies().add(hao));
        assertEquals(KernelFeature.MIP6_RO_XFRM, policy.feature());
        assertEquals("", ns.ip("xfrm", "state", "list").trim() + ns.ip("xfrm", "policy", "list").trim());
    }

    private static XfrmState espState() {
        return XfrmState.esp(HOA, CN, 0x4d0001, KernelMarks.FIRST_XFRM_REQID,
                new XfrmAlgorithm("cbc(aes)", new byte[16], 0), new XfrmAlgorithm("hmac(sha256)", new byte[32], 128));
    }

    /** RFC 4303 transport-mode SA (RFC 6275 §5.1 protects binding updates with it) as iproute2 shows it. */
    @Test
    @Tag(KernelFeatures.GUEST)
    void espStateIsWhatIpShows() {
        KernelFeatures.assumePresent(KernelFeature.ESP);
        XfrmState esp = espState();
        driver.xfrmStates().add(esp);
        String ip = ns.ip("xfrm", "state", "list");
        assertTrue(ip.contains("src " + HOA + " dst " + CN + "\n\tproto esp spi 0x004d0001 reqid "
                + KernelMarks.FIRST_XFRM_REQID + " mode transport"), ip);
        assertTrue(ip.contains("auth-trunc hmac(sha256) 0x" + "00".repeat(32) + " 128"), ip);
        assertTrue(ip.contains("enc cbc(aes) 0x" + "00".repeat(16)), ip);
        assertEquals(List.of(esp), driver.xfrmStates().list());
        driver.xfrmStates().remove(esp);
        assertEquals("", ns.ip("xfrm", "state", "list").trim());
    }

    @Test
    void espOnAKernelWithoutItIsTheCapabilityError() {
        KernelFeatures.assumeAbsent(KernelFeature.ESP);
        XfrmState esp = espState();
        assertTrue(ns.ipStatus("xfrm", "state", "add", "src", HOA.toString(), "dst", CN.toString(), "proto",
                "esp", "spi", "0x100", "mode", "transport", "enc", "cbc(aes)", "0x" + "00".repeat(16), "auth-trunc",
                "hmac(sha256)", "0x" + "00".repeat(32), "128") != 0, "iproute2 cannot add one either");
        KernelFeatureMissingException e = assertThrows(KernelFeatureMissingException.class,
                () -> driver.xfrmStates().add(esp));
        assertEquals(KernelFeature.ESP, e.feature());
        assertTrue(e.getMessage().startsWith("not supported by this kernel: esp (XFRM_MSG_NEWSA"), e.getMessage());
        KernelException absent = assertThrows(KernelException.class, () -> driver.xfrmStates().remove(esp));
        assertEquals("ESRCH", absent.errnoName().name(), absent.getMessage());
    }

    @Test
    void platformMarksAreRequired() {
        assertThrows(IllegalArgumentException.class, () -> driver.xfrmPolicies().add(new XfrmPolicy(
                XfrmSelector.between(Ipv6Prefix.host(HOA), Ipv6Prefix.host(CN)), XfrmDirection.IN, 10, false,
                List.of(), 0)));
        assertThrows(IllegalArgumentException.class, () -> driver.xfrmStates()
                .add(XfrmState.routeOptimization(XfrmProtocol.ROUTING2, CN, HOA, COA, 1)));
    }
}

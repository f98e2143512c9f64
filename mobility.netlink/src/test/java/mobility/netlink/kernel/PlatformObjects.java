package mobility.netlink.kernel;

import java.util.List;

import mobility.api.kernel.Address;
import mobility.api.kernel.AddressFlag;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Neighbour;
import mobility.api.kernel.Route;
import mobility.api.kernel.Rule;
import mobility.api.kernel.Seg6Encap;
import mobility.api.kernel.XfrmDirection;
import mobility.api.kernel.XfrmPolicy;
import mobility.api.kernel.XfrmSelector;

/**
 * One kernel object of every kind the platform makes, some on a link that is not the platform's (t-a), as a role
 * would: the clean-up must find them all by their marks.
 */
final class PlatformObjects {

    static final String FOREIGN_LINK = "t-a";

    private PlatformObjects() {
    }

    static void create(KernelDriver driver) {
        driver.links().addVethPair("mipa0", "mipb0");
        driver.links().setUp("mipa0", true);
        driver.links().setUp("mipb0", true);
        int foreign = driver.links().require(FOREIGN_LINK).index();
        int mip = driver.links().require("mipa0").index();
        driver.addresses().add(Address.of(foreign, Ipv6Prefix.parse("2001:db8:e::1/64"))
                .withFlags(AddressFlag.NODAD, AddressFlag.HOME_ADDRESS));
        driver.addresses().add(Address.of(mip, Ipv6Prefix.parse("2001:db8:d::1/64")).withFlags(AddressFlag.NODAD));
        Ipv6Address gateway = Ipv6Address.parse("2001:db8:f::2");
        driver.routes().add(Route.to(Ipv6Prefix.parse("2001:db8:e1::/64")).via(gateway).dev(foreign));
        driver.routes().add(Route.to(Ipv6Prefix.parse("2001:db8:e2::/64")).table(KernelMarks.FIRST_TABLE)
                .via(gateway).dev(foreign));
        if (driver.capabilities().supports(KernelFeature.SEG6)) {
            driver.routes().add(Route.to(Ipv6Prefix.parse("2001:db8:100::1/128")).dev(foreign)
                    .encap(new Seg6Encap(Seg6Encap.Mode.ENCAP_RED, List.of(gateway))));
        }
        driver.rules().add(Rule.lookup(KernelMarks.FIRST_RULE_PRIORITY, KernelMarks.FIRST_TABLE)
                .from(Ipv6Prefix.parse("2001:db8:100::1/128")));
        // kernel.md: decapsulating on the node's own address moves the local table's rule behind the platform's.
        driver.rules().add(Rule.lookup(KernelMarks.LAST_RULE_PRIORITY, Route.LOCAL_TABLE));
        driver.rules().remove(driver.rules().list().stream().filter(r -> r.priority() == 0).findFirst()
                .orElseThrow());
        driver.neighbours().add(Neighbour.permanent(foreign, Ipv6Address.parse("2001:db8:f::7"),
                "02:00:00:00:00:07"));
        driver.neighbours().add(Neighbour.proxy(foreign, Ipv6Address.parse("2001:db8:f::8")));
        driver.xfrmPolicies().add(new XfrmPolicy(XfrmSelector.between(Ipv6Prefix.parse("2001:db8:100::1/128"),
                Ipv6Prefix.parse("2001:db8:2::/64")), XfrmDirection.OUT, KernelMarks.FIRST_XFRM_PRIORITY, false,
                List.of(), 0));
    }
}

package mobility.netlink.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import mobility.api.kernel.Address;
import mobility.api.kernel.AddressFlag;
import mobility.api.kernel.Change;
import mobility.api.net.Ipv6Prefix;
import mobility.api.kernel.Ipv6Setting;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Subscription;

class AddressesKernelTest extends KernelTestBase {

    private static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:100::1/64");

    @Test
    void homeAddressWithLifetimesIsWhatIpShows() {
        vethUp();
        driver.addresses().add(Address.of(index("mipa0"), HOME)
                .withFlags(AddressFlag.HOME_ADDRESS, AddressFlag.NODAD).withLifetimes(3600, 1800));
        JsonNode info = addressInfo("mipa0", "2001:db8:100::1");
        assertEquals(64, info.get("prefixlen").asInt());
        assertTrue(info.path("home").asBoolean(), info.toString());
        assertTrue(info.path("nodad").asBoolean(), info.toString());
        assertTrue(info.get("valid_life_time").asLong() > 3590 && info.get("valid_life_time").asLong() <= 3600);
        assertTrue(info.get("preferred_life_time").asLong() > 1790
                && info.get("preferred_life_time").asLong() <= 1800);
        Address ours = driver.addresses().list().stream().filter(a -> a.prefix().equals(HOME)).findFirst()
                .orElseThrow();
        assertTrue(ours.has(AddressFlag.HOME_ADDRESS) && ours.has(AddressFlag.NODAD), ours.toString());
        assertEquals(KernelMarks.PROTOCOL, ours.protocol());

        driver.addresses().replace(Address.of(index("mipa0"), HOME)
                .withFlags(AddressFlag.HOME_ADDRESS, AddressFlag.NODAD).withLifetimes(600, 0));
        info = addressInfo("mipa0", "2001:db8:100::1");
        assertTrue(info.get("valid_life_time").asLong() <= 600);
        assertTrue(info.path("deprecated").asBoolean(), "preferred lifetime 0 deprecates: " + info);

        driver.addresses().remove(index("mipa0"), HOME);
        assertTrue(addressInfoOrNull("mipa0", "2001:db8:100::1") == null);
    }

    @Test
    void optimisticAddressIsOptimisticInIp() {
        assumeTrue(capabilities().supports(KernelFeature.OPTIMISTIC_DAD), "this kernel has no optimistic DAD");
        vethUp();
        driver.ipv6Settings().set("mipa0", Ipv6Setting.OPTIMISTIC_DAD, 1);
        driver.addresses().add(Address.of(index("mipa0"), HOME).withFlags(AddressFlag.OPTIMISTIC));
        JsonNode info = addressInfo("mipa0", "2001:db8:100::1");
        assertTrue(info.path("optimistic").asBoolean(), info.toString());
    }

    @Test
    void dadRunsFromTentativeToDoneInTheEvents() throws Exception {
        vethUp();
        Events<Address> events = new Events<>();
        try (Subscription s = driver.addresses().subscribe(events)) {
            driver.addresses().add(Address.of(index("mipa0"), HOME));
            events.await(Change.NEW, a -> a.prefix().equals(HOME) && a.isTentative());
            events.await(Change.NEW, a -> a.prefix().equals(HOME) && !a.isTentative() && !a.dadFailed());
        }
    }

    /** mipb0 already has the address, so mipa0's DAD hears its answer across the veth and fails. */
    @Test
    void aDuplicateOnTheLinkIsReportedAsDadFailed() throws Exception {
        vethUp();
        driver.addresses().add(Address.of(index("mipb0"), HOME).withFlags(AddressFlag.NODAD));
        Events<Address> events = new Events<>();
        try (Subscription s = driver.addresses().subscribe(events)) {
            driver.addresses().add(Address.of(index("mipa0"), HOME));
            int a = index("mipa0");
            events.await(Change.NEW, x -> x.ifindex() == a && x.prefix().equals(HOME) && x.dadFailed());
        }
        assertTrue(addressInfo("mipa0", "2001:db8:100::1").path("dadfailed").asBoolean());
    }

    @Test
    void addressesAddedWithIpReachTheListener() throws Exception {
        vethUp();
        Events<Address> events = new Events<>();
        try (Subscription s = driver.addresses().subscribe(events)) {
            ns.ip("-6", "addr", "add", "2001:db8:5::1/64", "dev", "mipa0", "nodad");
            events.await(Change.NEW, a -> a.prefix().equals(Ipv6Prefix.parse("2001:db8:5::1/64")));
            ns.ip("-6", "addr", "del", "2001:db8:5::1/64", "dev", "mipa0");
            events.await(Change.DELETED, a -> a.prefix().equals(Ipv6Prefix.parse("2001:db8:5::1/64")));
        }
    }

    @Test
    void errorsNameTheAddressAndTheErrno() {
        vethUp();
        Address home = Address.of(index("mipa0"), HOME).withFlags(AddressFlag.NODAD);
        driver.addresses().add(home);
        KernelException duplicate = assertThrows(KernelException.class, () -> driver.addresses().add(home));
        assertEquals("RTM_NEWADDR 2001:db8:100::1/64 dev #" + index("mipa0") + " [NODAD]: EEXIST",
                duplicate.getMessage().split(" \\(")[0]);
        KernelException noDevice = assertThrows(KernelException.class,
                () -> driver.addresses().add(Address.of(9999, HOME)));
        assertEquals(19, noDevice.errno(), noDevice.getMessage());
        KernelException absent = assertThrows(KernelException.class,
                () -> driver.addresses().remove(index("mipa0"), Ipv6Prefix.parse("2001:db8:6::1/64")));
        assertEquals("EADDRNOTAVAIL", absent.errnoName().name(), absent.getMessage());
        assertThrows(IllegalArgumentException.class, () -> driver.addresses()
                .add(new Address(index("mipa0"), HOME, home.flags(), Address.FOREVER, Address.FOREVER, 3)),
                "addresses without the platform's mark are refused");
        assertFalse(driver.addresses().list().isEmpty());
    }

    private JsonNode addressInfo(String link, String address) {
        JsonNode info = addressInfoOrNull(link, address);
        assertTrue(info != null, address + " not on " + link + ": " + ns.ip("-6", "addr", "show", "dev", link));
        return info;
    }

    private JsonNode addressInfoOrNull(String link, String address) {
        for (JsonNode l : ns.ipJson("-6", "addr", "show", "dev", link)) {
            for (JsonNode info : l.get("addr_info")) {
                if (info.get("local").asText().equals(address)) {
                    return info;
                }
            }
        }
        return null;
    }
}

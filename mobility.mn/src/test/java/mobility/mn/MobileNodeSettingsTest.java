package mobility.mn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

class MobileNodeSettingsTest {

    @Test
    void theHomeAddressNeedsItsPrefixLength() {
        assertEquals(Ipv6Prefix.parse("2001:db8:1::100/64"), MobileNodeSettings.parsePrefix(" 2001:db8:1::100/64 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MobileNodeSettings.parsePrefix("2001:db8:1::100"));
        assertTrue(e.getMessage().startsWith("mobility.mn homeAddress='2001:db8:1::100': no prefix length"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(expected e.g. 2001:db8:1::100/64)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MobileNodeSettings.parsePrefix("home/64"));
    }

    @Test
    void theHomeAgentAddressIsNamedInItsError() {
        assertEquals(Ipv6Address.parse("2001:db8:1::1"),
                MobileNodeSettings.parseAddress("homeAgentAddress", "2001:db8:1::1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MobileNodeSettings.parseAddress("homeAgentAddress", "ha"));
        assertTrue(e.getMessage().startsWith("mobility.mn homeAgentAddress: "), e.getMessage());
    }

    @Test
    void interfacesAreNameColonPreferenceInOrderWithZeroWhenLeftOut() {
        Map<String, Integer> p = MobileNodeSettings.preferences(new String[] {"eth0:10", " wlan0:5", "usb0"});
        assertEquals(List.of("eth0", "wlan0", "usb0"), List.copyOf(p.keySet()));
        assertEquals(List.of(10, 5, 0), List.copyOf(p.values()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MobileNodeSettings.preferences(new String[] {"eth0:high"}));
        assertEquals("mobility.mn interfaces: 'eth0:high' is not name:preference", e.getMessage());
    }
}

package mobility.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void aLongCareOfAddressKeepsTheBindingCacheColumnsAligned() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kind", "home");
        r.put("home_address", "2001:db8:2700::4");
        r.put("care_of_address", "2001:db8:1100:0:d0aa:e9ff:fe4a:2210");
        r.put("local_address", "2001:db8:2700::2");
        r.put("flags", "AH--");
        r.put("lifetime_remaining", 259);
        r.put("lifetime_granted", 260);
        r.put("sequence", 998);
        r.put("mobile_network_prefixes", List.of());
        String[] lines = Text.bindingCache(List.of(r)).split("\n");
        assertEquals("Binding cache: 1 binding", lines[0]);
        assertEquals("kind  home address      care-of address                      local address     flags  "
                + "lifetime left/s  seq  prefixes", lines[1]);
        assertEquals("home  2001:db8:2700::4  2001:db8:1100:0:d0aa:e9ff:fe4a:2210  2001:db8:2700::2  AH--   "
                + "259/260          998", lines[2]);
        assertEquals(lines[1].indexOf("flags"), lines[2].indexOf("AH--"));
    }
}

package mobility.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void nestedMapsAndListsRenderAsOneIndentedDocument() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", "ha");
        m.put("roles", List.of());
        m.put("bindings", List.of(Map.of("lifetime", 420)));
        m.put("ok", true);
        m.put("none", null);
        assertEquals("""
                {
                  "node": "ha",
                  "roles": [],
                  "bindings": [
                    {
                      "lifetime": 420
                    }
                  ],
                  "ok": true,
                  "none": null
                }""", Json.write(m));
    }

    @Test
    void controlCharactersAndQuotesAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", Json.write("a\"b\\c\n\u0001"));
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        assertEquals("[\n  null,\n  1.5\n]", Json.write(new double[] {Double.NaN, 1.5}));
    }
}

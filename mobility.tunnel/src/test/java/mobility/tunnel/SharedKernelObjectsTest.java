package mobility.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SharedKernelObjectsTest {

    private final SharedKernelObjects shared = new SharedKernelObjects();

    @Test
    void theFirstHolderInstallsAndTheLastRemoves() {
        assertTrue(shared.hold("decap", "dev a"));
        assertFalse(shared.hold("decap", "dev a"));
        assertEquals(2, shared.holders("decap"));
        assertNull(shared.release("decap", "dev a"));
        assertEquals("dev a", shared.release("decap", "dev a"));
        assertEquals(0, shared.holders("decap"));
    }

    @Test
    void anotherVariantIsInstalledAndTheLatestIsWhatTheLastHolderRemoves() {
        assertTrue(shared.hold("decap", "dev a"));
        assertTrue(shared.hold("decap", "dev b"));
        assertFalse(shared.change("decap", "dev b"));
        assertTrue(shared.change("decap", "dev c"));
        assertNull(shared.release("decap", "dev a"));
        assertEquals("dev c", shared.release("decap", "dev b"));
    }

    @Test
    void whatNobodyCountedIsRemovedAsTheCallerKnowsIt() {
        assertEquals("rule", shared.release("rule", "rule"));
    }
}

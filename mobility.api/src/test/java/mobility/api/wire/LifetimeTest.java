package mobility.api.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LifetimeTest {

    @Test
    void unitsAreFourSeconds() {
        assertEquals(0, Lifetime.toSeconds(0));
        assertEquals(4, Lifetime.toSeconds(1));
        assertEquals(262_140, Lifetime.toSeconds(65_535));
    }

    @Test
    void secondsRoundDownSoABindingNeverOutlivesWhatWasAsked() {
        assertEquals(0, Lifetime.toUnits(3));
        assertEquals(1, Lifetime.toUnits(4));
        assertEquals(1, Lifetime.toUnits(7));
        assertEquals(15, Lifetime.toUnits(60));
    }

    @Test
    void secondsBeyondTheFieldSaturateAt65535Units() {
        assertEquals(65_535, Lifetime.toUnits(262_140));
        assertEquals(65_535, Lifetime.toUnits(1_000_000));
    }

    @Test
    void negativeOrOversizedValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Lifetime.toUnits(-1));
        assertThrows(IllegalArgumentException.class, () -> Lifetime.toSeconds(65_536));
    }
}

package mobility.api.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequenceNumberTest {

    @Test
    void greaterWithinHalfTheSpaceIsNewer() {
        assertTrue(SequenceNumber.isNewer(11, 10));
        assertTrue(SequenceNumber.isNewer(10 + 32767, 10));
        assertFalse(SequenceNumber.isNewer(10 + 32768, 10));
        assertFalse(SequenceNumber.isNewer(10, 10));
        assertFalse(SequenceNumber.isNewer(9, 10));
    }

    @Test
    void comparisonWrapsAtTwoToTheSixteenth() {
        assertTrue(SequenceNumber.isLessThan(65535, 0));
        assertTrue(SequenceNumber.isLessThan(65000, 100));
        assertFalse(SequenceNumber.isLessThan(100, 65000));
        assertTrue(SequenceNumber.isNewer(3, 65530));
    }

    @Test
    void exactlyHalfWayIsNeitherLessNorGreater() {
        assertFalse(SequenceNumber.isLessThan(0, 32768));
        assertFalse(SequenceNumber.isLessThan(32768, 0));
    }

    @Test
    void nextWraps() {
        assertEquals(0, SequenceNumber.next(65535));
        assertEquals(1, SequenceNumber.next(0));
    }

    @Test
    void numbersOutsideSixteenBitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SequenceNumber.check(65536));
        assertThrows(IllegalArgumentException.class, () -> SequenceNumber.check(-1));
    }
}

package mobility.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.InvocationTargetException;

import org.junit.jupiter.api.Test;

class LogConsoleTest {

    @Test
    void aConstructorFailureIsPrintedWithTheComponentsOwnMessage() {
        var failure = new InvocationTargetException(
                new IllegalStateException("nft is not installed", new java.io.IOException("error=2, No such file")));
        assertEquals("java.lang.IllegalStateException: nft is not installed; caused by: java.io.IOException: "
                + "error=2, No such file", LogConsole.causes(failure));
    }

    @Test
    void aPlainExceptionIsPrintedAsItIs() {
        assertEquals("java.lang.IllegalArgumentException: bad key", LogConsole.causes(
                new IllegalArgumentException("bad key")));
    }
}

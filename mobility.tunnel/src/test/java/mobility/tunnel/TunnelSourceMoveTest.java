package mobility.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.Seg6TunnelSource;
import mobility.api.net.Ipv6Address;

class TunnelSourceMoveTest {

    private static final Ipv6Address NEW_CARE_OF = Ipv6Address.parse("2001:db8:1000::5");

    /** A kernel that takes the new source at once and answers after its grace period, when the test lets it. */
    private static final class SlowToAnswer implements Seg6TunnelSource {
        final AtomicReference<Ipv6Address> source = new AtomicReference<>();
        final CountDownLatch taken = new CountDownLatch(1);
        final CountDownLatch gracePeriodOver = new CountDownLatch(1);
        RuntimeException refusal;

        @Override
        public Ipv6Address get(NetworkNamespace namespace) {
            return source.get();
        }

        @Override
        public void set(NetworkNamespace namespace, Ipv6Address address) {
            if (refusal != null) {
                throw refusal;
            }
            source.set(address);
            taken.countDown();
            try {
                gracePeriodOver.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void theMoveGoesOnWhileTheKernelWaitsForItsGracePeriod() throws Exception {
        SlowToAnswer kernel = new SlowToAnswer();
        TunnelSourceMove move = TunnelSourceMove.start(kernel, null, NEW_CARE_OF);
        assertTrue(kernel.taken.await(5, TimeUnit.SECONDS));
        assertEquals(NEW_CARE_OF, kernel.source.get());
        Thread waiter = new Thread(move::await);
        waiter.start();
        waiter.join(100);
        assertTrue(waiter.isAlive(), "the move ended before the kernel answered");
        kernel.gracePeriodOver.countDown();
        waiter.join(5_000);
        assertFalse(waiter.isAlive());
    }

    @Test
    void aRefusalIsThrownWhenTheMoveWaitsForTheAnswer() {
        SlowToAnswer kernel = new SlowToAnswer();
        kernel.refusal = new IllegalStateException("EPERM");
        TunnelSourceMove move = TunnelSourceMove.start(kernel, null, NEW_CARE_OF);
        assertEquals("EPERM", assertThrows(IllegalStateException.class, move::await).getMessage());
        move.awaitQuietly();
    }
}

package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The pinning counter on workloads whose pins are known. */
class PinningMeterTest {

    /** Its initializer parks: a virtual thread that first touches it is pinned while it sleeps. */
    static final class SlowToInitialize {
        static final long READY;

        static {
            LockSupport.parkNanos(20_000_000);
            READY = System.nanoTime();
        }
    }

    @Test
    void aVirtualThreadBlockingInAClassInitializerIsCountedOnceWithItsDuration() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "before JDK 24 synchronized pins too; this workload is for 24+");
        var meter = PinningMeter.start();
        Thread.ofVirtual()
                .start(() -> assertThat(SlowToInitialize.READY).isPositive())
                .join();
        PinningMeter.Pinning pinning = meter.stop();
        assertThat(pinning.events()).isEqualTo(1);
        assertThat(pinning.nanos()).isGreaterThanOrEqualTo(15_000_000);
    }

    @Test
    void virtualThreadsThatParkOrSleepOutsideAnInitializerAreNotPinned() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "before JDK 24 synchronized pins: the lock below would");
        var meter = PinningMeter.start();
        Object lock = new Object();
        var threads = new Thread[20];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = Thread.ofVirtual().start(() -> {
                synchronized (lock) { // no longer pins since JEP 491
                    LockSupport.parkNanos(1_000_000);
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(meter.stop().events()).isZero();
    }
}

package flagbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.server.InFlightMeter.Outcome;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InFlightMeterTest {

    @Test
    void aRequestCompletedBeforeItsDelayEndsIsStillInFlight() {
        var now = new AtomicLong(1_000_000_000L);
        var meter = new InFlightMeter(now::get, () -> 0, () -> 0);
        UUID slow = UUID.randomUUID();
        meter.arrived(slow, 300, Outcome.OK);
        now.addAndGet(100_000_000L);
        meter.completed(slow); // as WireMock reports it in async mode, before sending the delayed bytes
        assertThat(meter.inFlight()).isEqualTo(1);
        now.addAndGet(199_000_000L);
        assertThat(meter.inFlight()).as("1 ms before its delay ends").isEqualTo(1);
        now.addAndGet(1_000_000L);
        assertThat(meter.inFlight()).as("when its delay ends").isZero();
        assertThat(meter.snapshot().peak()).isEqualTo(1);
    }

    @Test
    void aRequestCompletedAfterItsDelayLeavesAtOnce() {
        var now = new AtomicLong();
        var meter = new InFlightMeter(now::get, () -> 0, () -> 0);
        UUID id = UUID.randomUUID();
        meter.arrived(id, 50, Outcome.OK);
        now.addAndGet(80_000_000L); // sent late, as a busy machine does
        assertThat(meter.inFlight()).isEqualTo(1);
        meter.completed(id);
        assertThat(meter.inFlight()).isZero();
    }

    @Test
    void countsPeakAndOutcomesUntilReset() {
        var meter = new InFlightMeter();
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID();
        meter.arrived(a, 0, Outcome.OK);
        meter.arrived(b, 0, Outcome.NOT_FOUND);
        meter.completed(a);
        meter.arrived(c, 0, Outcome.FAULT);
        meter.completed(b);
        var snapshot = meter.snapshot();
        assertThat(snapshot.peak()).isEqualTo(2);
        assertThat(snapshot.inFlight()).isEqualTo(1);
        assertThat(snapshot.ok()).isEqualTo(1);
        assertThat(snapshot.notFound()).isEqualTo(1);
        assertThat(snapshot.fault()).isEqualTo(1);
        assertThat(snapshot.total()).isEqualTo(3);
        meter.completed(c);
        meter.reset();
        var afterReset = meter.snapshot();
        assertThat(afterReset)
                .isEqualTo(new InFlightMeter.Snapshot(
                        0, 0, 0, 0, 0, 0, 3, afterReset.cpuNanos(), afterReset.compileMillis(), 0, 0, 0, -1, 0, 0, 0));
    }

    @Test
    void requestsCpuAndCompileTimeAreRunningTotalsThatAResetKeeps() {
        var cpu = new AtomicLong(1_000);
        var compile = new AtomicLong(40);
        var meter = new InFlightMeter(System::nanoTime, cpu::get, compile::get);
        meter.arrived(UUID.randomUUID(), 0, Outcome.OK);
        meter.arrived(UUID.randomUUID(), 0, Outcome.ERROR);
        meter.reset();
        meter.arrived(UUID.randomUUID(), 0, Outcome.OK);
        cpu.addAndGet(5_000);
        compile.addAndGet(25);
        var snapshot = meter.snapshot();
        assertThat(snapshot.requests()).isEqualTo(3); // a client takes differences: 3 requests
        assertThat(snapshot.total()).isEqualTo(1); // the outcome counts restart
        assertThat(snapshot.cpuNanos()).isEqualTo(6_000);
        assertThat(snapshot.compileMillis()).isEqualTo(65);
    }

    @Test
    void aRequestRecordedLateIsCountedFromItsArrival() {
        var now = new AtomicLong();
        var meter = new InFlightMeter(now::get, () -> 0, () -> 0);
        long arrival = now.get();
        now.addAndGet(5_000_000L); // its answer took 5 ms to build before it was recorded
        UUID late = UUID.randomUUID();
        meter.arrivedAt(late, arrival, 10_000_000L, 20, Outcome.OK); // waits 10 ms for its place
        assertThat(meter.queued()).isEqualTo(1);
        now.set(arrival + 10_000_000L); // its place opened 10 ms after it arrived, not after it was recorded
        assertThat(meter.queued()).isZero();
        meter.completed(late); // WireMock is done; its delayed answer leaves 20 ms after arrival
        assertThat(meter.inFlight()).isEqualTo(1);
        now.set(arrival + 20_000_000L);
        assertThat(meter.inFlight()).isZero();
    }

    @Test
    void aQueuedRequestCountsAsQueuedUntilItsServiceStarts() {
        var now = new AtomicLong();
        var meter = new InFlightMeter(now::get, () -> 0, () -> 0);
        UUID served = UUID.randomUUID(), waiting = UUID.randomUUID();
        meter.arrived(served, 0, 100, Outcome.OK);
        meter.arrived(waiting, 100_000_000L, 200, Outcome.OK); // waits 100 ms for the place, then 100 ms of service
        var both = meter.snapshot();
        assertThat(both.inFlight()).isEqualTo(2);
        assertThat(both.queued()).isEqualTo(1);
        assertThat(both.inService()).isEqualTo(1);
        now.addAndGet(100_000_000L);
        meter.completed(served);
        var second = meter.snapshot();
        assertThat(second.queued()).isZero();
        assertThat(second.inService()).isEqualTo(1);
        assertThat(second.peakQueued()).isEqualTo(1);
        meter.arrived(UUID.randomUUID(), 0, 0, Outcome.REFUSED);
        assertThat(meter.snapshot().refused()).isEqualTo(1);
        assertThat(meter.snapshot().total()).isEqualTo(3);
    }

    @Test
    void aNewTrialForgetsTheLastOnesSleepingAnswers() {
        var now = new AtomicLong();
        var meter = new InFlightMeter(now::get, () -> 0, () -> 0);
        UUID sleeping = UUID.randomUUID();
        meter.arrived(sleeping, 0, 5_000, Outcome.OK); // a 5 s answer its client gave up on
        meter.completed(sleeping);
        assertThat(meter.inFlight()).isEqualTo(1);
        meter.forgetInFlight();
        meter.reset();
        assertThat(meter.inFlight()).isZero();
        assertThat(meter.snapshot().peak()).isZero();
        meter.arrived(UUID.randomUUID(), 0, 100, Outcome.OK);
        assertThat(meter.snapshot().peak()).isEqualTo(1);
    }
}

package flagbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.server.InFlightMeter.Outcome;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InFlightMeterTest {

    @Test
    void aRequestCompletedBeforeItsDelayEndsIsStillInFlight() throws InterruptedException {
        var meter = new InFlightMeter();
        UUID slow = UUID.randomUUID();
        meter.arrived(slow, 300, Outcome.OK);
        meter.completed(slow); // as WireMock reports it in async mode, before sending the delayed bytes
        assertThat(meter.inFlight()).isEqualTo(1);
        Thread.sleep(400);
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
        assertThat(meter.snapshot()).isEqualTo(new InFlightMeter.Snapshot(0, 0, 0, 0, 0, 0));
    }
}

package flagbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import flagbench.server.Admission.Decision;
import flagbench.server.Admission.Refusal;
import flagbench.timing.Downstream;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The downstream's queue against queueing theory, and its limits against counts worked out by hand. */
class AdmissionTest {

    private static final long MS = 1_000_000;

    /**
     * M/M/C: Poisson arrivals at rate λ, exponential service with mean 1/μ, C places, an unbounded FIFO queue.
     * Erlang C gives the probability that an arrival waits, and the mean wait P(wait) / (Cμ − λ).
     */
    @ParameterizedTest(name = "C={0}, λ={1}/s, service {2} ms")
    @CsvSource({"1, 8, 100", "10, 80, 100", "50, 450, 100", "4, 30, 100"})
    void meanWaitIsErlangC(int places, double arrivalsPerSecond, double serviceMillis) {
        var admission = new Admission(new Downstream(places, -1, Downstream.Overload.STATUS_503, 0));
        var random = new SplittableRandom(7);
        double now = 0, waited = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            now += -Math.log(1 - random.nextDouble()) / arrivalsPerSecond * 1e9;
            long service = (long) (-Math.log(1 - random.nextDouble()) * serviceMillis * MS);
            Decision d = admission.admit((long) now, service);
            assertThat(d.refused()).isFalse();
            waited += d.waitNanos();
        }
        double measuredMillis = waited / n / MS;
        double expectedMillis = erlangCWaitMillis(places, arrivalsPerSecond, serviceMillis);
        assertThat(measuredMillis).isCloseTo(expectedMillis, within(expectedMillis * 0.10));
    }

    static double erlangCWaitMillis(int c, double lambda, double serviceMillis) {
        double mu = 1000 / serviceMillis;
        double a = lambda / mu, rho = a / c;
        double term = 1, sum = 0; // a^k / k!
        for (int k = 0; k < c; k++) {
            sum += term;
            term *= a / (k + 1);
        }
        double last = term / (1 - rho);
        double pWait = last / (sum + last);
        return pWait / (c * mu - lambda) * 1000;
    }

    /** W closed-loop clients, C < W places, service L: throughput C / L and each request takes (W / C) · L. */
    @ParameterizedTest(name = "W={0}, C={1}")
    @CsvSource({"40, 10", "100, 50", "7, 2"})
    void closedLoopClientsShareTheCapacity(int workers, int places) {
        long service = 100 * MS;
        var admission = new Admission(new Downstream(places, -1, Downstream.Overload.STATUS_503, 0));
        var nextArrival = new PriorityQueue<Long>();
        for (int w = 0; w < workers; w++) {
            nextArrival.add(0L);
        }
        int requests = 20_000;
        double took = 0;
        long last = 0;
        for (int i = 0; i < requests; i++) {
            long now = nextArrival.poll();
            Decision d = admission.admit(now, service);
            long done = now + d.waitNanos() + service;
            took += d.waitNanos() + service;
            last = Math.max(last, done);
            nextArrival.add(done); // the worker asks again as soon as it has its answer
        }
        double throughput = requests / (last / 1e9);
        assertThat(throughput).isCloseTo(places * 10.0, within(places * 10.0 * 0.02));
        assertThat(took / requests / MS)
                .isCloseTo((double) workers / places * 100, within(workers * 100.0 / places * 0.02));
    }

    @Test
    void beyondTheQueueRequestsAreRefusedWithRetryAfter() {
        var admission = new Admission(new Downstream(2, 5, Downstream.Overload.STATUS_429, 0));
        List<Decision> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            burst.add(admission.admit(0, 1500 * MS));
        }
        assertThat(burst.stream().filter(d -> !d.refused()).map(Decision::waitNanos))
                .containsExactly(0L, 0L, 1500 * MS, 1500 * MS, 3000 * MS, 3000 * MS, 4500 * MS);
        assertThat(burst.subList(7, 10)).allSatisfy(d -> {
            assertThat(d.refusal()).isEqualTo(Refusal.OVERLOADED);
            assertThat(d.retryAfterSeconds()).isEqualTo(2); // the first waiting one starts at 1.5 s
        });
        // at 1.5 s two start and leave the queue: two places in it again
        assertThat(admission.admit(1500 * MS, MS).refused()).isFalse();
        assertThat(admission.admit(1500 * MS, MS).refused()).isFalse();
        assertThat(admission.admit(1500 * MS, MS).refused()).isTrue();
    }

    @Test
    void noQueueMeansBusyIsRefused() {
        var admission = new Admission(new Downstream(1, 0, Downstream.Overload.CLOSE, 0));
        assertThat(admission.admit(0, 100 * MS).refused()).isFalse();
        assertThat(admission.admit(50 * MS, 100 * MS).refusal()).isEqualTo(Refusal.OVERLOADED);
        assertThat(admission.admit(100 * MS, 100 * MS).waitNanos()).isZero();
    }

    @Test
    void theRateLimitIsATokenBucketWithABurstOfOneSecond() {
        var admission = new Admission(new Downstream(0, -1, Downstream.Overload.STATUS_503, 10));
        long admitted = 0;
        for (int i = 0; i < 15; i++) {
            admitted += admission.admit(0, MS).refused() ? 0 : 1;
        }
        assertThat(admitted).isEqualTo(10);
        Decision refused = admission.admit(0, MS);
        assertThat(refused.refusal()).isEqualTo(Refusal.RATE_LIMITED);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        // half a second later, five tokens have come back
        admitted = 0;
        for (int i = 0; i < 8; i++) {
            admitted += admission.admit(500 * MS, MS).refused() ? 0 : 1;
        }
        assertThat(admitted).isEqualTo(5);
        // sustained: over 100 s at 50 requests a second, 10 a second get through
        admitted = 0;
        for (int i = 0; i < 5_000; i++) {
            admitted += admission.admit(500 * MS + i * 20 * MS, MS).refused() ? 0 : 1;
        }
        assertThat(admitted).isBetween(999L, 1001L);
    }

    @Test
    void rateAndCapacityTogether() {
        var admission = new Admission(new Downstream(1, -1, Downstream.Overload.STATUS_503, 2));
        assertThat(admission.admit(0, 100 * MS).waitNanos()).isZero();
        assertThat(admission.admit(0, 100 * MS).waitNanos()).isEqualTo(100 * MS); // queued behind the first
        assertThat(admission.admit(0, 100 * MS).refusal()).isEqualTo(Refusal.RATE_LIMITED);
    }

    @Test
    void aPausedBucketDoesNotRefill() {
        var admission = new Admission(new Downstream(0, -1, Downstream.Overload.STATUS_503, 10));
        for (int i = 0; i < 10; i++) {
            admission.admit(0, MS);
        }
        assertThat(admission.tokens(0)).isZero();
        admission.pause(100 * MS);
        assertThat(admission.tokens(5_000 * MS)).isCloseTo(1, within(1e-9)); // the 100 ms before the pause only
        admission.resume(5_000 * MS);
        assertThat(admission.tokens(5_200 * MS)).isCloseTo(3, within(1e-9));
        assertThat(new Admission(Downstream.NONE).tokens(0)).isNaN();
    }
}

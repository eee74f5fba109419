package flagbench.download;

import flagbench.catalog.Catalog;
import flagbench.timing.Draws;
import flagbench.timing.Latency;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The control: sleeps the latency and returns the catalogue's bytes, with no I/O at all, so the
 * difference to {@link HttpFlagFetcher} is what the network stack and the server cost.
 */
public final class SimulatedFlagFetcher implements FlagFetcher {

    private final Latency latency;
    private final long seed;
    private final AtomicLong sequence = new AtomicLong();
    private final Catalog catalog = Catalog.get();

    public SimulatedFlagFetcher(Latency latency, long seed) {
        this.latency = latency;
        this.seed = seed;
    }

    private long nextDelayMillis() {
        return latency.sampleMillis(Draws.nth(seed, sequence.getAndIncrement()));
    }

    @Override
    public Outcome fetch(String code) {
        try {
            Thread.sleep(nextDelayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.error(code, Tally.NOT_STARTED);
        }
        return lookUp(code);
    }

    @Override
    public CompletableFuture<Outcome> fetchAsync(String code) {
        var delayed = CompletableFuture.delayedExecutor(nextDelayMillis(), TimeUnit.MILLISECONDS);
        return CompletableFuture.supplyAsync(() -> lookUp(code), delayed);
    }

    private Outcome lookUp(String code) {
        return catalog.find(code)
                .map(country -> Outcome.ok(code, catalog.gif(country)))
                .orElseGet(() -> Outcome.notFound(code));
    }
}

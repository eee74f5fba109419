package flagbench.download;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The counts of one {@code downloadMany} call. Built from one outcome per code asked, so
 * {@code ok + notFound + error} always equals the number of codes, even after an interrupt.
 *
 * <p>Immutable, so safe to share between threads: a strategy builds it once, from every outcome, after its workers are
 * done ({@link #await}, {@link #of}); nothing counts into it while downloads run.
 */
public record Tally(int ok, int notFound, int error, long bytes, Map<String, Integer> errorReasons) {

    public Tally {
        errorReasons = Map.copyOf(errorReasons);
    }

    static final String NOT_STARTED = "interrupted before it finished";

    public int total() {
        return ok + notFound + error;
    }

    /** Counts {@code outcomes} (those of the first codes); codes without one count as interrupted errors. */
    public static Tally of(List<String> codes, List<Outcome> outcomes) {
        int ok = 0, notFound = 0, error = 0;
        long bytes = 0;
        var reasons = new TreeMap<String, Integer>();
        for (int i = 0; i < codes.size(); i++) {
            Outcome outcome = i < outcomes.size() ? outcomes.get(i) : Outcome.error(codes.get(i), NOT_STARTED);
            switch (outcome.status()) {
                case OK -> {
                    ok++;
                    bytes += outcome.size();
                }
                case NOT_FOUND -> notFound++;
                case ERROR -> {
                    error++;
                    reasons.merge(outcome.reason(), 1, Integer::sum);
                }
            }
        }
        return new Tally(ok, notFound, error, bytes, Map.copyOf(reasons));
    }

    /**
     * Waits for one future per code (fewer if scheduling stopped early). If the calling thread is
     * interrupted, each future not yet done is cancelled and counts as an error; one that cannot
     * be cancelled any more (it is finishing) is waited for, so that nothing of it happens after
     * this returns. The interrupt is kept.
     */
    public static Tally await(List<String> codes, List<? extends Future<Outcome>> futures) {
        var outcomes = new ArrayList<Outcome>(codes.size());
        boolean interrupted = Thread.currentThread().isInterrupted();
        for (int i = 0; i < futures.size(); i++) {
            Future<Outcome> future = futures.get(i);
            String code = codes.get(i);
            if (!interrupted) {
                try {
                    outcomes.add(outcomeOf(code, future));
                    continue;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            outcomes.add(future.cancel(true) ? Outcome.error(code, NOT_STARTED) : finishedOutcome(code, future));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return of(codes, outcomes);
    }

    private static Outcome outcomeOf(String code, Future<Outcome> future) throws InterruptedException {
        try {
            return future.get();
        } catch (CancellationException e) {
            return Outcome.error(code, NOT_STARTED);
        } catch (ExecutionException e) {
            return Outcome.error(code, e.getCause());
        }
    }

    /** The outcome of a future that could not be cancelled: done, or about to be; waits through interrupts. */
    private static Outcome finishedOutcome(String code, Future<Outcome> future) {
        while (true) {
            try {
                return outcomeOf(code, future);
            } catch (InterruptedException e) {
                // still interrupted: the caller restores the flag
            }
        }
    }
}

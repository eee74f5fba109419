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
 */
public record Tally(int ok, int notFound, int error, long bytes, Map<String, Integer> errorReasons) {

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
                case OK -> { ok++; bytes += outcome.size(); }
                case NOT_FOUND -> notFound++;
                case ERROR -> { error++; reasons.merge(outcome.reason(), 1, Integer::sum); }
            }
        }
        return new Tally(ok, notFound, error, bytes, Map.copyOf(reasons));
    }

    /**
     * Waits for one future per code (fewer if scheduling stopped early). If the calling thread is
     * interrupted, the rest are cancelled at once and count as errors; the interrupt is kept.
     */
    public static Tally await(List<String> codes, List<? extends Future<Outcome>> futures) {
        var outcomes = new ArrayList<Outcome>(codes.size());
        boolean interrupted = Thread.currentThread().isInterrupted();
        for (int i = 0; i < futures.size(); i++) {
            Future<Outcome> future = futures.get(i);
            if (interrupted) {
                future.cancel(true);
            }
            outcomes.add(outcomeOf(codes.get(i), future, interrupted));
            interrupted = interrupted || Thread.currentThread().isInterrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return of(codes, outcomes);
    }

    private static Outcome outcomeOf(String code, Future<Outcome> future, boolean interrupted) {
        if (interrupted && !future.isDone()) {
            return Outcome.error(code, NOT_STARTED);
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return Outcome.error(code, NOT_STARTED);
        } catch (CancellationException e) {
            return Outcome.error(code, NOT_STARTED);
        } catch (ExecutionException e) {
            return Outcome.error(code, e.getCause());
        }
    }
}

package flagbench.report;

import flagbench.results.Counter;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bounds on the time of N downloads, a roofline for concurrency: the latency bound by Little's law,
 * ceil(N / concurrency)·L; the CPU bound N / X_max, where X_max is the throughput (downloads/s) of the
 * same strategy, transport, workers and connections at zero latency and with no downstream in the same
 * run (or, for a maxWorkers sweep, the strategy's fastest zero-latency row whatever its workers); and,
 * when the server models a downstream, its bound: ceil(N / C) rounds of service and N / R seconds of tokens (about
 * N / min(C / L, R)). The ideal is the largest; a row
 * whose CPU bound is the largest reads as CPU-bound, not as "4 % efficient".
 *
 * <p>X_max is this box's, with the harness's own server on it. The bound a user can carry to a client
 * machine that does not host the server is the client's CPU alone, cores / (client CPU per download),
 * from the row's own costs: {@code clientCpuBoundMillis}, which no row's ideal uses. {@code serverShare}
 * is the server's part of the CPU the row used (NaN without costs): when it is large and the row is
 * CPU-bound, the harness's server, not the strategy, took the CPU.
 */
public record Roofline(
        double latencyBoundMillis,
        double cpuBoundMillis,
        double downstreamBoundMillis,
        double clientCpuBoundMillis,
        double serverShare,
        double idealMillis,
        double efficiency,
        Bound bound) {

    public enum Bound {
        LATENCY("latency"),
        CPU("CPU"),
        DOWNSTREAM("downstream"),
        UNKNOWN("–");

        public final String word;

        Bound(String word) {
            this.word = word;
        }
    }

    /** The row's bounds; the CPU bound is NaN when the run has no zero-latency row like it. */
    public static Roofline of(RunFolder run, ResultRow row) {
        double latencyBound = row.idealMillis();
        double cpuBound = throughputCeiling(run, row)
                .or(() -> strategyCeiling(run, row))
                .map(x -> row.codeCount() / x * 1000)
                .orElse(Double.NaN);
        double downstreamBound = row.downstream().batchMillis(row.codeCount(), row.latencyMillis());
        double clientCpuPerDownload = (double) row.sum(Counter.clientCpuNanos) / row.downloads();
        double cores = run.machine().at("/logicalCores").asDouble(Double.NaN);
        double clientBound = clientCpuPerDownload > 0 && cores > 0
                ? row.codeCount() * clientCpuPerDownload / cores / 1e6
                : Double.NaN;
        double serverCpu = row.sum(Counter.serverCpuNanos);
        double serverShare = serverCpu > 0 && clientCpuPerDownload > 0
                ? serverCpu / (serverCpu + row.sum(Counter.clientCpuNanos))
                : Double.NaN;
        if (isCeiling(row) || row.codeCount() == 0) { // it is the ceiling itself
            return new Roofline(
                    latencyBound,
                    cpuBound,
                    downstreamBound,
                    clientBound,
                    serverShare,
                    Double.NaN,
                    Double.NaN,
                    Bound.UNKNOWN);
        }
        double ideal = Math.max(
                nanToZero(downstreamBound),
                Double.isNaN(cpuBound) ? latencyBound : Math.max(nanToZero(latencyBound), cpuBound));
        // without the CPU bound the latency bound is still the ideal, but which one binds is not known (unless the
        // downstream's does)
        Bound bound = Double.isNaN(ideal) || ideal <= 0
                ? Bound.UNKNOWN
                : nanToZero(downstreamBound) >= ideal
                        ? Bound.DOWNSTREAM
                        : Double.isNaN(cpuBound)
                                ? Bound.UNKNOWN
                                : cpuBound > nanToZero(latencyBound) ? Bound.CPU : Bound.LATENCY;
        double mean = row.meanMillis();
        // refused downloads were answered at once: the bounds are for N served, so no efficiency compares with them
        boolean refused = row.refusedShare() > 0;
        return new Roofline(
                latencyBound,
                cpuBound,
                downstreamBound,
                clientBound,
                serverShare,
                ideal,
                ideal > 0 && mean > 0 && !refused ? ideal / mean : Double.NaN,
                bound);
    }

    /** The client's CPU alone as downloads per second: what this strategy would reach with the server on another host. */
    public double clientCpuCeiling(int downloads) {
        return downloads * 1000.0 / clientCpuBoundMillis;
    }

    /**
     * X_max for the row: downloads per second of the run's zero-latency row with the same
     * parameters but latency and codes (the largest code set when there are several).
     */
    public static Optional<Double> throughputCeiling(RunFolder run, ResultRow row) {
        return ceiling(run, row, "latency", "codes");
    }

    /**
     * The strategy's X_max whatever its workers: the fastest zero-latency row with the row's other
     * parameters. What a maxWorkers curve is bound by, and what Little's rule multiplies.
     */
    public static Optional<Double> strategyCeiling(RunFolder run, ResultRow row) {
        return ceiling(run, row, "latency", "codes", "maxWorkers");
    }

    /** A row that measures X_max: no server time and no network to wait for, so the CPU is all it is bound by. */
    private static boolean isCeiling(ResultRow row) {
        return row.latencyMillis() == 0 && row.network().loopback();
    }

    /**
     * X_max is the client's and this box's: a row of any downstream or network has the ceiling of the rows without one (the
     * link's CPU is the server process's, not the client's).
     */
    private static Optional<Double> ceiling(RunFolder run, ResultRow row, String... ignored) {
        String[] alsoIgnored = Arrays.copyOf(ignored, ignored.length + 2);
        alsoIgnored[ignored.length] = "downstream";
        alsoIgnored[ignored.length + 1] = "network";
        Map<String, String> like = without(row, alsoIgnored);
        return run.rows().stream()
                .filter(r -> isCeiling(r)
                        && r.codeCount() > 0
                        && r.benchmark().equals(row.benchmark())
                        && !r.downstream().limited()
                        && without(r, alsoIgnored).equals(like))
                .max(Comparator.comparingInt(ResultRow::codeCount).thenComparingDouble(ResultRow::throughput))
                .map(ResultRow::throughput);
    }

    private static Map<String, String> without(ResultRow row, String... ignored) {
        var params = new TreeMap<>(row.matchParams());
        for (String name : ignored) {
            params.remove(name);
        }
        return params;
    }

    private static double nanToZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}

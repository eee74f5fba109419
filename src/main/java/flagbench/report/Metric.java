package flagbench.report;

import flagbench.results.Counter;
import flagbench.results.ResultRow;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A per-row quantity that report.md shows and {@code compare --metric} compares: its samples, fork
 * by fork, one per measured iteration, so the same two-level bootstrap applies to it as to the
 * time. The costs are flagbench's own counters from jmh.json, divided per iteration by what they
 * are per (downloads, requests); any other secondary metric (a profiler's, e.g. -prof gc's
 * {@code gc.alloc.rate.norm}) is a metric by its own name.
 */
public record Metric(String name, String label, String unit, Function<ResultRow, double[][]> samples) {

    public static final Metric TIME = new Metric("time", "time", "ms", ResultRow::forkMillis);
    /**
     * The CPU of the downloads' work, per download: the client's process total less the JVM's background (JIT
     * compilers, GC, VM threads), which can outweigh the downloads of a short operation. Only iterations whose fork told
     * the two apart: a run made before, or a fork that could not ({@code CostMeter}), has none.
     */
    public static final Metric DOWNLOAD_CPU =
            cpu("cpu", "download CPU", Counter.downloadCpuNanos, Counter.downloadCpuNanos);

    /** The JVM's background CPU during the operation, per download, where the fork told it apart. */
    public static final Metric BACKGROUND_CPU =
            cpu("cpu-background", "background CPU", Counter.backgroundCpuNanos, Counter.downloadCpuNanos);

    /** The client JVM's CPU time over the operation, every thread, per download: what {@code cpu} was before the split. */
    public static final Metric CLIENT_CPU = cpu("cpu-total", "client CPU", Counter.clientCpuNanos, Counter.downloads);

    public static final Metric SERVER_CPU = new Metric(
            "server-cpu",
            "server CPU",
            "µs/request",
            r -> ratio(r, Counter.serverCpuNanos, Counter.serverRequests, 1e-3, Counter.serverRequests));
    public static final Metric ALLOCATED = new Metric(
            "alloc",
            "allocated",
            "KB/download",
            r -> ratio(r, Counter.allocatedBytes, Counter.downloads, 1 / 1024.0, Counter.downloads));
    public static final Metric PEAK_THREADS =
            new Metric("threads", "peak platform threads", "", r -> r.secondary(Counter.peakThreads));
    public static final Metric VIRTUAL_THREADS =
            new Metric("virtual-threads", "virtual threads", "per call", r -> r.secondary(Counter.virtualThreads));
    public static final Metric RSS =
            new Metric("rss", "peak RSS", "MB", r -> scaled(r.secondary(Counter.peakRssBytes), 1.0 / (1 << 20)));
    /** JFR's jdk.VirtualThreadPinned events per operation, threshold zero, and their time per operation. */
    public static final Metric PINNED =
            new Metric("pinned", "pinned", "events per call", r -> r.secondary(Counter.pinnedEvents));

    public static final Metric PINNED_TIME = new Metric(
            "pinned-time", "pinned time", "ms per call", r -> scaled(r.secondary(Counter.pinnedNanos), 1e-6));

    /** TCP connections the server accepted, TLS handshakes it made and of those the resumed ones, per operation. */
    public static final Metric CONNECTIONS =
            new Metric("connections", "connections", "per call", r -> r.secondary(Counter.serverConnections));

    public static final Metric HANDSHAKES =
            new Metric("handshakes", "TLS handshakes", "per call", r -> r.secondary(Counter.tlsHandshakes));
    public static final Metric RESUMED =
            new Metric("resumed", "of those resumed", "per call", r -> r.secondary(Counter.tlsResumed));
    /** The errors by what they were, per operation: the err column of report.md, named. */
    public static final Metric TIMEOUTS =
            new Metric("timeouts", "timed out", "per call", r -> r.secondary(Counter.timeouts));

    public static final Metric BROKEN =
            new Metric("broken", "broken answers", "per call", r -> r.secondary(Counter.brokenAnswers));

    /** What a strategy costs beyond time, in the order report.md shows them. */
    public static final List<Metric> COSTS = List.of(
            DOWNLOAD_CPU,
            BACKGROUND_CPU,
            CLIENT_CPU,
            SERVER_CPU,
            ALLOCATED,
            PEAK_THREADS,
            VIRTUAL_THREADS,
            RSS,
            PINNED,
            PINNED_TIME,
            CONNECTIONS,
            HANDSHAKES,
            RESUMED,
            TIMEOUTS,
            BROKEN);

    /** Costs that report.md shows only where some row has any: a run in clear has no handshakes, a quiet one no errors. */
    public static final Set<Metric> SHOWN_WHEN_ANY = Set.of(HANDSHAKES, RESUMED, TIMEOUTS, BROKEN);

    /** The costs that are CPU time: a slower machine takes more of it for the same work, all of it. */
    private static final Set<Metric> CPU_TIME = Set.of(DOWNLOAD_CPU, BACKGROUND_CPU, CLIENT_CPU, SERVER_CPU);

    /** Every metric known by name: the time, then the costs. */
    private static final List<Metric> KNOWN =
            Stream.concat(Stream.of(TIME), COSTS.stream()).toList();

    /** The benchmark's own counters: shown through the metrics above, not again as profiler metrics. */
    public static final Set<String> OWN_COUNTERS = Counter.NAMES;

    /** A known metric by its name, or the secondary metric of that name in jmh.json (a profiler's). */
    public static Metric named(String name) {
        return KNOWN.stream()
                .filter(m -> m.name.equals(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseGet(() -> new Metric(name, name, "", r -> r.secondary(name)));
    }

    /** The names {@link #named} knows, for --help. */
    public static List<String> names() {
        return KNOWN.stream().map(Metric::name).toList();
    }

    /**
     * How much a row's values vary, as the rule for unstable rows reads it ({@code Comparison.UNSTABLE_CV}), relative to
     * their mean. The time: its samples, as it always was. A cost: its fork means, the fork being its unit; one
     * iteration's cost per download is a ratio over few downloads, whose noise its fork's iterations average out, while
     * what a fork cannot average is the JVM it ran in.
     */
    public double variation(double[][] forks) {
        return this == TIME ? Statistics.coefficientOfVariation(forks) : forkVariation(forks);
    }

    /**
     * The part of each of a row's samples that the machine's speed does not scale, for a change with the machine allowed
     * for ({@code MachineAllowance}): the time's latency bound (its waiting), none of a CPU time (0), and NaN for any other
     * metric, which the machine is not allowed for (allocations, threads, counts do not scale with a core's speed).
     */
    public double unscaled(ResultRow row) {
        return this == TIME ? row.idealMillis() : CPU_TIME.contains(this) ? 0 : Double.NaN;
    }

    /** What {@link #variation} is of, in words: "samples" or "fork means". */
    public String variationOf() {
        return this == TIME ? "samples" : "fork means";
    }

    private static double forkVariation(double[][] forks) {
        double[] means = Statistics.forkMeans(forks);
        return means.length < 2 ? 0 : Statistics.coefficientOfVariation(new double[][] {means});
    }

    /** Whether the row has samples of this metric (a run made before a counter existed has none). */
    public boolean presentIn(ResultRow row) {
        return Statistics.samples(samples.apply(row)).length > 0;
    }

    /** The mean over every sample of the row, NaN without any. */
    public double mean(ResultRow row) {
        return presentIn(row) ? Statistics.mean(samples.apply(row)) : Double.NaN;
    }

    public String heading() {
        return unit.isEmpty() ? label : label + " (" + unit + ")";
    }

    /** A client CPU counter in µs per download, in the iterations where {@code measured} is above 0. */
    private static Metric cpu(String name, String label, Counter nanos, Counter measured) {
        return new Metric(name, label, "µs/download", r -> ratio(r, nanos, Counter.downloads, 1e-3, measured));
    }

    /**
     * Per iteration, a counter over what it is per (e.g. CPU ns over downloads), times a scale; only iterations where
     * {@code measured} is above 0 (the divisor itself, or the counter that says the iteration was measured), forks
     * without such iterations left out too.
     */
    static double[][] ratio(ResultRow row, Counter counter, Counter per, double scale, Counter measured) {
        double[][] top = row.secondary(counter);
        double[][] bottom = row.secondary(per);
        double[][] when = row.secondary(measured);
        return IntStream.range(0, Math.min(Math.min(top.length, bottom.length), when.length))
                .mapToObj(f -> IntStream.range(0, Math.min(Math.min(top[f].length, bottom[f].length), when[f].length))
                        .filter(i -> bottom[f][i] > 0 && when[f][i] > 0)
                        .mapToDouble(i -> top[f][i] / bottom[f][i] * scale)
                        .toArray())
                .filter(fork -> fork.length > 0)
                .toArray(double[][]::new);
    }

    private static double[][] scaled(double[][] forks, double scale) {
        return Arrays.stream(forks)
                .map(f -> Arrays.stream(f).map(x -> x * scale).toArray())
                .toArray(double[][]::new);
    }
}

package flagbench.results;

import flagbench.catalog.Catalog;
import flagbench.catalog.CodeSets;
import flagbench.download.Clients;
import flagbench.download.Protocol;
import flagbench.download.Protocols;
import flagbench.download.Strategies;
import flagbench.download.Strategy;
import flagbench.timing.Downstream;
import flagbench.timing.Latency;
import flagbench.timing.Network;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One JMH result: a benchmark with one set of parameters, its raw samples and the secondary
 * counts, with the ideal time that Little's law gives for it.
 */
public record ResultRow(
        String benchmark,
        SortedMap<String, String> params,
        String unit,
        double[][] forks,
        SortedMap<String, double[][]> secondary) {

    /** A row with only the download counts as secondary metrics, each a single sample (tests, fixtures). */
    public ResultRow(
            String benchmark,
            SortedMap<String, String> params,
            String unit,
            double[][] forks,
            long ok,
            long notFound,
            long error,
            long downloads,
            long peakInFlight) {
        this(
                benchmark,
                params,
                unit,
                forks,
                new TreeMap<>(Map.of(
                        "ok",
                        new double[][] {{ok}},
                        "notFound",
                        new double[][] {{notFound}},
                        "error",
                        new double[][] {{error}},
                        "downloads",
                        new double[][] {{downloads}},
                        "peakInFlight",
                        new double[][] {{peakInFlight}})));
    }

    /** A secondary metric's samples (one per iteration), fork by fork; empty when the row has none by that name. */
    public double[][] secondary(String name) {
        return secondary.getOrDefault(name, new double[0][]);
    }

    /** One of the benchmark's own counters, fork by fork; empty when the row has none (a run made before it existed). */
    public double[][] secondary(Counter counter) {
        return secondary(counter.name());
    }

    /** The sum of a counter over every measured iteration (0 when absent). */
    public long sum(Counter counter) {
        return Math.round(Arrays.stream(flat(secondary(counter))).sum());
    }

    /** The largest value of a counter over every measured iteration (0 when absent). */
    public long max(Counter counter) {
        return Math.round(Arrays.stream(flat(secondary(counter))).max().orElse(0));
    }

    public long ok() {
        return sum(Counter.ok);
    }

    public long notFound() {
        return sum(Counter.notFound);
    }

    public long error() {
        return sum(Counter.error);
    }

    public long downloads() {
        return sum(Counter.downloads);
    }

    /** The server's peak of requests in flight during one iteration: a maximum, not a sum. */
    public long peakInFlight() {
        return max(Counter.peakInFlight);
    }

    /** The mean of all samples in ms, each fork weighted by its iterations: what a single-shot row measures. */
    public double meanMillis() {
        return Arrays.stream(flat(forkMillis())).average().orElse(Double.NaN);
    }

    /** Downloads per second: the row's downloads per operation over its mean time. */
    public double throughput() {
        return codeCount() / meanMillis() * 1000;
    }

    /** Every sample, fork after fork. */
    public double[] samples() {
        return flat(forks);
    }

    /** Every value of fork-by-fork samples, fork after fork. */
    public static double[] flat(double[][] forks) {
        return Arrays.stream(forks).flatMapToDouble(Arrays::stream).toArray();
    }

    /** The samples in milliseconds, fork by fork: what the statistics work on. */
    public double[][] forkMillis() {
        double[][] millis = new double[forks.length][];
        for (int f = 0; f < forks.length; f++) {
            millis[f] = Arrays.stream(forks[f]).map(this::toMillis).toArray();
        }
        return millis;
    }

    /**
     * This row and another result of the same benchmark and parameters (a repeated suite) as one:
     * their forks together, and the forks of each secondary metric.
     */
    ResultRow mergedWith(ResultRow other) {
        var metrics = new TreeMap<String, double[][]>(secondary);
        other.secondary.forEach((name, forksOfOther) -> metrics.merge(name, forksOfOther, ResultRow::concat));
        return new ResultRow(benchmark, params, unit, concat(forks, other.forksIn(unit)), metrics);
    }

    private static double[][] concat(double[][] a, double[][] b) {
        return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(double[][]::new);
    }

    private double[][] forksIn(String targetUnit) {
        double factor = millisPer(unit) / millisPer(targetUnit);
        return Arrays.stream(forks)
                .map(f -> Arrays.stream(f).map(x -> x * factor).toArray())
                .toArray(double[][]::new);
    }

    /** The row's name in the run folder's files ({@link RowKey}), e.g. {@code downloadMany latency=100ms strategy=pool}. */
    public String key() {
        return new RowKey(benchmark, params).toString();
    }

    /**
     * The row's key with the parameters added later filled in ({@link #matchParams}): one name for a row across runs made
     * before and after a parameter existed, as history keeps a row's series.
     */
    public String matchKey() {
        return new RowKey(benchmark, matchParams()).toString();
    }

    public String paramText() {
        return new RowKey(benchmark, params).paramText();
    }

    /**
     * A parameter's value; for a parameter added after the row was made, the value it had then
     * ({@code client=jdk}); "" for any other that the row lacks.
     */
    public String param(String name) {
        return matchParams().getOrDefault(name, "");
    }

    /** Parameters added to the benchmark later, with the value every earlier row had. */
    private static final Map<String, String> ADDED_LATER = Map.of(
            "client", Clients.DEFAULT, "downstream", "none", "protocol", Protocols.DEFAULT, "network", "loopback");

    /**
     * The parameters to match rows by across runs: the row's own, and those added later with the
     * value they had then, so that a run made before {@code client} existed matches {@code client=jdk}.
     * The row's key (waits, noise) stays what JMH wrote.
     */
    public SortedMap<String, String> matchParams() {
        if (!params.containsKey("strategy") || params.keySet().containsAll(ADDED_LATER.keySet())) {
            return params;
        }
        var all = new TreeMap<>(params);
        ADDED_LATER.forEach(all::putIfAbsent);
        return all;
    }

    /** Number of downloads per operation, from the {@code codes} parameter; 0 if unknown. */
    public int codeCount() {
        return codes().size();
    }

    /** The codes one operation downloads, from the {@code codes} parameter (and maxWorkers for a count of rounds); empty if unknown. */
    private List<String> codes() {
        try {
            return CodeSets.named(param("codes"), Math.max(1, parseInt(param("maxWorkers"), 1)));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** The share of the row's downloads the downstream refused (429, 503): 0 for a row without refusals or counts. */
    public double refusedShare() {
        long downloads = downloads();
        return downloads == 0 ? 0 : (double) sum(Counter.refused) / downloads;
    }

    /** The downstream's limits from the {@code downstream} parameter; none if unknown (a run made before it existed). */
    public Downstream downstream() {
        try {
            return Downstream.parse(param("downstream"));
        } catch (IllegalArgumentException e) {
            return Downstream.NONE;
        }
    }

    /** The network between client and server from the {@code network} parameter; loopback if unknown (a run made before it). */
    public Network network() {
        try {
            return Network.parse(param("network"));
        } catch (IllegalArgumentException e) {
            return Network.LOOPBACK;
        }
    }

    /** What a worker waits per download on a warm connection: the latency, and across a network its round trip ({@link Network#warmWaitMillis}). */
    public double waitMillis() {
        return network().warmWaitMillis(latencyMillis());
    }

    /** Mean latency per request in ms from the {@code latency} parameter; NaN if unknown. */
    public double latencyMillis() {
        try {
            return Latency.parse(param("latency")).meanMillis();
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    /** The strategy of this row if it is registered here (a run from elsewhere may name another). */
    public Optional<Strategy> strategy() {
        try {
            return Optional.of(Strategies.named(param("strategy")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * How many downloads the strategy runs at once in this row: as the fork recorded it ({@code concurrency}), or for a
     * run made before forks recorded it, as the strategy says today; 0 when unknown.
     */
    public int concurrency() {
        long recorded = max(Counter.concurrency);
        if (recorded > 0) {
            return (int) recorded;
        }
        int n = codeCount();
        int workers = Math.max(1, parseInt(param("maxWorkers"), 1));
        return n == 0 ? 0 : strategy().map(s -> s.concurrency(n, workers)).orElse(0);
    }

    /**
     * How many waves of downloads one operation needs at best: ceil(N / concurrency), so
     * sequential N, W workers ceil(N/W), unbounded 1. 0 when it cannot be known.
     */
    public int rounds() {
        int concurrency = concurrency();
        return concurrency == 0 ? 0 : (codeCount() + concurrency - 1) / concurrency;
    }

    /**
     * The latency bound on one operation in ms, by Little's law: rounds × L on loopback. Across a network each download
     * takes L plus its round trips and time on the wire ({@link Network#downloadMillis}): a new connection's for the first
     * download of each of the strategy's c workers when connections are cold, for every download when they are closed, and
     * none when warm. The bound is then the largest of the longest download, ceil(N / c) × the shortest, the sum / c, and
     * every answer's bytes on the shared wire. NaN when it cannot be known. The ideal and the efficiency, with the CPU bound
     * beside it, are the report's, its Roofline's.
     */
    public double idealMillis() {
        int rounds = rounds();
        if (rounds == 0) {
            return Double.NaN;
        }
        Network network = network();
        if (network.loopback()) {
            return rounds * latencyMillis();
        }
        int concurrency = concurrency();
        int handshakes = protocol().map(p -> p.tls() ? 1 : 0).orElse(0);
        String connections = param("connections");
        var catalog = Catalog.get();
        List<String> codes = codes();
        double latency = latencyMillis();
        double longest = 0, shortest = Double.POSITIVE_INFINITY, sum = 0;
        long bytes = 0;
        for (int i = 0; i < codes.size(); i++) {
            long size = catalog.find(codes.get(i)).map(c -> (long) c.gifBytes()).orElse(0L);
            boolean newConnection = connections.equals("closed") || connections.equals("cold") && i < concurrency;
            double d = latency + network.downloadMillis(size, newConnection, handshakes);
            longest = Math.max(longest, d);
            shortest = Math.min(shortest, d);
            sum += d;
            bytes += size;
        }
        return Math.max(
                Math.max(longest, rounds * shortest), Math.max(sum / concurrency, network.transmitMillis(bytes)));
    }

    /** The protocol of this row if it is registered here. */
    public Optional<Protocol> protocol() {
        try {
            return Optional.of(Protocols.named(param("protocol")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public double toMillis(double value) {
        return value * millisPer(unit);
    }

    /** Milliseconds in one of JMH's time units ({@code ms/op}: 1); NaN for any other unit. */
    static double millisPer(String unit) {
        return UNIT_TO_MILLIS.getOrDefault(unit, Double.NaN);
    }

    /** Whether JMH's {@code scoreUnit} is a time per operation, as every flagbench row's is (single-shot). */
    public static boolean isTimeUnit(String unit) {
        return UNIT_TO_MILLIS.containsKey(unit);
    }

    private static final Map<String, Double> UNIT_TO_MILLIS =
            Map.of("ns/op", 1e-6, "us/op", 1e-3, "ms/op", 1.0, "s/op", 1e3, "min/op", 6e4);

    private static int parseInt(String text, int fallback) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The counts add up: every download asked ended as exactly one outcome. */
    public boolean countsAddUp() {
        return ok() + notFound() + error() == downloads();
    }
}

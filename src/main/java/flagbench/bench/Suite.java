package flagbench.bench;

import flagbench.download.Client;
import flagbench.download.Clients;
import flagbench.download.Protocol;
import flagbench.download.Protocols;
import flagbench.download.Strategies;
import flagbench.download.Strategy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmark suites. A suite is one or more JMH runs ("parts") whose results land in one
 * {@code jmh.json}; several parts give rows with different worker counts per strategy.
 * Every row runs in SingleShotTime: one sample is one whole {@code downloadMany} (or a batch of them).
 */
public enum Suite implements Plan {

    /*
     * Forks x samples from the variance decomposition of this machine's runs (README): in the
     * 100 ms rows of concurrent strategies the samples of one fork vary by 2-8 % and fork means
     * by 0-2 %, and a fork costs about 20 samples' time, so Kalibera & Jones' optimum is many
     * samples per fork; sequential samples cost as much as a fork and vary by 0.3 %: few. Five
     * forks is the least with which an interval over forks means anything.
     */
    DEFAULT(
            "POP20, every strategy, 20 workers, 5 forks: 100 ms warm and cold (10 samples a fork; sequential 2),"
                    + " and 0 ms warm with 200 downloads a sample (5 samples a fork after 6 warm-ups)",
            b -> concurrent(b)
                    .param("latency", "100ms")
                    .param("connections", "warm", "cold")
                    .forks(Suite.DEFAULT_FORKS)
                    .warmupIterations(2)
                    .measurementIterations(Suite.DEFAULT_ITERATIONS),
            b -> oneAtATime(b)
                    .param("latency", "100ms")
                    .param("connections", "warm", "cold")
                    .forks(Suite.DEFAULT_FORKS)
                    .warmupIterations(1)
                    .measurementIterations(2),
            // POP20 at 0 ms lasts 5-20 ms, mostly scheduling noise on 2 cores: 200 downloads (10 x POP20's
            // size, all 194 flags and 6 again) take long enough to be measured, and still show each strategy's
            // own cost: what it pays per call and per download when no latency hides it. With nothing to wait
            // for, the JIT is what these rows measure first: samples still fell by half after 1,400 downloads
            // (results/20261126-080623-vm), so they warm up longer.
            b -> b.param("latency", "0")
                    .param("connections", "warm")
                    .param("codes", "" + Suite.ZERO_LATENCY_DOWNLOADS)
                    .forks(Suite.DEFAULT_FORKS)
                    .warmupIterations(6)
                    .measurementIterations(5)),

    QUICK(
            "POP20 at 20 ms, every strategy, warm; 1 fork x 5 samples (a smoke test)",
            b -> b.param("latency", "20ms").forks(1).warmupIterations(2).measurementIterations(5)),

    SWEEP(
            "pool and bounded over maxWorkers 1..128, all 194 flags at 50 ms; 1 fork x 10 samples",
            b -> b.param("strategy", "pool", "bounded")
                    .param("maxWorkers", "1", "2", "4", "8", "16", "20", "32", "64", "128")
                    .param("codes", "all")
                    .param("latency", "50ms")
                    .forks(1)
                    .warmupIterations(2)
                    .measurementIterations(10)),

    SCALE(
            "pool(200), bounded(1000), virtual, async at 1,000 / 5,000 / 10,000 downloads, 100 ms,"
                    + " http and simulated, 30 s timeout; 1 fork x 5 samples; and 10,000 at 0 ms for each one's X_max (3 samples)",
            b -> scale(b).param("strategy", "pool").param("maxWorkers", "200"),
            b -> scale(b).param("strategy", "bounded").param("maxWorkers", "1000"),
            b -> scale(b).param("strategy", "virtual", "async").param("maxWorkers", "1"),
            // each strategy's throughput ceiling X_max: the same rows at zero latency, so that the report
            // can tell a CPU-bound row from an inefficient one (the CPU bound N / X_max)
            b -> ceiling(b).param("strategy", "pool").param("maxWorkers", "200"),
            b -> ceiling(b).param("strategy", "bounded").param("maxWorkers", "1000"),
            b -> ceiling(b).param("strategy", "virtual", "async").param("maxWorkers", "1")),

    /*
     * Which mechanism wins with which client. A strategy runs only on the clients that offer its call,
     * so every part pairs one kind of strategy with its kind of client: JMH measures every combination
     * of a part's values. 39 rows of 5 forks: one JMH warm-up and few samples a fork, after the whole
     * zero-latency JIT warm-up (with one round of it instead of five, client CPU read 5,000-7,000 µs a
     * download at POP20: the compilers' time, not the client's).
     */
    CLIENTS(
            "every strategy on every client that offers its call, 5 forks: POP20 at 100 ms with 20 workers"
                    + " (5 samples a fork; sequential 2), and the concurrent ones at 1,000 downloads, 100 ms, 100 workers (2 samples)",
            b -> clients(
                    calls(b, Client.Call.BLOCKING, true)
                            .param("codes", "pop20")
                            .param("maxWorkers", Strategies.BOOK_MAX_WORKERS),
                    1,
                    5),
            b -> clients(
                    calls(b, Client.Call.BLOCKING, false)
                            .param("codes", "pop20")
                            .param("maxWorkers", Strategies.BOOK_MAX_WORKERS),
                    0,
                    2),
            b -> clients(
                    calls(b, Client.Call.ASYNC, true)
                            .param("codes", "pop20")
                            .param("maxWorkers", Strategies.BOOK_MAX_WORKERS),
                    1,
                    5),
            b -> clients(
                    calls(b, Client.Call.BLOCKING, true).param("codes", "1000").param("maxWorkers", "100"), 1, 2),
            b -> clients(
                    calls(b, Client.Call.ASYNC, true).param("codes", "1000").param("maxWorkers", "100"), 1, 2)),

    /*
     * What TLS and HTTP/2 change, client by client: each client with every protocol it speaks, a part of its own (JMH
     * measures every combination of a part's values, and a client speaks only its protocols). The strategies are the
     * ones that tell protocols apart at 1,000 downloads: a bounded one (W = 100: a pool of connections, or of streams)
     * and an unbounded one (1,000 at once: past HTTP/2's stream limit), blocking on a client that blocks (the book's
     * thread-pool code, on virtual threads), async on the async-only ones. Warm and cold: cold opens a connection, and
     * over TLS makes a handshake, per download in flight. One sample a fork after the trial's JIT warm-up: 78 rows x
     * 5 forks must fit 12 minutes here, and the fork is the unit of every interval.
     */
    PROTOCOLS(
            "every client with every protocol it speaks (http, https, h2), warm and cold, 5 forks: a bounded (W = 100) and an"
                    + " unbounded strategy of its call (blocking where it offers it) at 1,000 downloads, 100 ms (1 sample a fork);"
                    + " sequential POP20 on jdk for each protocol, the reference",
            Suite::protocolParts),

    /*
     * What a network does to each strategy, client and protocol: a 50 ms round trip and no server time, so that every
     * millisecond is a round trip, a handshake or the CPU. Sequential POP20 on jdk is the reference the round-trip model
     * predicts (warm 1 round trip a download, closed 2 in clear and 3 over TLS); the book's thread pool at POP20 (W = 20)
     * and asyncio's semaphore at 1,000 downloads (W = 100) tell the network's effect apart on two clients that speak every
     * protocol, warm and cold. One sample a fork after the trial's JIT warm-up, which goes to the server directly.
     */
    NETWORK(
            "a 50 ms round trip, no server time, 5 forks of 1 sample: sequential POP20 on jdk over every protocol, warm, cold"
                    + " and closed (a connection per download); pool (W = 20) at POP20 and async-limited (W = 100) at 1,000 downloads on"
                    + " jdk and okhttp, every protocol, warm and cold",
            b -> network(b)
                    .param("strategy", "sequential")
                    .param("codes", "pop20")
                    .param("client", Clients.DEFAULT)
                    .param("protocol", spoken(Clients.named(Clients.DEFAULT)))
                    .param("connections", "warm", "cold"),
            b -> network(b)
                    .param("strategy", "sequential")
                    .param("codes", "pop20")
                    .param("client", Clients.DEFAULT)
                    .param(
                            "protocol",
                            Protocols.spokenBy(Clients.named(Clients.DEFAULT)).stream()
                                    .filter(p -> Protocols.named(p).version() == Protocol.Version.HTTP_1_1)
                                    .toArray(String[]::new))
                    .param("connections", "closed"),
            b -> network(b)
                    .param("strategy", "pool")
                    .param("codes", "pop20")
                    .param("maxWorkers", Strategies.BOOK_MAX_WORKERS)
                    .param("client", Clients.DEFAULT, "okhttp")
                    .param("protocol", "http", "https", "h2")
                    .param("connections", "warm", "cold"),
            b -> network(b)
                    .param("strategy", "async-limited")
                    .param("codes", "1000")
                    .param("maxWorkers", "100")
                    .param("client", Clients.DEFAULT, "okhttp")
                    .param("protocol", "http", "https", "h2")
                    .param("connections", "warm", "cold"));

    /** The network suite's link. */
    public static final String NETWORK_LINK = "rtt=50ms";

    private static ChainedOptionsBuilder network(ChainedOptionsBuilder b) {
        return b.param("network", NETWORK_LINK)
                .param("latency", "0")
                .forks(DEFAULT_FORKS)
                .warmupIterations(0)
                .measurementIterations(1);
    }

    /** The protocols suite: the reference, then a part per client. */
    private static List<UnaryOperator<ChainedOptionsBuilder>> protocolParts() {
        var parts = new java.util.ArrayList<UnaryOperator<ChainedOptionsBuilder>>();
        parts.add(b -> b.param("strategy", "sequential")
                .param("client", Clients.DEFAULT)
                .param("protocol", spoken(Clients.named(Clients.DEFAULT)))
                .param("connections", "warm", "cold")
                .param("codes", "pop20")
                .param("latency", "100ms")
                .forks(DEFAULT_FORKS)
                .warmupIterations(0)
                .measurementIterations(1));
        for (Client client : Clients.all()) {
            parts.add(b -> b.param("client", client.name())
                    .param(
                            "strategy",
                            PROTOCOL_STRATEGIES.get(
                                    client.calls().contains(Client.Call.BLOCKING)
                                            ? Client.Call.BLOCKING
                                            : Client.Call.ASYNC))
                    .param("protocol", spoken(client))
                    .param("connections", client.startsCold() ? new String[] {"warm", "cold"} : new String[] {"warm"})
                    .param("codes", "1000")
                    .param("maxWorkers", "100")
                    .param("latency", "100ms")
                    .forks(DEFAULT_FORKS)
                    .warmupIterations(0)
                    .measurementIterations(1));
        }
        return parts;
    }

    private static String[] spoken(Client client) {
        return Protocols.spokenBy(client).toArray(String[]::new);
    }

    /** The protocols suite's strategies for each call: a bounded one and an unbounded one. */
    private static final Map<Client.Call, String[]> PROTOCOL_STRATEGIES = Map.of(
            Client.Call.BLOCKING, new String[] {"bounded", "virtual"},
            Client.Call.ASYNC, new String[] {"async-limited", "async"});

    /** Forks and samples per fork of the default suite's 100 ms rows (the statistics tests simulate these). */
    public static final int DEFAULT_FORKS = 5;

    public static final int DEFAULT_ITERATIONS = 10;
    /** Downloads per sample in the default suite's 0 ms rows. */
    static final int ZERO_LATENCY_DOWNLOADS = 200;

    private final String description;
    /** A supplier: a suite whose parts follow the registered clients reads them when it runs, not when the enum loads. */
    private final Supplier<List<UnaryOperator<ChainedOptionsBuilder>>> parts;

    @SafeVarargs
    Suite(String description, UnaryOperator<ChainedOptionsBuilder>... parts) {
        this(description, () -> List.of(parts));
    }

    Suite(String description, Supplier<List<UnaryOperator<ChainedOptionsBuilder>>> parts) {
        this.description = description;
        this.parts = parts;
    }

    /** A scale part's rows at zero latency, 10,000 downloads: the strategy's throughput ceiling. */
    private static ChainedOptionsBuilder ceiling(ChainedOptionsBuilder b) {
        return b.param("codes", "10000")
                .param("latency", "0")
                .param("transport", "http", "simulated")
                .param("timeout", "30s")
                .forks(1)
                .warmupIterations(1)
                .measurementIterations(3);
    }

    /** The strategies that run more than one download at once when they may: their suite rows are cheap. */
    private static ChainedOptionsBuilder concurrent(ChainedOptionsBuilder b) {
        return b.param(
                "strategy",
                Strategies.all().stream()
                        .filter(s -> s.concurrency(2, 2) > 1)
                        .map(Strategy::name)
                        .toArray(String[]::new));
    }

    /** The strategies that download one at a time: a 100 ms sample of POP20 costs them 2 s. */
    private static ChainedOptionsBuilder oneAtATime(ChainedOptionsBuilder b) {
        return b.param(
                "strategy",
                Strategies.all().stream()
                        .filter(s -> s.concurrency(2, 2) == 1)
                        .map(Strategy::name)
                        .toArray(String[]::new));
    }

    /**
     * The strategies that make this call, concurrent ones or one-at-a-time ones, on every client that
     * offers it: the pairs that can exist.
     */
    private static ChainedOptionsBuilder calls(ChainedOptionsBuilder b, Client.Call call, boolean concurrent) {
        String[] strategies = Strategies.all().stream()
                .filter(s -> s.call() == call && (s.concurrency(2, 2) > 1) == concurrent)
                .map(Strategy::name)
                .toArray(String[]::new);
        // in clear, the clients suite's question: a client that speaks only other protocols is the protocols suite's
        return b.param("strategy", strategies)
                .param(
                        "client",
                        Clients.offering(call).stream()
                                .filter(c -> c.protocols().contains(Protocols.DEFAULT))
                                .map(Client::name)
                                .toArray(String[]::new));
    }

    private static ChainedOptionsBuilder clients(ChainedOptionsBuilder b, int warmups, int samples) {
        return b.param("latency", "100ms")
                .forks(Suite.DEFAULT_FORKS)
                .warmupIterations(warmups)
                .measurementIterations(samples);
    }

    private static ChainedOptionsBuilder scale(ChainedOptionsBuilder b) {
        return b.param("codes", "1000", "5000", "10000")
                .param("latency", "100ms")
                .param("transport", "http", "simulated")
                .param("timeout", "30s")
                .forks(1)
                .warmupIterations(2)
                .measurementIterations(5);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Measures the suite's parts {@link ForkTurns in turns}, fork 1 of every row first. */
    @Override
    public void measure(Lab lab) throws RunnerException {
        ForkTurns.measure(lab, parts());
    }

    @Override
    public List<Options> knownParts() {
        return parts();
    }

    /**
     * The JMH options of each part: the benchmark's own defaults, then the suite's. A part that
     * names no strategies runs every registered one. (JMH's builder adds a parameter's values to
     * those already set, so the default list must not be set under a part's own.)
     */
    List<Options> parts() {
        return parts.get().stream()
                .map(part -> {
                    var builder = new OptionsBuilder()
                            .include(DownloadBenchmark.class.getName() + ".downloadMany")
                            .forks(2)
                            .warmupIterations(3)
                            .measurementIterations(8)
                            .shouldFailOnError(true);
                    if (!part.apply(new OptionsBuilder())
                            .build()
                            .getParameter("strategy")
                            .hasValue()) {
                        builder.param("strategy", Strategies.names().toArray(String[]::new));
                    }
                    return part.apply(builder).build();
                })
                .toList();
    }
}

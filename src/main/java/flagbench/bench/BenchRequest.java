package flagbench.bench;

import flagbench.download.Protocols;
import flagbench.results.ForkJvms;
import flagbench.server.FlagServerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What a bench is asked to run, checked before anything starts: its options, canonical parameter values, and every
 * combination of the values JMH would measure. Immutable; {@link BenchLauncher} runs it.
 *
 * @param jmhArgs        JMH command-line options that override the suite's (e.g. {@code -p maxWorkers=4,8 -f 1})
 * @param externalServer a flagbench server's base URL ({@code http://host:port/flags}), or null to start one here
 * @param externalToken  that server's control token, as its {@code serve} printed it (null without an external server)
 * @param clean          whether to remove the run folders that interrupted benches left half-written in
 *                       {@code resultsDir}: done once this bench has its turn, so never a running bench's
 * @param jvmPerFork     whether every fork of a suite gets a JVM of its own, as JMH makes them, instead of sharing one
 *                       per turn and client ({@link SharedForks})
 */
public record BenchRequest(
        Plan suite,
        List<String> jmhArgs,
        String externalServer,
        String externalToken,
        Path resultsDir,
        int repeat,
        boolean verbose,
        boolean clean,
        boolean jvmPerFork) {

    /** The most repetitions of a suite one bench makes: 100 of the default suite are five hours; more is a typo. */
    static final int MAX_REPEAT = 100;

    public BenchRequest {
        if (repeat > 1 && !suite.repeatable()) {
            throw new IllegalArgumentException(
                    "--repeat: suite " + suite.label() + " chooses what to measure from what it measured,"
                            + " so its repetitions would not measure the same rows");
        }
        if (externalServer != null && (externalToken == null || externalToken.isBlank())) {
            throw new IllegalArgumentException(
                    "--server needs --token-file FILE or $FLAGBENCH_TOKEN (or --token): the control token"
                            + " that its serve printed");
        }
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new IllegalArgumentException("--repeat must be from 1 to " + MAX_REPEAT + ", got " + repeat);
        }
        if (Files.exists(resultsDir) && !Files.isDirectory(resultsDir)) {
            throw new IllegalArgumentException("--results " + resultsDir + ": not a directory");
        }
        jmhArgs = canonical(jmhArgs);
    }

    /**
     * The JMH options with each benchmark parameter's values in the one spelling a run records ({@link
     * BenchmarkParameters#canonical}): {@code -p client=JDK} ran as jdk but was recorded as typed, and matched no run later.
     */
    private static List<String> canonical(List<String> args) {
        return mapParams(args, BenchRequest::canonicalParam);
    }

    private static String canonicalParam(String param) {
        int eq = param.indexOf('=');
        if (eq < 0) {
            return param;
        }
        String name = param.substring(0, eq);
        return name + "="
                + Arrays.stream(param.substring(eq + 1).split(",", -1))
                        .map(value -> BenchmarkParameters.canonical(name, value))
                        .collect(Collectors.joining(","));
    }

    /**
     * The JMH options with each {@code name=values} of a {@code -p} (or {@code -pname=values}, but not {@code -prof}) replaced
     * by what {@code param} makes of it; every other option as it is.
     */
    static List<String> mapParams(List<String> args, UnaryOperator<String> param) {
        var out = new ArrayList<String>(args.size());
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-p") && i + 1 < args.size()) {
                out.add(arg);
                out.add(param.apply(args.get(++i)));
            } else if (arg.startsWith("-p") && arg.contains("=") && !arg.startsWith("-prof")) {
                out.add("-p" + param.apply(arg.substring(2)));
            } else {
                out.add(arg);
            }
        }
        return List.copyOf(out);
    }

    /** A suite run once against a server started here. */
    public BenchRequest(Plan suite, List<String> jmhArgs, Path resultsDir) {
        this(suite, jmhArgs, null, null, resultsDir, 1, false, false, false);
    }

    /**
     * How the suite's forks get their JVMs: one of their own, or shared ({@link SharedForks}); with the reason when
     * the user's options need their own.
     */
    ForkJvms forkJvms(Options user) {
        return whyOwnJvms(user).isPresent() ? ForkJvms.OWN : ForkJvms.SHARED;
    }

    /** {@link #forkJvms} in words, with why where the forks could have shared. */
    String forkJvmsSentence(Options user) {
        return whyOwnJvms(user).map(ForkJvms.OWN::sentence).orElse(ForkJvms.SHARED.sentence());
    }

    /** Why the forks get JVMs of their own: asked for, or the user's options act as a JVM starts; empty: they share. */
    private java.util.Optional<String> whyOwnJvms(Options user) {
        return jvmPerFork ? java.util.Optional.of("--jvm-per-fork") : SharedForks.whyNotShared(user);
    }

    boolean sharesJvms(Options user) {
        return forkJvms(user) == ForkJvms.SHARED;
    }

    /** Parses the JMH pass-through options now, so a typo fails before anything starts. */
    public static Options userOptions(List<String> jmhArgs) {
        try {
            return new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("bad JMH option in " + jmhArgs + ": " + e.getMessage());
        }
    }

    /**
     * Refuses, before anything starts, what would otherwise fail inside a forked JVM with a stack
     * trace: a bad parameter value, no fork, an unreachable external server.
     */
    static void check(BenchRequest request, Options user) {
        if (user.getForkCount().orElse(1) < 1) {
            throw new IllegalArgumentException(
                    "-f " + user.getForkCount().get()
                            + ": at least one fork, so that the measured client never shares a JVM with the runner and its server");
        }
        // JMH ignores a -p name that no @Param has: a typo (maxworkers) would run the suite unchanged
        mapParams(request.jmhArgs(), param -> {
            if (!BenchmarkParameters.NAMES.contains(param.split("=", 2)[0])) {
                // the parameter check's own words for an unknown name
                BenchmarkParameters.check(param.split("=", 2)[0], param.contains("=") ? param.split("=", 2)[1] : "");
            }
            return param;
        });
        if (!request.jmhArgs().isEmpty() && !request.suite().takesJmhOptions()) {
            throw new IllegalArgumentException("suite " + request.suite().label()
                    + " chooses its own runs and forks, so JMH options" + " after -- mean nothing to it: use flagbench "
                    + request.suite().label() + " and its options (--help)");
        }
        List<Options> known = request.suite().knownParts();
        for (Options part : known.isEmpty() ? List.of(new OptionsBuilder().build()) : known) {
            var layered = new LayeredOptions(user, part);
            for (String name : BenchmarkParameters.NAMES) {
                layered.getParameter(name).orElse(List.of()).forEach(value -> BenchmarkParameters.check(name, value));
            }
            // JMH measures every combination of the values: each must be one that can exist
            for (var row : BenchmarkParameters.combinations(name -> values(layered, name, List.of()))) {
                BenchmarkParameters.checkCombination(row);
                if (request.externalServer() != null
                        && Protocols.named(row.get("protocol")).tls()) {
                    throw new IllegalArgumentException(
                            "-p protocol=" + row.get("protocol") + " needs the server's https address"
                                    + " and certificate, which --server does not give: bench against the server it starts");
                }
            }
        }
        if (request.externalServer() != null) {
            try (var client = new FlagServerClient(request.externalServer(), request.externalToken())) {
                client.meter();
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
    }

    private static List<String> values(LayeredOptions options, String parameter, List<String> otherwise) {
        var values = options.getParameter(parameter);
        return values.hasValue() ? List.copyOf(values.get()) : otherwise;
    }
}

package flagbench.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.ProfilerConfig;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.runner.options.WarmupMode;
import org.openjdk.jmh.util.Optional;

/**
 * A suite's JMH options with the user's command-line options on top: whatever the user set wins,
 * the rest comes from the suite. JVM arguments to append are joined, so the fork still learns
 * where the flag server is. (JMH's own {@code parent()} layers the other way round.)
 */
final class LayeredOptions implements Options {

    private final Options top;
    private final Options base;

    LayeredOptions(Options top, Options base) {
        this.top = top;
        this.base = base;
    }

    private static <T> Optional<T> either(Optional<T> top, Optional<T> base) {
        return top.hasValue() ? top : base;
    }

    private static <T> List<T> either(List<T> top, List<T> base) {
        return top.isEmpty() ? base : top;
    }

    @Override
    public List<String> getIncludes() {
        return either(top.getIncludes(), base.getIncludes());
    }

    @Override
    public List<String> getExcludes() {
        return either(top.getExcludes(), base.getExcludes());
    }

    @Override
    public Optional<String> getOutput() {
        return either(top.getOutput(), base.getOutput());
    }

    @Override
    public Optional<ResultFormatType> getResultFormat() {
        return base.getResultFormat();
    }

    @Override
    public Optional<String> getResult() {
        return base.getResult();
    }

    @Override
    public Optional<Boolean> shouldDoGC() {
        return either(top.shouldDoGC(), base.shouldDoGC());
    }

    @Override
    public List<ProfilerConfig> getProfilers() {
        return either(top.getProfilers(), base.getProfilers());
    }

    @Override
    public Optional<VerboseMode> verbosity() {
        return either(top.verbosity(), base.verbosity());
    }
    /** Always on: a benchmark that throws must fail the run, not vanish from it. */
    @Override
    public Optional<Boolean> shouldFailOnError() {
        return Optional.of(true);
    }

    @Override
    public Optional<Integer> getThreads() {
        return either(top.getThreads(), base.getThreads());
    }

    @Override
    public Optional<int[]> getThreadGroups() {
        return either(top.getThreadGroups(), base.getThreadGroups());
    }

    @Override
    public Optional<Boolean> shouldSyncIterations() {
        return either(top.shouldSyncIterations(), base.shouldSyncIterations());
    }

    @Override
    public Optional<Integer> getWarmupIterations() {
        return either(top.getWarmupIterations(), base.getWarmupIterations());
    }

    @Override
    public Optional<TimeValue> getWarmupTime() {
        return either(top.getWarmupTime(), base.getWarmupTime());
    }

    @Override
    public Optional<Integer> getWarmupBatchSize() {
        return either(top.getWarmupBatchSize(), base.getWarmupBatchSize());
    }

    @Override
    public Optional<WarmupMode> getWarmupMode() {
        return either(top.getWarmupMode(), base.getWarmupMode());
    }

    @Override
    public List<String> getWarmupIncludes() {
        return either(top.getWarmupIncludes(), base.getWarmupIncludes());
    }

    @Override
    public Optional<Integer> getMeasurementIterations() {
        return either(top.getMeasurementIterations(), base.getMeasurementIterations());
    }

    @Override
    public Optional<TimeValue> getMeasurementTime() {
        return either(top.getMeasurementTime(), base.getMeasurementTime());
    }

    @Override
    public Optional<Integer> getMeasurementBatchSize() {
        return either(top.getMeasurementBatchSize(), base.getMeasurementBatchSize());
    }

    @Override
    public Collection<Mode> getBenchModes() {
        return top.getBenchModes().isEmpty() ? base.getBenchModes() : top.getBenchModes();
    }

    @Override
    public Optional<TimeUnit> getTimeUnit() {
        return either(top.getTimeUnit(), base.getTimeUnit());
    }

    @Override
    public Optional<Integer> getOperationsPerInvocation() {
        return either(top.getOperationsPerInvocation(), base.getOperationsPerInvocation());
    }

    @Override
    public Optional<Integer> getForkCount() {
        return either(top.getForkCount(), base.getForkCount());
    }

    @Override
    public Optional<Integer> getWarmupForkCount() {
        return either(top.getWarmupForkCount(), base.getWarmupForkCount());
    }

    @Override
    public Optional<String> getJvm() {
        return either(top.getJvm(), base.getJvm());
    }

    @Override
    public Optional<Collection<String>> getJvmArgs() {
        return either(top.getJvmArgs(), base.getJvmArgs());
    }

    @Override
    public Optional<Collection<String>> getJvmArgsPrepend() {
        return either(top.getJvmArgsPrepend(), base.getJvmArgsPrepend());
    }

    @Override
    public Optional<TimeValue> getTimeout() {
        return either(top.getTimeout(), base.getTimeout());
    }

    @Override
    public Optional<Collection<String>> getParameter(String name) {
        return either(top.getParameter(name), base.getParameter(name));
    }

    @Override
    public Optional<Collection<String>> getJvmArgsAppend() {
        var joined = new ArrayList<String>();
        base.getJvmArgsAppend().orElse(List.of()).forEach(joined::add);
        top.getJvmArgsAppend().orElse(List.of()).forEach(joined::add);
        return joined.isEmpty() ? Optional.none() : Optional.of(joined);
    }
}

package flagbench.bench;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What one operation cost this JVM: CPU time, bytes allocated, and the most platform threads alive
 * at once. Process-wide on purpose: a strategy spends its CPU on many threads (a pool's workers,
 * the carriers under virtual threads, HttpClient's selector and executor, threads that end with the
 * operation), and a virtual thread's CPU time and allocations are counted on the carrier that runs it,
 * so only the process total sees all of it ({@link ProcessCpu}, to the nanosecond where it can).
 * During a single-shot operation JMH's own threads wait, so the total is the downloads' work plus the
 * JVM's background: its JIT compilers, GC and VM threads ({@link JvmBackground}), which can outweigh
 * the downloads of a short operation while the JVM still compiles. The two are told apart where the
 * JVM allows it ({@link #JVM_ARGS}); the download's CPU is the total less the background.
 */
final class CostMeter {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** What a measuring JVM needs for the precise process CPU and the background's split. */
    static final String[] JVM_ARGS = {ProcessCpu.NATIVE_ACCESS, JvmBackground.ADD_EXPORTS};

    /**
     * CPU time of every thread of the process, of it the JVM's background (empty where it cannot be told apart from
     * the downloads, or the process CPU is only known in clock ticks), allocations of every thread (live or ended),
     * peak live platform threads.
     */
    record Costs(long cpuNanos, OptionalLong backgroundCpuNanos, long allocatedBytes, int peakThreads) {

        /** The CPU of the downloads' work, the total less the background, where the two are told apart. */
        OptionalLong downloadCpuNanos() {
            return backgroundCpuNanos.isPresent()
                    ? OptionalLong.of(Math.max(0, cpuNanos - backgroundCpuNanos.getAsLong()))
                    : OptionalLong.empty();
        }
    }

    /** Whether this JVM tells the background from the downloads: decided once, not every iteration. */
    private static final boolean SPLIT = ProcessCpu.precise() && JvmBackground.available();

    private final long cpuAtStart;
    private final Map<String, Long> backgroundAtStart;
    private final long allocatedAtStart;

    private CostMeter() {
        backgroundAtStart = SPLIT ? JvmBackground.snapshot() : Map.of();
        allocatedAtStart = THREADS.getTotalThreadAllocatedBytes();
        cpuAtStart = ProcessCpu.nanos();
    }

    /** Starts measuring; the peak thread count restarts from the threads alive now. */
    static CostMeter start() {
        THREADS.resetPeakThreadCount();
        return new CostMeter();
    }

    Costs stop() {
        long cpu = ProcessCpu.nanos() - cpuAtStart;
        long allocated = THREADS.getTotalThreadAllocatedBytes() - allocatedAtStart;
        return new Costs(
                cpu,
                SPLIT
                        ? OptionalLong.of(JvmBackground.spent(backgroundAtStart, JvmBackground.snapshot()))
                        : OptionalLong.empty(),
                allocated,
                THREADS.getPeakThreadCount());
    }

    /**
     * Starts the peak of resident memory afresh from what is resident now (Linux: {@code 5} written to
     * {@code /proc/self/clear_refs} resets VmHWM), so that a trial in a JVM shared with trials before it
     * ({@link SharedForks}) reads its own peak, not theirs. Returns false where the system does not allow it.
     */
    static boolean restartPeakResident() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * The most memory this process has had resident since it started, or since {@link #restartPeakResident} (Linux's VmHWM), in bytes;
     * 0 where /proc does not say.
     */
    static long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or not readable: the report shows –
        }
        return 0;
    }
}

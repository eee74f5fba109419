package flagbench.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one operation cost this JVM: CPU time, bytes allocated, and the most platform threads alive
 * at once. Process-wide on purpose: a strategy spends its CPU on many threads (a pool's workers,
 * the carriers under virtual threads, HttpClient's selector and executor), and a virtual thread's
 * CPU time and allocations are counted on the carrier that runs it, so only the process total sees
 * all of it. During a single-shot operation JMH's own threads wait, so the total is the strategy's.
 *
 * <p>On Linux the process CPU time moves in the kernel's clock ticks (10 ms): one short iteration
 * may read 0 or 10 ms too much, but the mean over many iterations is unbiased, and the report
 * divides each iteration's CPU by its downloads and averages.
 */
final class CostMeter {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** CPU time of every thread of the process, allocations of every thread (live or ended), peak live platform threads. */
    record Costs(long cpuNanos, long allocatedBytes, int peakThreads) {}

    private final long cpuAtStart;
    private final long allocatedAtStart;

    private CostMeter() {
        cpuAtStart = OS.getProcessCpuTime();
        allocatedAtStart = THREADS.getTotalThreadAllocatedBytes();
    }

    /** Starts measuring; the peak thread count restarts from the threads alive now. */
    static CostMeter start() {
        THREADS.resetPeakThreadCount();
        return new CostMeter();
    }

    Costs stop() {
        return new Costs(
                OS.getProcessCpuTime() - cpuAtStart,
                THREADS.getTotalThreadAllocatedBytes() - allocatedAtStart,
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

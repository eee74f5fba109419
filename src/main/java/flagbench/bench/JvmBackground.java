package flagbench.bench;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

/**
 * The CPU time of the JVM's own threads, which run beside the downloads and are not theirs: the JIT compilers, the
 * garbage collector's threads, the VM thread and its periodic tasks. HotSpot counts them, to the nanosecond, in an
 * MBean of {@code sun.management} that the JDK does not export: a measuring JVM opens it ({@link #ADD_EXPORTS});
 * without it, or on another JVM, the background is unknown ({@link #available} is false) and the report shows no split.
 *
 * <p>Thread-safe (a read of the JVM's counters).
 */
final class JvmBackground {

    /** What a measuring JVM needs for this class. */
    static final String ADD_EXPORTS = "--add-exports=java.management/sun.management=ALL-UNNAMED";

    /** HotSpot's bean of its internal threads and its method that reads their CPU times. */
    private record Bean(Object bean, Method times) {}

    /** Empty where it cannot be reached. */
    private static final Optional<Bean> BEAN = open();

    private JvmBackground() {}

    static boolean available() {
        return BEAN.isPresent();
    }

    /** A snapshot of the internal threads' CPU times by name (ns); empty when unavailable. */
    static Map<String, Long> snapshot() {
        if (BEAN.isEmpty()) {
            return Map.of();
        }
        try {
            @SuppressWarnings("unchecked")
            var times = (Map<String, Long>) BEAN.get().times().invoke(BEAN.get().bean());
            return Map.copyOf(times);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Map.of();
        }
    }

    /**
     * The CPU the internal threads spent between two snapshots: a thread that started since counts from zero; one that
     * ended (HotSpot stops compiler threads it no longer needs) is left out with what it spent before.
     */
    static long spent(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream()
                .mapToLong(e -> Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sum();
    }

    private static Optional<Bean> open() {
        try {
            Object bean = Class.forName("sun.management.ManagementFactoryHelper")
                    .getMethod("getHotspotThreadMBean")
                    .invoke(null);
            Method times = Class.forName("sun.management.HotspotThreadMBean").getMethod("getInternalThreadCpuTimes");
            times.invoke(bean);
            return Optional.of(new Bean(bean, times));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty(); // not exported to us, or not HotSpot
        }
    }
}

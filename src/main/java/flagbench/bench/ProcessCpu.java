package flagbench.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.util.Optional;

/**
 * This process's CPU time, every thread's, those that have ended included. The JDK's {@code OperatingSystemMXBean}
 * reads it on Linux in the kernel's clock ticks, 10 ms: for an operation of 20 downloads at 1 ms of CPU each that is
 * ±50 % a sample. Where it can, this class reads {@code CLOCK_PROCESS_CPUTIME_ID} instead, to the nanosecond, through
 * the foreign-function API. That API is final from Java 22 and this project compiles for 21, so it is reached by
 * reflection, once; the JVM must allow native access ({@link #NATIVE_ACCESS}). Elsewhere (Java 21, another OS, native
 * access refused) it falls back to the MXBean, and {@link #precise} says which.
 *
 * <p>Thread-safe: the clock's one buffer is read under this class's lock.
 */
final class ProcessCpu {

    /** What a measuring JVM needs for the precise clock. */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    /** Linux's clock of the CPU time of the calling process. */
    private static final int CLOCK_PROCESS_CPUTIME_ID = 2;

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** {@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID, buffer)}, and the buffer's two longs; empty where unreachable. */
    private static final Optional<MethodHandle[]> CLOCK = open();

    private ProcessCpu() {}

    /** Whether {@link #nanos} reads the precise clock rather than the MXBean's ticks. */
    static boolean precise() {
        return CLOCK.isPresent();
    }

    /** The process's CPU time so far, ns. */
    static long nanos() {
        if (CLOCK.isPresent()) {
            MethodHandle[] clock = CLOCK.get();
            synchronized (ProcessCpu.class) {
                try {
                    if ((int) clock[0].invokeExact() == 0) {
                        return (long) clock[1].invokeExact(0L) * 1_000_000_000L + (long) clock[1].invokeExact(8L);
                    }
                } catch (Throwable e) {
                    // as if the clock were not there
                }
            }
        }
        return OS.getProcessCpuTime();
    }

    private static Optional<MethodHandle[]> open() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return Optional.empty();
        }
        try {
            Class<?> linker = Class.forName("java.lang.foreign.Linker");
            Class<?> layout = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> values = Class.forName("java.lang.foreign.ValueLayout");
            Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> descriptor = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> option = Class.forName("java.lang.foreign.Linker$Option");
            Object native_ = linker.getMethod("nativeLinker").invoke(null);
            Object lookup = linker.getMethod("defaultLookup").invoke(native_);
            Object symbol = ((Optional<?>) Class.forName("java.lang.foreign.SymbolLookup")
                            .getMethod("find", String.class)
                            .invoke(lookup, "clock_gettime"))
                    .orElseThrow();
            Object args = Array.newInstance(layout, 2);
            Array.set(args, 0, values.getField("JAVA_INT").get(null));
            Array.set(args, 1, values.getField("ADDRESS").get(null));
            Object signature = descriptor
                    .getMethod("of", layout, args.getClass())
                    .invoke(null, values.getField("JAVA_INT").get(null), args);
            MethodHandle call = (MethodHandle) linker.getMethod(
                            "downcallHandle",
                            segment,
                            descriptor,
                            Array.newInstance(option, 0).getClass())
                    .invoke(native_, symbol, signature, Array.newInstance(option, 0));
            Object arena =
                    Class.forName("java.lang.foreign.Arena").getMethod("global").invoke(null);
            Object buffer = Class.forName("java.lang.foreign.SegmentAllocator")
                    .getMethod("allocate", long.class)
                    .invoke(arena, 16L);
            MethodHandle read = MethodHandles.insertArguments(
                    MethodHandles.publicLookup()
                            .unreflect(segment.getMethod(
                                    "get", Class.forName("java.lang.foreign.ValueLayout$OfLong"), long.class)),
                    0,
                    buffer,
                    values.getField("JAVA_LONG").get(null));
            MethodHandle now = MethodHandles.insertArguments(call, 0, CLOCK_PROCESS_CPUTIME_ID, buffer);
            MethodHandle[] clock = {
                now.asType(now.type().changeReturnType(int.class)),
                read.asType(read.type().changeReturnType(long.class).changeParameterType(0, long.class))
            };
            if ((int) clock[0].invokeExact() != 0) {
                return Optional.empty();
            }
            return Optional.of(clock);
        } catch (Throwable e) { // Java 21's preview API, native access refused, no such symbol: the MXBean's ticks
            return Optional.empty();
        }
    }
}

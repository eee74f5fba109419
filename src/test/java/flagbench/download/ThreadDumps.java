package flagbench.download;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Thread dumps for the interrupt tests. */
final class ThreadDumps {

    private ThreadDumps() {}

    /** Every thread's stack, virtual threads included (Thread.getAllStackTraces() has none of those). */
    static String all() throws Exception {
        Path file = Files.createTempDirectory("flagbench-threads").resolve("dump.json");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            return Files.readString(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
    }
}

package flagbench.history;

import flagbench.results.ForkJvms;
import flagbench.results.RunFolder;
import java.util.Locale;

/**
 * A class of host whose runs are judged against each other, as Bencher's and Conbench's testbeds: the CPU model, the
 * cores the run could use, the JDK, and whether its forks had JVMs of their own. Two runs of one testbed differ by the
 * code and by the noise of the machine, not by what measured them. Immutable.
 */
public record Testbed(String cpuModel, int cores, String jdk, ForkJvms forkIsolation) {

    /** The testbed a run was made on, from its machine.json. */
    static Testbed of(RunFolder run) {
        return new Testbed(
                run.machineText("/cpuModel"),
                run.machine().path("logicalCores").asInt(0),
                run.machineText("/jdk/version"),
                ForkJvms.of(run));
    }

    /** Its key in the store, and its name for a user: {@code AMD EPYC, 2 cores, JDK 25.0.3, forks shared}. */
    public String id() {
        return cpuModel + ", " + cores + (cores == 1 ? " core" : " cores") + ", JDK " + jdk + ", forks "
                + forkIsolation.name().toLowerCase(Locale.ROOT);
    }
}

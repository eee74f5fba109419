package flagbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import flagbench.download.Client;
import flagbench.download.Clients;
import flagbench.results.ForkJvms;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.runner.options.Options;

/** What a run was measured on, for {@code machine.json}: enough to tell two machines or JDKs apart. */
final class MachineInfo {

    private MachineInfo() {}

    /**
     * Everything machine.json says of a run before it starts: the machine, the JDK, the commit,
     * the suite with the user's JMH options, and the flag server as it describes itself.
     */
    static ObjectNode describe(
            ObjectMapper json, String runId, BenchRequest request, Options user, Map<String, Object> server) {
        ObjectNode machine = describeMachine(json);
        machine.put("runId", runId);
        machine.put("suite", request.suite().label());
        machine.put("suiteDescription", request.suite().description());
        var args = machine.putArray("jmhArgs");
        request.jmhArgs().forEach(args::add);
        var jvmArgs = machine.putArray("runnerJvmArgs");
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(jvmArgs::add);
        if (request.suite().takesJmhOptions()) {
            machine.put(ForkJvms.SENTENCE_FIELD.substring(1), request.forkJvmsSentence(user));
            machine.put(ForkJvms.FIELD.substring(1), request.forkJvms(user).value());
        }
        var forkArgs = machine.putArray("forkJvmArgs");
        user.getJvmArgs().orElse(List.of()).forEach(forkArgs::add);
        user.getJvmArgsAppend().orElse(List.of()).forEach(forkArgs::add);
        machine.set("server", json.valueToTree(server));
        var clients = machine.putObject("clients"); // what each client is, and how its pool is sized
        for (Client client : Clients.all()) {
            var node = clients.putObject(client.name());
            node.put("library", client.library());
            node.put("pool", client.pool());
        }
        return machine;
    }

    private static ObjectNode describeMachine(ObjectMapper json) {
        var machine = json.createObjectNode();
        machine.put("host", hostName());
        machine.put("cpuModel", cpuModel());
        machine.put("logicalCores", Runtime.getRuntime().availableProcessors());
        machine.put(
                "speedRuler",
                SpeedRuler.DEFINITION); // compare reads two runs' rulers against each other only when these agree
        machine.put("speedRulerBetweenSamples", SpeedRuler.SHORT_DEFINITION); // and their readings between samples
        var os = ManagementFactory.getOperatingSystemMXBean();
        machine.put("memoryBytes", os instanceof OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1);
        var osNode = machine.putObject("os");
        osNode.put("name", System.getProperty("os.name"));
        osNode.put("version", System.getProperty("os.version"));
        osNode.put("arch", System.getProperty("os.arch"));
        var jdk = machine.putObject("jdk");
        jdk.put("vendor", System.getProperty("java.vendor"));
        jdk.put("version", System.getProperty("java.version"));
        jdk.put("vm", System.getProperty("java.vm.name"));
        jdk.put("vmVersion", System.getProperty("java.vm.version"));
        jdk.put("home", System.getProperty("java.home"));
        var git = machine.putObject("git");
        String commit = git("rev-parse", "HEAD");
        git.put("commit", commit == null ? "unknown" : commit.trim());
        String status = git("status", "--porcelain", "--untracked-files=no");
        if (status == null) {
            git.putNull("dirty");
        } else {
            git.put("dirty", !status.isBlank());
        }
        return machine;
    }

    static void finish(ObjectNode machine, Instant start, Instant end) {
        machine.put("start", start.toString());
        machine.put("end", end.toString());
    }

    static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown-host";
            }
        }
        return host;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    /** Runs git in the working directory; null when git or the repository is not there. */
    private static String git(String... args) {
        var command = new ArrayList<String>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

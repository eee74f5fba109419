package flagbench.cli;

import flagbench.report.MarkdownReport;
import flagbench.results.RunFolder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Regenerate report.md and its charts for a run folder.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "A run folder.")
    Path run;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path written = MarkdownReport.write(RunFolder.read(run));
        spec.commandLine().getOut().println("wrote " + written);
        return 0;
    }
}

package flagbench.cli;

import flagbench.bench.Failures;
import flagbench.results.BadRunException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar flagbench.jar COMMAND}: thin commands over the catalogue, server, downloads, bench and report. */
@Command(
        name = "flagbench",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Which concurrency strategy wins for I/O-bound downloads, and with how many workers.",
        subcommands = {
            ServeCommand.class,
            DownloadCommand.class,
            BenchCommand.class,
            CompareCommand.class,
            TuneCommand.class,
            ReportCommand.class,
            HistoryCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a command is needed: serve, download, bench, compare, tune, report or history");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line; usage errors and bad input print one line and give exit code 2, never a stack trace. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        var commandLine = new CommandLine(new Main());
        Converters.register(commandLine);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println(e.getCommandLine().getCommandName() + ": " + e.getMessage() + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return CommandLine.ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (isUsageError(e)) {
                err.println(cmd.getCommandName() + ": " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            err.println(cmd.getCommandName() + ": failed: " + rootCause(e));
            return CommandLine.ExitCode.SOFTWARE;
        });
        return commandLine.execute(args);
    }

    /**
     * A file system failure as the file the user named and the system's reason: Java's own message for some is the
     * path alone ({@code /etc/passwd}).
     */
    static String fileProblem(FileSystemException e) {
        String reason = e.getReason() != null
                ? e.getReason().toLowerCase(Locale.ROOT)
                : e instanceof AccessDeniedException
                        ? "permission denied"
                        : e instanceof NoSuchFileException
                                ? "no such file or directory"
                                : e instanceof FileAlreadyExistsException
                                        ? "already exists (a file where a directory was wanted?)"
                                        : e instanceof NotDirectoryException
                                                ? "not a directory"
                                                : e instanceof DirectoryNotEmptyException
                                                        ? "directory not empty"
                                                        : "cannot be written or read";
        String file = e.getFile() != null ? e.getFile() : "a file";
        return e.getOtherFile() != null ? file + " -> " + e.getOtherFile() + ": " + reason : file + ": " + reason;
    }

    /**
     * Whether a command failed on its input: a plain {@link IllegalArgumentException}, as the code throws one for
     * a user's mistake with a message for them, or a {@link BadRunException}. The JDK's subclasses of it
     * ({@code NumberFormatException}, {@code PatternSyntaxException}, {@code IllegalFormatException}…) are bugs:
     * they escaped a check that should have turned them into words, and say so with exit 1.
     */
    static boolean isUsageError(Throwable e) {
        return e.getClass() == IllegalArgumentException.class || e instanceof BadRunException;
    }

    /** The innermost message of a failure ({@link Failures#deepest}), for one line. */
    public static String rootCause(Throwable e) {
        Throwable deepest = Failures.deepest(e);
        if (deepest instanceof FileSystemException fs) {
            return fileProblem(fs);
        }
        String message = deepest.getMessage();
        return message == null || message.isBlank()
                ? "an unexpected error with no message (please report it)"
                : message.lines().findFirst().orElse("");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                "flagbench " + (version == null ? "(development build)" : version),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}

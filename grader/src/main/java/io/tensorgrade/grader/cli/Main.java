package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.ref.RefException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * Entry point of the {@code tensorgrade} command. Exit codes: 0 ok, 1 failure, 2 usage error.
 */
@Command(name = "tensorgrade",
        mixinStandardHelpOptions = true,
        version = "tensorgrade 0.1.0",
        description = "Autograder for deep-learning coursework.",
        subcommands = {GradeCommand.class, CheckCommand.class, RubricCommand.class, RefCommand.class,
                SandboxCommand.class, GradescopeCommand.class, RegradeCommand.class, DiffCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with error messages.")
    boolean verbose;

    /** Whether {@code --verbose} was given anywhere on the command line that {@code spec} belongs to. */
    static boolean verbose(CommandLine.Model.CommandSpec spec) {
        return spec.root().userObject() instanceof Main main && main.verbose;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with the given writers and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> FAILURE);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("tensorgrade: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof GraderException || ex instanceof RefException) {
                err.println("tensorgrade: " + ex.getMessage());
                if (verbose) {
                    ex.printStackTrace(err);
                }
                return FAILURE;
            }
            if (ex instanceof UsageException) {
                err.println("tensorgrade: " + ex.getMessage());
                return USAGE;
            }
            err.println("tensorgrade: internal error: " + ex);
            ex.printStackTrace(err);
            return FAILURE;
        });
        return cli.execute(args);
    }
}

package io.faultline.cli;

import io.faultline.config.ConfigException;
import io.faultline.run.ConfigProblem;
import io.faultline.provision.docker.DockerUnavailable;
import io.faultline.run.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code faultline} command line. Exit codes are {@link ExitCode}'s.
 */
@Command(name = "faultline", mixinStandardHelpOptions = true, versionProvider = Faultline.Version.class,
        description = "Jepsen-class chaos testing: run tests against a cluster, check histories.",
        subcommands = {RunCommand.class, ServeCommand.class, UpCommand.class, WaitReadyCommand.class, DownCommand.class, CheckCommand.class, ReportCommand.class, BenchCommand.class, JoinTokenCommand.class, CommandLine.HelpCommand.class})
public final class Faultline {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Faultline());
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("faultline: " + e.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.BAD_ARGUMENTS.code();
        });
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof DockerUnavailable) {
                cmd.getErr().println("faultline: setup failed: " + e.getMessage());
                return ExitCode.UNKNOWN.code();
            }
            if (e instanceof UsageError || e instanceof ConfigProblem || e instanceof ConfigException) {
                cmd.getErr().println("faultline: " + e.getMessage());
                return ExitCode.BAD_ARGUMENTS.code();
            }
            cmd.getErr().println("faultline: internal error: " + e);
            e.printStackTrace(cmd.getErr());
            return ExitCode.INTERNAL_ERROR.code();
        });
        return cli;
    }

    /** A mistake of the user's that a command found after parsing: reported in one line, exit 254. */
    public static final class UsageError extends RuntimeException {
        public UsageError(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Faultline.class.getPackage().getImplementationVersion();
            return new String[]{"faultline " + (v == null ? "development build" : v)};
        }
    }
}

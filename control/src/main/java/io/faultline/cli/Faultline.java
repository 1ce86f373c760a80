package io.faultline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code faultline} command line. Exit codes follow Jepsen's convention (DESIGN.md decision 8):
 * valid 0, invalid 1, unknown 2, bad arguments or config 254, internal error 255.
 */
@Command(name = "faultline", mixinStandardHelpOptions = true, versionProvider = Faultline.Version.class,
        description = "Jepsen-class chaos testing: run tests against a cluster, check histories.",
        subcommands = {RunCommand.class, CheckCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Faultline {
    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int UNKNOWN = 2;
    public static final int BAD_ARGUMENTS = 254;
    public static final int INTERNAL_ERROR = 255;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Faultline());
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("faultline: " + e.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return BAD_ARGUMENTS;
        });
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof io.faultline.provision.docker.DockerUnavailable) {
                cmd.getErr().println("faultline: setup failed: " + e.getMessage());
                return UNKNOWN;
            }
            if (e instanceof io.faultline.control.RunLauncher.UnsupportedProvider) {
                cmd.getErr().println("faultline: " + e.getMessage());
                return BAD_ARGUMENTS;
            }
            if (e instanceof UsageError usage) {
                cmd.getErr().println("faultline: " + usage.getMessage());
                return BAD_ARGUMENTS;
            }
            cmd.getErr().println("faultline: internal error: " + e);
            e.printStackTrace(cmd.getErr());
            return INTERNAL_ERROR;
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

package io.faultline.cli;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print their figures.",
        subcommands = {BenchCheckCommand.class, BenchRunCommand.class, BenchWatchersCommand.class, GenerateHistoryCommand.class})
final class BenchCommand {
}

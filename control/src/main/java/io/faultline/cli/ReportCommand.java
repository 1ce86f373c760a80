package io.faultline.cli;

import io.faultline.report.ReportException;
import io.faultline.report.RunReport;
import io.faultline.run.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"(Re)build the report of stored runs from their history.jsonl and results.json: report.html, its SVG plots",
                "and history.edn, in the run directory. Prints the path of each report.",
                "Exit code: 0 every report written, 254 a directory that is not a concluded run (the message says what is missing)."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run directories, e.g. store/etcd-register/latest.")
    List<Path> runs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int refused = 0;
        for (Path run : runs) {
            try {
                out.println(RunReport.rebuild(run));
            } catch (ReportException e) {
                err.println("faultline: " + e.getMessage());
                refused++;
            }
        }
        out.flush();
        err.flush();
        return (refused > 0 ? ExitCode.BAD_ARGUMENTS : ExitCode.VALID).code();
    }
}

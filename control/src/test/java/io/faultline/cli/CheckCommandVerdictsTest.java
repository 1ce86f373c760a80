package io.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.run.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check} over many files: each is reported on its own, whatever another one does. */
class CheckCommandVerdictsTest {
    /** Porcupine's kv semantics as RegisterModel knows them: put, then get of what was put. */
    private static final String GOOD = """
            {"index":0,"time":1,"type":"invoke","process":0,"f":"put","key":"a","value":"x"}
            {"index":1,"time":2,"type":"ok","process":0,"f":"put","key":"a","value":"x"}
            {"index":2,"time":3,"type":"invoke","process":1,"f":"get","key":"a","value":null}
            {"index":3,"time":4,"type":"ok","process":1,"f":"get","key":"a","value":"x"}
            """;
    /** A put of a map: no kv value (kv values are text), so the model cannot judge it. */
    private static final String MODEL_TROUBLE = """
            {"index":0,"time":1,"type":"invoke","process":0,"f":"put","key":"a","value":{"nested":5}}
            {"index":1,"time":2,"type":"ok","process":0,"f":"put","key":"a","value":{"nested":5}}
            {"index":2,"time":3,"type":"invoke","process":0,"f":"append","key":"a","value":"x"}
            {"index":3,"time":4,"type":"ok","process":0,"f":"append","key":"a","value":"x"}
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(String... args) {
        return Faultline.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void aHistoryTheModelCannotHandleIsUnknownAndTheOthersAreStillReported() throws Exception {
        Files.writeString(dir.resolve("a-good.jsonl"), GOOD);
        Files.writeString(dir.resolve("b-trouble.jsonl"), MODEL_TROUBLE);
        Files.writeString(dir.resolve("c-good.jsonl"), GOOD);

        int exit = check("check", "--model", "kv", dir.toString());

        assertThat(exit).as(out + "\n" + err).isNotZero().isNotEqualTo(ExitCode.INTERNAL_ERROR.code());
        assertThat(out.toString()).contains(dir.resolve("a-good.jsonl") + " valid")
                .contains(dir.resolve("c-good.jsonl") + " valid")
                .contains("3 histories: 2 valid");
        String trouble = out.toString().lines().dropWhile(line -> !line.startsWith(dir.resolve("b-trouble.jsonl").toString()))
                .limit(2).reduce("", (a, b) -> a + b + "\n");
        // Whether the model throws (contained: unknown, with the error) or is fixed to judge it, the line says so.
        assertThat(trouble).matches("(?s).*b-trouble.jsonl (unknown|invalid) \\d+\n  .+\n");
    }

    @Test
    void aModelThatCannotJudgeTheHistoryGivesExitTwoBesideTheOtherCheckersResults() throws Exception {
        Path file = dir.resolve("trouble.jsonl");
        Files.writeString(file, MODEL_TROUBLE);

        int exit = check("check", "--model", "kv", "--checker", "linearizable,stats", "--json", file.toString());

        JsonNode checkers = io.faultline.json.Json.MAPPER.readTree(out.toString()).path("histories").path(0).path("checkers");
        assertThat(exit).as(out.toString()).isEqualTo(ExitCode.UNKNOWN.code());
        assertThat(checkers.path("linearizable").path("valid").asText()).isEqualTo("unknown");
        assertThat(checkers.path("linearizable").path("error").asText()).isNotBlank();
        assertThat(checkers.path("stats").path("valid").asBoolean()).isTrue();
        assertThat(checkers.path("stats").path("count").asLong()).isEqualTo(2);
    }

    @Test
    void anUnreadableFileSaysWhyOnItsOwnLineAndTheRestAreChecked() throws Exception {
        Files.writeString(dir.resolve("a-good.jsonl"), GOOD);
        Files.writeString(dir.resolve("b-broken.jsonl"), "{\"index\":0,\"type\":\"invoke\"\n");

        int exit = check("check", "--model", "kv", dir.toString());

        assertThat(exit).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
        assertThat(out.toString()).contains(dir.resolve("a-good.jsonl") + " valid")
                .contains("2 histories: 1 valid, 0 invalid, 0 unknown, 1 refused (unreadable or malformed)");
        assertThat(err.toString().lines()).anySatisfy(line -> assertThat(line).contains("b-broken.jsonl"));
    }
}

package io.faultline.agent.node;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessShellTest {
    private final Shell shell = new ProcessShell();

    @Test
    void returnsTheExitCodeAndBothStreamsWithoutThrowing() {
        Shell.Result result = shell.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.ok()).isFalse();
    }

    @Test
    void argumentsAreNeverReSplitOrExpanded() {
        assertThat(shell.check(List.of("echo", "a  b", "$HOME")).stdout()).isEqualTo("a  b $HOME\n");
    }

    @Test
    void checkNamesTheCommandAndItsStderr() {
        assertThatThrownBy(() -> shell.check(List.of("sh", "-c", "echo 'no such chain' >&2; exit 1")))
                .isInstanceOf(ShellException.class)
                .hasMessage("`sh -c echo 'no such chain' >&2; exit 1` exited with 1: no such chain");
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsKilledAndNamed() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> shell.run(List.of("sleep", "30"), Duration.ofMillis(300)))
                .isInstanceOf(ShellException.class)
                .hasMessage("`sleep 30` did not finish within 300 ms; killed it");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aMissingProgramIsNamed() {
        assertThatThrownBy(() -> shell.run(List.of("faultline-no-such-program", "-x")))
                .isInstanceOf(ShellException.class)
                .hasMessageStartingWith("`faultline-no-such-program -x` could not run");
    }

    @Test
    void aSessionAnswersLineByLineAndThenTellsHowItEnded() {
        Shell.Session session = shell.start(List.of("sh", "-c", "read a; echo got $a; read b; echo bad $b >&2; exit 3"));
        session.send("one\n");
        assertThat(session.readLine(Duration.ofSeconds(10))).isEqualTo("got one");
        session.send("two\n");
        assertThat(session.readLine(Duration.ofSeconds(10))).isNull();
        assertThat(session.exit()).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.stderr()).isEqualTo("bad two\n");
        });
        assertThat(session.alive()).isFalse();
        session.send("ignored once it has gone\n");
        assertThat(session.readLine(Duration.ofSeconds(10))).isNull();
    }

    @Test
    void aSessionThatDoesNotAnswerInTimeIsKilledAndNamed() {
        Shell.Session session = shell.start(List.of("sleep", "30"));
        assertThatThrownBy(() -> session.readLine(Duration.ofMillis(300)))
                .isInstanceOf(ShellException.class)
                .hasMessage("`sleep 30` did not answer within 300 ms; killed it");
        assertThat(session.exit().ok()).isFalse();
    }
}

package io.faultline.agent.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@link Shell} on this machine's processes. */
public final class ProcessShell implements Shell {

    @Override
    public Result run(List<String> argv, Duration timeout) {
        String command = describe(argv);
        Path out = null;
        Path err = null;
        try {
            // Files rather than pipes: a chatty command cannot fill a pipe buffer and hang while we wait for it.
            out = Files.createTempFile("faultline-shell", ".out");
            err = Files.createTempFile("faultline-shell", ".err");
            Process process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new ShellException(command + " did not finish within " + timeout.toMillis() + " ms; killed it");
            }
            return new Result(argv, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ShellException(command + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShellException(command + " was interrupted", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    @Override
    public Session start(List<String> argv) {
        Path err = null;
        try {
            // stderr to a file as in run; stdout carries only the answers, each read by readLine.
            err = Files.createTempFile("faultline-shell", ".err");
            Process process = new ProcessBuilder(argv).redirectError(err.toFile()).start();
            return new ProcessSession(argv, process, err);
        } catch (IOException e) {
            deleteQuietly(err);
            throw new ShellException(describe(argv) + " could not run: " + e.getMessage(), e);
        }
    }

    private static final class ProcessSession implements Session {
        /** Kills a session that does not answer in time: its stdout ends, and the blocked read returns. */
        private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shell-session-watchdog");
            t.setDaemon(true);
            return t;
        });

        private final List<String> argv;
        private final Process process;
        private final Path err;
        private final OutputStream stdin;
        private final BufferedReader stdout;

        ProcessSession(List<String> argv, Process process, Path err) {
            this.argv = List.copyOf(argv);
            this.process = process;
            this.err = err;
            this.stdin = process.getOutputStream();
            this.stdout = process.inputReader(StandardCharsets.UTF_8);
        }

        @Override
        public void send(String text) {
            try {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                // It has exited (broken pipe): readLine will return null and exit will say why.
            }
        }

        @Override
        public String readLine(Duration timeout) {
            // Read on the caller's thread, with a watchdog rather than a reader thread: under load every hand-over
            // between threads waits for a core.
            AtomicBoolean killed = new AtomicBoolean();
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                killed.set(true);
                process.destroyForcibly();
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            String line;
            try {
                line = stdout.readLine();
            } catch (IOException e) {
                line = null;
            } finally {
                watchdog.cancel(false);
            }
            if (killed.get()) throw new ShellException(describe(argv) + " did not answer within " + timeout.toMillis() + " ms; killed it");
            return line;
        }
        @Override
        public boolean alive() {
            return process.isAlive();
        }

        @Override
        public Result exit() {
            try {
                if (!process.waitFor(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) process.destroyForcibly().waitFor();
                return new Result(argv, process.exitValue(), "", Files.readString(err, StandardCharsets.UTF_8));
            } catch (IOException e) {
                return new Result(argv, process.exitValue(), "", "(stderr unreadable: " + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ShellException(describe(argv) + " was interrupted", e);
            } finally {
                deleteQuietly(err);
            }
        }
    }

    private static String describe(List<String> argv) {
        return "`" + String.join(" ", argv) + "`";
    }

    private static void deleteQuietly(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover temp file is harmless.
        }
    }
}

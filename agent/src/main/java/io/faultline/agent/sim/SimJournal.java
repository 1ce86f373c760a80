package io.faultline.agent.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A replica's log of role changes and faults, the simulated store's counterpart of a real system's log file.
 * Lines are appended through an {@link AsyncFile}, which keeps them in order without blocking the caller.
 */
final class SimJournal implements Consumer<String> {

    private static final Logger LOG = LoggerFactory.getLogger(SimJournal.class);
    private static final SimJournal NONE = new SimJournal(null, null);

    private final Path path;
    private final AsyncFile file;

    private SimJournal(Path path, AsyncFile file) {
        this.path = path;
        this.file = file;
    }

    /** A journal at {@code dir/sim-<node>.log}, or none when {@code dir} is null. */
    static Future<SimJournal> open(Vertx vertx, Path dir, String node) {
        if (dir == null) return Future.succeededFuture(NONE);
        Path path = dir.resolve("sim-" + node + ".log");
        return vertx.fileSystem().mkdirs(dir.toString())
                .compose(v -> vertx.fileSystem().open(path.toString(), new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true)))
                .map(file -> new SimJournal(path, file));
    }

    static SimJournal none() {
        return NONE;
    }

    @Override
    public void accept(String line) {
        if (file == null) return;
        file.write(Buffer.buffer(line + "\n")).onFailure(e -> LOG.warn("could not write to {}: {}", path, e.getMessage()));
    }

    List<Path> files() {
        return path == null ? List.of() : List.of(path);
    }

    Future<Void> close() {
        return file == null ? Future.succeededFuture() : file.close();
    }
}

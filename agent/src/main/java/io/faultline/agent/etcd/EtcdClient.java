package io.faultline.agent.etcd;

import io.faultline.spi.Client;
import io.faultline.spi.Completion;
import io.faultline.spi.Invocation;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.util.concurrent.TimeoutException;

/** One worker's client: its own connection pool, so that a stuck request of one worker never delays another. */
final class EtcdClient implements Client {

    static final String CONNECTION_REFUSED = "connection-refused";
    static final String TIMEOUT = "timeout";
    /** The f of Elle's transactions (see {@link EtcdTxn}). */
    static final String TXN = "txn";

    private final WebClient web;
    private final EtcdSettings settings;

    EtcdClient(Vertx vertx, EtcdSettings settings) {
        this.web = WebClient.create(vertx);
        this.settings = settings;
    }

    @Override
    public Future<Completion> invoke(Invocation invocation) {
        if (TXN.equals(invocation.f())) {
            try {
                return new EtcdTxn(web, settings, invocation.value()).run();
            } catch (IllegalArgumentException e) {
                return Future.failedFuture(e);
            }
        }
        EtcdOp op;
        try {
            op = EtcdOp.of(invocation, settings.serializableReads());
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return web.postAbs(settings.endpoint() + op.path())
                // Bounds getting a connection and each wait for data: a paused member accepts but never answers.
                .timeout(settings.requestTimeoutMillis())
                .sendJsonObject(op.body())
                .transform(sent -> Future.succeededFuture(complete(op, sent)));
    }

    @Override
    public Future<Void> close() {
        web.close();
        return Future.succeededFuture();
    }

    private static Completion complete(EtcdOp op, AsyncResult<HttpResponse<Buffer>> sent) {
        if (sent.failed()) return unanswered(op, sent.cause());
        HttpResponse<Buffer> response = sent.result();
        try {
            return op.onAnswer().apply(EtcdJson.answer(response.statusCode(), response.bodyAsString()));
        } catch (EtcdException e) {
            return op.mayHaveBeenSent(e.getMessage());
        }
    }

    static Completion unanswered(EtcdOp op, Throwable cause) {
        if (neverConnected(cause)) return op.notSent(CONNECTION_REFUSED);
        if (has(cause, TimeoutException.class)) return op.mayHaveBeenSent(TIMEOUT);
        return op.mayHaveBeenSent(describe(cause));
    }

    /**
     * Refused or unreachable: no connection, so no request went out. A request on an open connection fails
     * otherwise, and a connect that merely takes too long ends as a timeout, which stays uncertain.
     */
    static boolean neverConnected(Throwable cause) {
        return has(cause, ConnectException.class) || has(cause, NoRouteToHostException.class);
    }

    private static boolean has(Throwable cause, Class<? extends Throwable> type) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}

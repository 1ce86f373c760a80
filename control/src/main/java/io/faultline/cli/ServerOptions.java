package io.faultline.cli;

import io.faultline.config.ServerConfig;
import io.faultline.server.ApiToken;
import io.faultline.server.WebServer;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where {@code serve} and {@code run} listen, and whom they let in. */
final class ServerOptions {
    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 opens it to the network).")
    String bind;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "Also accept live WebSockets from this page origin, e.g. https://ci.example.com (repeatable).")
    List<String> allowedOrigins = new ArrayList<>();

    WebServer.Settings settings(int port, Map<String, String> env) {
        return settings(port, env, ServerConfig.NONE);
    }

    /** With what a test config's {@code server} section adds: its token (unless the environment sets one), its origins. */
    WebServer.Settings settings(int port, Map<String, String> env, ServerConfig config) {
        List<String> origins = new ArrayList<>(allowedOrigins);
        origins.addAll(config.allowOrigins());
        return new WebServer.Settings(bind, port, ApiToken.from(env, config.token()), List.copyOf(origins));
    }

    /** Says where the page is and, if it was made up here, the token that mutating calls need. */
    static void announce(PrintWriter out, String url, WebServer.Settings settings) {
        out.println("serving " + url);
        if (settings.token().generated()) {
            out.println("API token (Authorization: Bearer ... for POST and DELETE; set " + ApiToken.ENV + " to choose it): "
                    + settings.token().value());
        }
        out.flush();
    }
}

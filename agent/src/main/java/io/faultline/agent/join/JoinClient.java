package io.faultline.agent.join;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.faultline.cluster.MemberRequest;
import io.faultline.cluster.RunCertificates;
import io.faultline.join.JoinRefusal;
import io.faultline.join.JoinReply;
import io.faultline.join.JoinRequest;
import io.faultline.join.JoinToken;
import io.faultline.json.Json;
import io.faultline.protocol.AgentContract;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * An agent's side of joining a run: it makes its own key, sends the token, its node name, its addresses and a
 * certificate request to the control's join endpoint, and gets back its certificate and its contract once every
 * node has joined. The endpoint must hold the certificate the token pins, so the token goes to the control that
 * made it and to no one else.
 */
public final class JoinClient {

    /** An accepted join: the contract (its endpoints name the TLS directory written here) and the next run's token. */
    public record Joined(AgentContract contract, RunCertificates.Member tls, String nextToken) {
    }

    /** The control said no, or could not be reached: the message is the line to print. */
    public static final class Refused extends Exception {
        private final boolean retry;

        Refused(String message, boolean retry) {
            super(message, null, false, false);
            this.retry = retry;
        }

        /** Whether trying again later can help (no control there yet, a run that gave up); a bad token never can. */
        public boolean retry() {
            return retry;
        }
    }

    /**
     * @param control   the control's join endpoint, {@code host:port}
     * @param advertise where the other members reach this agent's Hazelcast member, {@code host:port}
     * @param wait      how long to wait for the other nodes to join
     * @param tlsDir    where this run's certificate and key go (replaced if there)
     */
    public static Joined join(String control, String token, String node, String advertise, String dataAddress, boolean persistent,
                              Path tlsDir, Duration wait) throws Refused, InterruptedException {
        JoinToken parsed;
        try {
            parsed = JoinToken.parse(token);
        } catch (IllegalArgumentException e) {
            throw new Refused("--token: " + e.getMessage(), false);
        }
        MemberRequest key = MemberRequest.create(node);
        String body;
        try {
            body = Json.MAPPER.writeValueAsString(new JoinRequest(token.strip(), node, advertise, dataAddress, key.csrPem(), persistent));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a join request is plain data and always serialises", e);
        }
        HttpResponse<String> response;
        URI uri = URI.create("https://" + control + JoinRequest.PATH);
        try {
            HttpClient client = HttpClient.newBuilder().sslContext(pinned(parsed.pin())).connectTimeout(Duration.ofSeconds(10)).build();
            response = client.send(HttpRequest.newBuilder(uri).timeout(wait).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new Refused("the run at " + control + " did not fill up within " + wait.toSeconds() + " s", true);
        } catch (ConnectException e) {
            throw new Refused("no join endpoint answers at " + control + " (is the run started?)", true);
        } catch (IOException e) {
            String why = e.getMessage() != null && e.getMessage().contains("pins") ? e.getMessage() : String.valueOf(e.getMessage());
            throw new Refused("cannot join at " + control + ": " + why, !why.contains("pins"));
        }
        try {
            if (response.statusCode() != 200) {
                String error = Json.MAPPER.readValue(response.body(), JoinRefusal.class).error();
                throw new Refused("join refused by " + control + ": " + error, response.statusCode() == 503);
            }
            JoinReply reply = Json.MAPPER.readValue(response.body(), JoinReply.class);
            RunCertificates.Member tls = key.write(tlsDir, reply.ca(), reply.certificate());
            AgentContract.Endpoints at = reply.contract().endpoints();
            AgentContract contract = reply.contract().withEndpoints(new AgentContract.Endpoints(at.clusterName(), at.host(),
                    at.hazelcastPort(), at.members(), at.dataAddresses(), tlsDir.toString(), at.serviceAddresses()));
            return new Joined(contract, tls, reply.nextToken());
        } catch (JsonProcessingException e) {
            throw new Refused("the join endpoint at " + control + " answered " + response.statusCode() + " with no join reply: "
                    + e.getOriginalMessage(), false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write this run's certificate to " + tlsDir + ": " + e.getMessage(), e);
        }
    }

    /** Trusts exactly the certificate the token pins: no CA, no host name, since the token names the endpoint itself. */
    private static SSLContext pinned(String pin) {
        X509ExtendedTrustManager trust = new X509ExtendedTrustManager() {
            private void check(X509Certificate[] chain) throws CertificateException {
                if (chain == null || chain.length == 0 || !JoinToken.pinOf(chain[0]).equals(pin)) {
                    throw new CertificateException("the join endpoint does not hold the certificate the token pins: a token joins"
                            + " only the control that printed it");
                }
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                check(chain);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                check(chain);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                check(chain);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("an agent's join client trusts no clients");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                checkClientTrusted(chain, authType);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                checkClientTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no TLS", e);
        }
    }
}

package io.faultline.cluster;

import com.hazelcast.config.Config;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VertxException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.core.spi.cluster.RegistrationListener;
import io.vertx.core.spi.cluster.RegistrationUpdateEvent;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Hazelcast cluster manager that routes only to members holding a certificate from the run's CA.
 *
 * <p>Open-source Hazelcast admits any member that reaches its port with the cluster's name, and a member
 * can subscribe to any address: a stranger subscribed to an agent's address would be handed every other
 * command for that agent, which then never arrives (the agent's TLS refuses the stranger, so does the
 * stranger's). So each member publishes, with the event-bus address it advertises, its certificate and
 * its signature over node id, host and port; a member whose certificate does not chain to the run's CA,
 * or whose signature does not match, is left out of every address's registrations and is never connected
 * to. A copied proof is worthless: it names the node it was made for.
 *
 * <p>This does not keep a stranger out of Hazelcast itself, which nothing in open-source Hazelcast does:
 * a member can still write or delete Vert.x's cluster maps directly. Hazelcast's port belongs on the
 * private control network.
 */
final class CertifiedMembers extends HazelcastClusterManager {
    private static final Logger LOG = LoggerFactory.getLogger(CertifiedMembers.class);
    private static final String CERTIFICATE = "faultline.certificate";
    private static final String PROOF = "faultline.proof";
    /** The run's keys are EC P-256 (see {@link CertificateAuthority}). */
    private static final String SIGNATURE = "SHA256withECDSA";

    private final X509Certificate ca;
    private final X509Certificate certificate;
    private final PrivateKey key;
    /** Per node id: whether it proved a run certificate. A node id is a fresh UUID per member, never reused. */
    private final Map<String, Future<Boolean>> verdicts = new ConcurrentHashMap<>();
    /** Per address: the last registration update still being checked, so updates keep their order. */
    private final Map<String, Future<Void>> updates = new ConcurrentHashMap<>();

    CertifiedMembers(Config config, ClusteredVertx.Tls tls) {
        super(config);
        this.ca = certificate(tls.ca());
        this.certificate = certificate(tls.cert());
        this.key = privateKey(tls.key());
    }

    @Override
    public void setNodeInfo(NodeInfo nodeInfo, Completable<Void> promise) {
        JsonObject metadata = nodeInfo.metadata() == null ? new JsonObject() : nodeInfo.metadata().copy();
        try {
            metadata.put(CERTIFICATE, Base64.getEncoder().encodeToString(certificate.getEncoded()))
                    .put(PROOF, Base64.getEncoder().encodeToString(sign(statement(getNodeId(), nodeInfo))));
        } catch (GeneralSecurityException e) {
            promise.fail(new IllegalStateException("cannot sign this member's event-bus address with its key: " + e.getMessage(), e));
            return;
        }
        super.setNodeInfo(new NodeInfo(nodeInfo.host(), nodeInfo.port(), metadata), promise);
    }

    /** The event bus asks this before it connects to a node: a node without a run certificate is not reached. */
    @Override
    public void getNodeInfo(String nodeId, Completable<NodeInfo> promise) {
        Promise<NodeInfo> published = Promise.promise();
        super.getNodeInfo(nodeId, published);
        published.future()
                .compose(info -> certified(nodeId, info) ? Future.succeededFuture(info)
                        : Future.failedFuture(new VertxException("cluster member " + nodeId + " holds no certificate from the run's CA", true)))
                .onComplete(promise);
    }

    @Override
    public void getRegistrations(String address, Completable<List<RegistrationInfo>> promise) {
        Promise<List<RegistrationInfo>> all = Promise.promise();
        super.getRegistrations(address, all);
        all.future().compose(this::certifiedOnly).onComplete(promise);
    }

    @Override
    public void registrationListener(RegistrationListener routing) {
        super.registrationListener(new RegistrationListener() {
            @Override
            public void registrationsUpdated(RegistrationUpdateEvent event) {
                String address = event.address();
                Future<Void> update = updates.compute(address, (a, previous) ->
                        (previous == null ? Future.<Void>succeededFuture() : previous)
                                .transform(ignored -> certifiedOnly(event.registrations()))
                                .map(registrations -> {
                                    routing.registrationsUpdated(new RegistrationUpdateEvent(address, registrations));
                                    return null;
                                }));
                update.onComplete(ar -> updates.remove(address, update));
            }

            @Override
            public void registrationsLost() {
                routing.registrationsLost();
            }

            @Override
            public boolean wantsUpdatesFor(String address) {
                return routing.wantsUpdatesFor(address);
            }
        });
    }

    private Future<List<RegistrationInfo>> certifiedOnly(List<RegistrationInfo> registrations) {
        Map<String, Future<Boolean>> byNode = new HashMap<>();
        for (RegistrationInfo registration : registrations) {
            byNode.computeIfAbsent(registration.nodeId(), this::certified);
        }
        return Future.all(new ArrayList<>(byNode.values())).map(all -> registrations.stream()
                .filter(registration -> byNode.get(registration.nodeId()).result())
                .toList());
    }

    /** Never fails: a node whose address is not published (yet) counts as uncertified, and is asked about again. */
    private Future<Boolean> certified(String nodeId) {
        if (nodeId.equals(getNodeId())) {
            return Future.succeededFuture(true);
        }
        Future<Boolean> known = verdicts.get(nodeId);
        if (known != null) {
            return known;
        }
        Promise<NodeInfo> published = Promise.promise();
        super.getNodeInfo(nodeId, published);
        Future<Boolean> verdict = published.future().map(info -> {
            boolean certified = certified(nodeId, info);
            if (!certified) {
                LOG.warn("cluster member {} at {}:{} holds no certificate from the run's CA: nothing is routed to it",
                        nodeId, info.host(), info.port());
            }
            return certified;
        });
        verdicts.put(nodeId, verdict);
        verdict.onFailure(e -> verdicts.remove(nodeId, verdict));
        return verdict.otherwise(false);
    }

    private boolean certified(String nodeId, NodeInfo info) {
        JsonObject metadata = info.metadata();
        if (metadata == null || metadata.getString(CERTIFICATE) == null || metadata.getString(PROOF) == null) {
            return false;
        }
        try {
            X509Certificate claimed = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(metadata.getString(CERTIFICATE))));
            claimed.verify(ca.getPublicKey());
            claimed.checkValidity();
            Signature signature = Signature.getInstance(SIGNATURE);
            signature.initVerify(claimed);
            signature.update(statement(nodeId, info));
            return signature.verify(Base64.getDecoder().decode(metadata.getString(PROOF)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] sign(byte[] statement) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(SIGNATURE);
        signature.initSign(key);
        signature.update(statement);
        return signature.sign();
    }

    private static byte[] statement(String nodeId, NodeInfo info) {
        return ("faultline event-bus member " + nodeId + " at " + info.host() + ":" + info.port()).getBytes(StandardCharsets.UTF_8);
    }

    private static X509Certificate certificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read a PEM certificate from " + pem + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path pem) {
        try {
            String base64 = Files.readString(pem)
                    .replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read an EC PKCS#8 PEM private key from " + pem + " (as RunCertificates writes it): "
                    + e.getMessage(), e);
        }
    }
}

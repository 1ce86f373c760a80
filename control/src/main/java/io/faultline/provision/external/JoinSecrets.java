package io.faultline.provision.external;

import io.faultline.cluster.RunCertificates;
import io.faultline.join.JoinToken;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What lets a control admit agents, kept in {@code <store>/.join/} beside the runs and never inside one: the HMAC
 * key tokens are minted with ({@code key}), the join endpoint's certificate and key ({@code endpoint.pem},
 * {@code endpoint-key.pem}; every token pins the certificate), and the tokens spent by finished runs ({@code spent}).
 * A control elsewhere (a Kubernetes Job) admits the agents of tokens printed here once it has the first three files. {@code faultline join-token} and every run
 * with provider external open the same directory, so a token printed beforehand is accepted by the run.
 */
public final class JoinSecrets {
    public static final String DIR = ".join";
    private static final String KEY_FILE = "key";
    private static final String SPENT_FILE = "spent";
    private static final String ENDPOINT = "endpoint";
    public static final String ENDPOINT_CERT = "endpoint.pem";
    public static final String ENDPOINT_KEY = "endpoint-key.pem";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int MAC_BYTES = 16;
    private static final String NEW_TOKEN = "print a new one with: faultline join-token";

    private final Path dir;
    private final byte[] key;
    private final Path endpointCert;
    private final Path endpointKey;
    private final String pin;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** A token that cannot join: the reason is one line that never quotes the token. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private JoinSecrets(Path dir, byte[] key, Clock clock) throws IOException {
        this.dir = dir;
        this.key = key;
        this.endpointCert = dir.resolve(ENDPOINT_CERT);
        this.endpointKey = dir.resolve(ENDPOINT_KEY);
        this.pin = JoinToken.pinOf(certificate(endpointCert));
        this.clock = clock;
    }

    /** Opens {@code <store>/.join}, making the key and the endpoint's certificate the first time. */
    public static JoinSecrets open(Path store) throws IOException {
        return open(store, Clock.systemUTC());
    }

    static JoinSecrets open(Path store, Clock clock) throws IOException {
        Path dir = store.resolve(DIR);
        Files.createDirectories(dir);
        Path keyFile = dir.resolve(KEY_FILE);
        if (!Files.exists(keyFile)) {
            byte[] fresh = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            try {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(keyFile, Base64.getEncoder().encodeToString(fresh));
            } catch (FileAlreadyExistsException e) {
                // Another control made it at the same moment: use that one.
            }
        }
        byte[] key = Base64.getDecoder().decode(Files.readString(keyFile).strip());
        if (!Files.exists(dir.resolve(ENDPOINT_KEY))) {
            // Its CA is thrown away: agents trust this one certificate by its pin, not by a chain.
            Path made = Files.createTempDirectory(dir, "endpoint-");
            RunCertificates.Member endpoint = RunCertificates.create(made, "join").issue(ENDPOINT, List.of());
            Files.move(endpoint.cert(), dir.resolve(ENDPOINT_CERT));
            Files.move(endpoint.key(), dir.resolve(ENDPOINT_KEY));
            try (var left = Files.walk(made)) {
                for (Path file : left.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(file);
            }
        }
        return new JoinSecrets(dir, key, clock);
    }

    /** The join endpoint's certificate (PEM), for its HTTPS server. */
    public Path endpointCert() {
        return endpointCert;
    }

    /** The join endpoint's private key (PEM), for its HTTPS server. */
    public Path endpointKey() {
        return endpointKey;
    }

    public Path dir() {
        return dir;
    }

    /** A fresh token, valid for {@code ttl}. */
    public JoinToken mint(Duration ttl) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        JoinToken unsigned = new JoinToken(JoinToken.VERSION, clock.instant().plus(ttl).getEpochSecond(), JoinToken.base64(nonce), pin, "");
        return new JoinToken(unsigned.version(), unsigned.expiresEpochSecond(), unsigned.nonce(), pin, mac(unsigned));
    }

    /** @throws Refused for a token that is unreadable, not this control's, expired or spent */
    public JoinToken verify(String text) throws Refused {
        JoinToken token;
        try {
            token = JoinToken.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Refused("bad token: " + e.getMessage());
        }
        if (!token.pin().equals(pin) || !token.macEquals(mac(token))) {
            throw new Refused("bad token: it was not made with this control's join key (" + dir.resolve(KEY_FILE) + "); " + NEW_TOKEN);
        }
        if (!clock.instant().isBefore(token.expires())) {
            throw new Refused("expired token: it expired at " + token.expires() + "; " + NEW_TOKEN);
        }
        if (spent().contains(token.nonce())) {
            throw new Refused("spent token: an earlier run used it, and a token joins one run only; " + NEW_TOKEN);
        }
        return token;
    }

    /** Remembers these tokens as used, so no later run accepts them; forgets spent tokens that have expired anyway. */
    public synchronized void spend(Collection<JoinToken> tokens) throws IOException {
        Path file = dir.resolve(SPENT_FILE);
        long now = clock.instant().getEpochSecond();
        StringBuilder kept = new StringBuilder();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.split(" ");
                if (fields.length == 2 && Long.parseLong(fields[1]) > now) kept.append(line).append('\n');
            }
        }
        for (JoinToken token : tokens) kept.append(token.nonce()).append(' ').append(token.expiresEpochSecond()).append('\n');
        Files.writeString(file, kept.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private Set<String> spent() {
        Path file = dir.resolve(SPENT_FILE);
        Set<String> nonces = new HashSet<>();
        try {
            if (Files.exists(file)) for (String line : Files.readAllLines(file)) nonces.add(line.split(" ")[0]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the spent join tokens in " + file + ": " + e.getMessage(), e);
        }
        return nonces;
    }

    private String mac(JoinToken token) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return JoinToken.base64(Arrays.copyOf(hmac.doFinal(token.signed().getBytes(StandardCharsets.US_ASCII)), MAC_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no HmacSHA256", e);
        }
    }

    private static X509Certificate certificate(Path pem) throws IOException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the join endpoint's certificate " + pem + ": " + e.getMessage(), e);
        }
    }
}

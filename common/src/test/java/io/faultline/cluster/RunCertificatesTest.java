package io.faultline.cluster;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunCertificatesTest {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    @TempDir
    Path dir;

    @Test
    void aMemberThatMadeItsOwnKeyGetsItCertifiedWithoutTheKeyEverLeavingIt() throws Exception {
        RunCertificates run = RunCertificates.create(dir.resolve("tls"), "run-1");
        MemberRequest request = MemberRequest.create("n1");

        String signed = run.sign("n1", request.csrPem(), List.of("10.0.0.11"), List.of("n1.agents.example"));
        RunCertificates.Member member = request.write(dir.resolve("agent/n1"), run.caPem(), signed);

        X509Certificate cert = certificate(member.cert());
        cert.verify(certificate(member.ca()).getPublicKey());
        assertThat(cert.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList())
                .containsExactlyInAnyOrder("n1", "n1.agents.example", "10.0.0.11");
        assertThat(signs(privateKey(member.key()), cert.getPublicKey())).isTrue();
        assertThat(Files.list(dir.resolve("tls/n1")).map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("ca.pem", "node.pem");
    }

    @Test
    void aRequestNotSignedByTheKeyItNamesIsRefused() throws Exception {
        RunCertificates run = RunCertificates.create(dir.resolve("tls"), "run-1");
        String csr = MemberRequest.create("n1").csrPem();
        String body = csr.replace("-----BEGIN CERTIFICATE REQUEST-----", "").replace("-----END CERTIFICATE REQUEST-----", "").replaceAll("\\s", "");
        byte[] der = java.util.Base64.getDecoder().decode(body);
        der[der.length - 5] ^= 1;
        String tampered = "-----BEGIN CERTIFICATE REQUEST-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";

        assertThatThrownBy(() -> run.sign("n1", tampered, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("n1: ");
    }

    @Test
    void deletingThePrivateKeysLeavesOnlyCertificatesBehind() throws Exception {
        RunCertificates run = RunCertificates.create(dir.resolve("tls"), "run-1");
        run.issue("n1", List.of("10.214.0.11"));
        run.issue("control", List.of("10.214.0.1"));

        run.deletePrivateKeys();

        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()))
                    .containsExactlyInAnyOrder("tls/n1/ca.pem", "tls/n1/node.pem", "tls/control/ca.pem", "tls/control/node.pem");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).noneSatisfy(f -> assertThat(Files.readString(f)).contains("PRIVATE KEY"));
        }
    }

    @Test
    void eachMemberGetsItsOwnDirectoryWithTheCaItsCertificateAndAnOwnerOnlyKey() throws Exception {
        RunCertificates run = RunCertificates.create(dir.resolve("tls"), "run-1");
        RunCertificates.Member n1 = run.issue("n1", List.of("10.214.0.11", "fd00::11"));

        assertThat(n1.dir()).isEqualTo(dir.resolve("tls/n1"));
        try (Stream<Path> files = Files.list(n1.dir())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("ca.pem", "node.pem", "node-key.pem");
        }
        assertThat(n1.tls()).isEqualTo(new ClusteredVertx.Tls(n1.ca(), n1.cert(), n1.key()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(n1.key()))).isEqualTo("rw-------");
        assertThat(Files.readString(n1.key())).startsWith("-----BEGIN PRIVATE KEY-----");

        X509Certificate ca = certificate(n1.ca());
        X509Certificate cert = certificate(n1.cert());
        cert.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).as("the CA may sign").isGreaterThanOrEqualTo(0);
        assertThat(cert.getBasicConstraints()).as("a member may not").isEqualTo(-1);
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=n1");
        assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(DNS_NAME, "n1"), List.of(IP_ADDRESS, "10.214.0.11"), List.of(IP_ADDRESS, "fd00:0:0:0:0:0:0:11"));
        assertThat(cert.getExtendedKeyUsage()).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
        Instant now = Instant.now();
        assertThat(cert.getNotBefore().toInstant()).isBefore(now);
        assertThat(cert.getNotAfter().toInstant()).isBetween(now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(7)));
        assertThat(signs(privateKey(n1.key()), cert.getPublicKey())).as("the key is the certificate's").isTrue();
    }

    @Test
    void theCasPrivateKeyIsNeverWritten() throws Exception {
        RunCertificates run = RunCertificates.create(dir, "run-1");
        run.issue("control", List.of("127.0.0.1"));
        run.issue("n1", List.of("10.214.0.11"));

        PublicKey caKey = certificate(dir.resolve("n1/ca.pem")).getPublicKey();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!Files.readString(file).contains("PRIVATE KEY")) continue;
                assertThat(file.getFileName()).hasToString("node-key.pem");
                assertThat(signs(privateKey(file), caKey)).as(file + " is not the CA's key").isFalse();
            }
        }
    }

    @Test
    void runsDoNotTrustEachOther() throws Exception {
        RunCertificates.Member ours = RunCertificates.create(dir.resolve("a"), "run-a").issue("n1", List.of("127.0.0.1"));
        RunCertificates.Member theirs = RunCertificates.create(dir.resolve("b"), "run-b").issue("n1", List.of("127.0.0.1"));

        X509Certificate foreign = certificate(theirs.cert());
        assertThatThrownBy(() -> foreign.verify(certificate(ours.ca()).getPublicKey())).isInstanceOf(SignatureException.class);
    }

    @Test
    void refusesNamesThatAreNotDnsLabelsAddressesThatAreNotIpsAndASecondIssue() throws Exception {
        RunCertificates run = RunCertificates.create(dir, "run-1");
        for (String name : new String[]{"../n1", "n_1", "", "-n1", "n1.", "n 1"}) {
            assertThatThrownBy(() -> run.issue(name, List.of())).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> run.issue("n1", List.of("localhost"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run.issue("n1", List.of("10.0.0.256"))).isInstanceOf(IllegalArgumentException.class);

        run.issue("n1", List.of("10.214.0.11"));
        assertThatThrownBy(() -> run.issue("n1", List.of("10.214.0.11"))).isInstanceOf(FileAlreadyExistsException.class);
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey privateKey(Path pem) throws IOException {
        try (Reader in = Files.newBufferedReader(pem); PEMParser parser = new PEMParser(in)) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
    }

    private static boolean signs(PrivateKey key, PublicKey publicKey) throws Exception {
        byte[] data = "faultline".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(publicKey);
        verifier.update(data);
        return verifier.verify(signature);
    }
}

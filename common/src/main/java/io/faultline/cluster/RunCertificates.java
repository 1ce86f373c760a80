package io.faultline.cluster;

import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.IPAddress;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The event-bus certificates of one run: a fresh CA made by {@link #create}, and a certificate per member
 * made by {@link #issue}. Each member gets a directory holding exactly what its event bus needs, the
 * layout a node container mounts at {@code /opt/faultline/tls}:
 *
 * <pre>
 * &lt;dir&gt;/&lt;member&gt;/ca.pem        the run's CA certificate (the only certificate a member trusts)
 * &lt;dir&gt;/&lt;member&gt;/node.pem      the member's certificate: CN and DNS name = member name, its IP addresses
 * &lt;dir&gt;/&lt;member&gt;/node-key.pem  the member's private key, PKCS#8 PEM, readable by the owner only
 * </pre>
 *
 * The CA's private key stays in memory and dies with this object, so no file of a run can mint a member
 * for another run; the members' keys are deleted by {@link #deletePrivateKeys} once the run is over.
 */
public final class RunCertificates {
    public static final String CA_FILE = "ca.pem";
    public static final String CERT_FILE = "node.pem";
    public static final String KEY_FILE = "node-key.pem";

    /** A DNS label: the name is the certificate's DNS name and a directory name, so nothing else may pass. */
    private static final Pattern MEMBER_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private final Path dir;
    private final CertificateAuthority ca;
    private final String caPem;
    private final List<Member> members = new ArrayList<>();

    /** One member's files. */
    public record Member(String name, Path dir) {
        public Path ca() {
            return dir.resolve(CA_FILE);
        }

        public Path cert() {
            return dir.resolve(CERT_FILE);
        }

        public Path key() {
            return dir.resolve(KEY_FILE);
        }

        public ClusteredVertx.Tls tls() {
            return new ClusteredVertx.Tls(ca(), cert(), key());
        }
    }

    private RunCertificates(Path dir, CertificateAuthority ca) throws IOException {
        this.dir = dir;
        this.ca = ca;
        this.caPem = pem(new JcaMiscPEMGenerator(ca.certificate()));
    }

    /** A fresh CA for the run {@code runId}; members' directories go under {@code dir}. */
    public static RunCertificates create(Path dir, String runId) throws IOException {
        Objects.requireNonNull(runId, "runId");
        Files.createDirectories(dir);
        return new RunCertificates(dir, CertificateAuthority.create(runId));
    }

    public Path dir() {
        return dir;
    }

    /**
     * Issues {@code name} its certificate and writes its directory.
     *
     * @param ipAddresses literal addresses the member is reached at (names are refused: they would need resolving)
     * @throws FileAlreadyExistsException if {@code name} was issued a certificate before
     */
    public Member issue(String name, List<String> ipAddresses) throws IOException {
        checkName(name, ipAddresses);
        CertificateAuthority.Issued issued = ca.issue(name, ipAddresses);
        Member member = new Member(name, dir.resolve(name));
        Files.createDirectory(member.dir());
        Files.writeString(member.ca(), caPem);
        Files.writeString(member.cert(), pem(new JcaMiscPEMGenerator(issued.certificate())));
        // Created owner-only rather than restricted after writing, so the key is never readable by others.
        Files.createFile(member.key(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(member.key(), pem(new JcaPKCS8Generator(issued.key(), null)));
        members.add(member);
        return member;
    }

    /**
     * Signs a member's own key, sent as a PKCS#10 request ({@link MemberRequest}), and writes its directory without a
     * private key. The request must be signed by the key it names: whoever sent it holds that key.
     *
     * @param dnsNames host names the member is reached at, besides its name
     * @return the member's certificate, PEM
     */
    public String sign(String name, String csrPem, List<String> ipAddresses, List<String> dnsNames) throws IOException {
        checkName(name, ipAddresses);
        PublicKey publicKey;
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            if (!(parser.readObject() instanceof PKCS10CertificationRequest request)) {
                throw new IllegalArgumentException(name + ": the certificate request is not a PEM PKCS#10 request");
            }
            JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(request);
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(jca.getPublicKey()))) {
                throw new IllegalArgumentException(name + ": the certificate request is not signed by the key it names");
            }
            publicKey = jca.getPublicKey();
        } catch (PKCSException | OperatorCreationException | GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(name + ": unreadable certificate request: " + e.getMessage(), e);
        }
        Member member = new Member(name, dir.resolve(name));
        Files.createDirectory(member.dir());
        String certificate = pem(new JcaMiscPEMGenerator(ca.certifyMember(name, publicKey, ipAddresses, dnsNames)));
        Files.writeString(member.ca(), caPem);
        Files.writeString(member.cert(), certificate);
        return certificate;
    }

    /** The run's CA certificate, PEM: what a member that joined from elsewhere trusts. */
    public String caPem() {
        return caPem;
    }

    /** Deletes every member's private key: what stays (the CA's and the members' certificates) opens nothing. */
    public void deletePrivateKeys() throws IOException {
        for (Member member : members) Files.deleteIfExists(member.key());
    }

    private static void checkName(String name, List<String> ipAddresses) {
        if (name == null || !MEMBER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("member name must be a DNS label (letters, digits, inner hyphens): " + name);
        }
        for (String ip : ipAddresses) {
            if (!IPAddress.isValid(ip)) {
                throw new IllegalArgumentException(name + ": not an IP address: " + ip);
            }
        }
    }

    static String pem(PemObjectGenerator object) throws IOException {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}

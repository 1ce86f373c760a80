package io.faultline.cluster;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/**
 * A member that joins from elsewhere makes its own key and asks the control to certify it (PKCS#10, PEM), so
 * its private key never leaves its machine. {@link #write} then lays out the same directory {@link RunCertificates}
 * writes for a member it issued itself.
 */
public final class MemberRequest {
    private final KeyPair keys;
    private final String csrPem;

    private MemberRequest(String name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
            var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + name), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            csrPem = RunCertificates.pem(new JcaMiscPEMGenerator(request));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a key and a certificate request for " + name + ": " + e.getMessage(), e);
        }
    }

    public static MemberRequest create(String name) {
        return new MemberRequest(name);
    }

    public String csrPem() {
        return csrPem;
    }

    /** Writes the CA, the certificate the control signed and this request's private key into a fresh {@code dir}. */
    public RunCertificates.Member write(Path dir, String caPem, String certificatePem) throws IOException {
        Files.createDirectories(dir);
        RunCertificates.Member member = new RunCertificates.Member(dir.getFileName().toString(), dir);
        Files.writeString(member.ca(), caPem);
        Files.writeString(member.cert(), certificatePem);
        Files.deleteIfExists(member.key());
        Files.createFile(member.key(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(member.key(), RunCertificates.pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
        return member;
    }
}

package io.faultline.cluster;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * A run's certificate authority. Its private key exists only in this object: nothing can be issued once the
 * run (and with it this object) is gone, so a leaked member certificate is worth one run at most.
 *
 * <p>Keys are EC P-256: the JDK's TLS engine and Vert.x's PEM loader both read them as PKCS#8, and they
 * are fast to generate, which matters when every run makes a fresh CA.
 */
final class CertificateAuthority {
    /** Tolerates members whose clocks run a little behind the control's. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    /** Outlives any run while keeping a stray certificate short-lived. */
    private static final Duration VALIDITY = Duration.ofDays(4);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final SecureRandom random = new SecureRandom();
    private final String organisation;
    private final X500Name subject;
    private final KeyPair keys;
    private final X509Certificate certificate;

    /** A member's certificate and the private key it certifies. */
    record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private CertificateAuthority(String runId) {
        this.organisation = "Faultline run " + runId;
        this.subject = name(organisation + " CA");
        this.keys = newKeyPair();
        this.certificate = certify(subject, keys.getPublic(), null);
    }

    static CertificateAuthority create(String runId) {
        return new CertificateAuthority(runId);
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** A certificate for one member, named by its DNS name and its IP addresses. */
    Issued issue(String name, List<String> ipAddresses) {
        KeyPair member = newKeyPair();
        return new Issued(certifyMember(name, member.getPublic(), ipAddresses, List.of()), member.getPrivate());
    }

    /** A certificate for a key the member made itself (it sent a signing request): its private key never travels. */
    X509Certificate certifyMember(String name, PublicKey publicKey, List<String> ipAddresses, List<String> dnsNames) {
        List<GeneralName> altNames = new ArrayList<>();
        altNames.add(new GeneralName(GeneralName.dNSName, name));
        for (String dns : dnsNames) {
            altNames.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : ipAddresses) {
            altNames.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        return certify(name(name), publicKey, new GeneralNames(altNames.toArray(GeneralName[]::new)));
    }

    /** The CA's own certificate when {@code altNames} is null, else a member's. */
    private X509Certificate certify(X500Name holder, PublicKey publicKey, GeneralNames altNames) {
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, random).add(BigInteger.ONE),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), holder, publicKey)
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(keys.getPublic()));
            if (altNames == null) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                // Both purposes: every member's event bus is a server to the others and a client of theirs.
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                                new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                        .addExtension(Extension.subjectAlternativeName, false, altNames);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(keys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + holder, e);
        }
    }

    private X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate EC P-256 keys", e);
        }
    }
}

package io.faultline.join;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * The secret an agent joins a run with: {@code fl1.<expiry>.<nonce>.<pin>.<mac>}. The expiry is in epoch seconds;
 * the nonce names the token (a spent token is remembered by it); the pin is the first 16 bytes of the SHA-256 of
 * the control's join-endpoint certificate, so the agent talks to that control and no other before it sends the
 * token; the mac is the control's HMAC over everything before it, so only the holder of the join key mints tokens.
 *
 * <p>This class only reads and writes the text; minting and verifying need the key, which only the control has.
 */
public record JoinToken(String version, long expiresEpochSecond, String nonce, String pin, String mac) {
    public static final String VERSION = "fl1";
    public static final String FORMAT = VERSION + ".<expiry>.<nonce>.<pin>.<mac>";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final int PIN_BYTES = 16;

    /** @throws IllegalArgumentException saying what is wrong, never quoting the text (it is a secret) */
    public static JoinToken parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("no join token given");
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length != 5 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("not a Faultline join token (expected " + FORMAT + ")");
        }
        if (!parts[0].equals(VERSION)) {
            throw new IllegalArgumentException("a join token of version '" + parts[0] + "'; this build reads " + VERSION);
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Faultline join token: its expiry is not a number (expected " + FORMAT + ")");
        }
        return new JoinToken(parts[0], expiry, parts[2], parts[3], parts[4]);
    }

    public Instant expires() {
        return Instant.ofEpochSecond(expiresEpochSecond);
    }

    /** What the mac covers. */
    public String signed() {
        return version + "." + expiresEpochSecond + "." + nonce + "." + pin;
    }

    @Override
    public String toString() {
        return signed() + "." + mac;
    }

    /** The pin of a join endpoint's certificate, as tokens carry it. */
    public static String pinOf(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return B64.encodeToString(Arrays.copyOf(digest, PIN_BYTES));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the join endpoint's certificate", e);
        }
    }

    public static String base64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    /** Compares in constant time, so a mac cannot be guessed byte by byte from response times. */
    public boolean macEquals(String expected) {
        return MessageDigest.isEqual(mac.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII));
    }
}

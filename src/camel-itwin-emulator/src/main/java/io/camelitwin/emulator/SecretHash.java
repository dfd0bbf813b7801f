package io.camelitwin.emulator;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A client secret as the emulator keeps it, in memory and in {@code index.json}: a salted PBKDF2 hash, so that the
 * secret itself is nowhere to be read. Written as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (Base64).
 */
final class SecretHash {

    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    // a token request checks one hash: a few milliseconds, however many tests ask for tokens
    private static final int ITERATIONS = 10_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom SALTS = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private SecretHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    static SecretHash of(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        SALTS.nextBytes(salt);
        return new SecretHash(ITERATIONS, salt, derive(secret, salt, ITERATIONS));
    }

    /** Reads what {@link #encoded()} wrote. */
    static SecretHash parse(String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a " + SCHEME + " secret hash");
        }
        Base64.Decoder base64 = Base64.getDecoder();
        return new SecretHash(Integer.parseInt(parts[1]), base64.decode(parts[2]), base64.decode(parts[3]));
    }

    static boolean isEncoded(String value) {
        return value.startsWith(SCHEME + "$");
    }

    String encoded() {
        Base64.Encoder base64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    /** Compares in constant time, so that how long a refusal takes says nothing about the secret. */
    boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(hash, derive(candidate, salt, iterations));
    }

    private static byte[] derive(String secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "SecretHash[" + SCHEME + "]";
    }
}

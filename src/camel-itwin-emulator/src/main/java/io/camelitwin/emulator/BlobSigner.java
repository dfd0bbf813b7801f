package io.camelitwin.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SAS-style links to blobs: an HMAC-SHA256 over path, expiry and permission with a key that only this emulator
 * instance knows, so links stop working when they expire, are altered or outlive the process.
 */
final class BlobSigner {

    enum Verdict {
        VALID,
        TAMPERED,
        EXPIRED
    }

    static final String PATH_PREFIX = "/blobs/";

    private final byte[] key = new byte[32];
    private final Clock clock;
    private final List<Consumer<String>> signedListeners = new CopyOnWriteArrayList<>();
    private volatile Duration lifetime;

    BlobSigner(Clock clock, Duration lifetime) {
        new SecureRandom().nextBytes(key);
        this.clock = clock;
        this.lifetime = lifetime;
    }

    void lifetime(Duration newLifetime) {
        this.lifetime = newLifetime;
    }

    void onSigned(Consumer<String> listener) {
        signedListeners.add(listener);
    }

    void reset() {
        signedListeners.clear();
    }

    String signedUrl(String baseUrl, String container, String name) {
        String path = PATH_PREFIX + container + "/" + name;
        String expiry =
                clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS).toString();
        String signature = sign(path, expiry, "r");
        signedListeners.forEach(listener -> listener.accept(signature));
        return baseUrl + path + "?sv=2018-03-28&sr=b&se=" + encode(expiry) + "&sp=r&sig=" + encode(signature);
    }

    Verdict verify(String path, Map<String, String> query) {
        String expiry = query.get("se");
        String permissions = query.get("sp");
        String signature = query.get("sig");
        if (expiry == null || permissions == null || signature == null || !permissions.contains("r")) {
            return Verdict.TAMPERED;
        }
        byte[] expected = sign(path, expiry, permissions).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.TAMPERED;
        }
        try {
            return clock.instant().isBefore(Instant.parse(expiry)) ? Verdict.VALID : Verdict.EXPIRED;
        } catch (DateTimeParseException e) {
            return Verdict.TAMPERED;
        }
    }

    private String sign(String path, String expiry, String permissions) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((path + "\n" + expiry + "\n" + permissions).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

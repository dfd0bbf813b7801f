package io.camelitwin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Every secret a test hands to the code under test (client secrets, issued tokens, SAS signatures, graphics
 * credentials) is written down here, so that {@code SecretsNeverLoggedIT} can look for each one in everything the
 * suite logged.
 */
public final class SecretsLedger {

    public static final Path LEDGER = Path.of("target", "test-logs", "secrets-used.txt");

    private SecretsLedger() {}

    public static synchronized void record(String secret) {
        if (secret == null || secret.length() < 8) {
            return; // too short to search for without false alarms; no secret of ours is this short
        }
        try {
            Files.createDirectories(LEDGER.getParent());
            Files.writeString(
                    LEDGER,
                    secret + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A blob link signature, as signed and URL-encoded, as it stands in a link: a log may show either. For the
     * signatures an emulator hands to a client in another process (the packaged application), whose secrets the test
     * never sees otherwise: {@code emulator.onBlobUrlSigned(SecretsLedger::recordSignature)}, beside
     * {@code emulator.onTokenIssued(SecretsLedger::record)}.
     */
    public static void recordSignature(String signature) {
        record(signature);
        record(URLEncoder.encode(signature, StandardCharsets.UTF_8));
    }

    public static List<String> recorded() throws IOException {
        return Files.exists(LEDGER)
                ? Files.readAllLines(LEDGER, StandardCharsets.UTF_8).stream()
                        .filter(s -> !s.isBlank())
                        .distinct()
                        .toList()
                : List.of();
    }
}

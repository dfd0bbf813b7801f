package io.camelitwin;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.testing.SecretsLedger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test (Failsafe, integration-test phase, after the reliability suite) and reads everything the
 * suite wrote: the shared log file, the logs of the application processes it ran, and each test class's captured
 * console output. No secret the tests used may appear in it, and no credential may
 * appear unmasked.
 */
class SecretsNeverLoggedIT {

    private static final List<Pattern> UNMASKED = List.of(
            Pattern.compile("[?&]sig=(?!\\*\\*\\*)[^&\\s\"]+"),
            Pattern.compile("(?i)bearer\\s+(?!\\*\\*\\*)[A-Za-z0-9\\-._~+/]{8,}"),
            Pattern.compile("(?i)\\bbasic\\s+(?!\\*\\*\\*)[A-Za-z0-9+/]{8,}={0,2}"),
            Pattern.compile("(?i)client_secret=(?!\\*\\*\\*)[^&\\s\"]+"),
            Pattern.compile("\"access_token\"\\s*:\\s*\"[^\"]+\""));

    @Test
    void noSecretTheSuiteUsedAppearsInAnythingItLogged() throws IOException {
        List<Path> outputs = outputs();
        assertThat(outputs).as("the suite's log files").isNotEmpty();
        List<String> secrets = SecretsLedger.recorded();
        assertThat(secrets)
                .as("secrets recorded by the tests (else this check proves nothing)")
                .isNotEmpty();

        SecretIndex index = new SecretIndex(secrets);
        List<String> leaks = new ArrayList<>();
        for (Path output : outputs) {
            String text = Files.readString(output, StandardCharsets.UTF_8);
            index.firstIn(text)
                    .ifPresent(secret ->
                            leaks.add(output + " contains a secret beginning " + secret.substring(0, 4) + "…"));
            for (Pattern pattern : UNMASKED) {
                Matcher matcher = pattern.matcher(text);
                if (matcher.find()) {
                    leaks.add(output + " contains an unmasked credential matching " + pattern.pattern());
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    /**
     * The ledger holds thousands of secrets (every token and link signature handed to a child process), the logs
     * megabytes: rather than one search of every log per secret, one pass over each log looks up every position's
     * first characters among the secrets' beginnings (the ledger keeps none shorter), and compares the whole secret
     * only there.
     */
    private static final class SecretIndex {

        private static final int PREFIX = 8;
        private final Map<String, List<String>> byPrefix;

        SecretIndex(List<String> secrets) {
            byPrefix = secrets.stream()
                    .filter(secret -> secret.length() >= PREFIX)
                    .collect(Collectors.groupingBy(secret -> secret.substring(0, PREFIX)));
        }

        Optional<String> firstIn(String text) {
            for (int at = 0; at + PREFIX <= text.length(); at++) {
                List<String> candidates = byPrefix.get(text.substring(at, at + PREFIX));
                if (candidates != null) {
                    for (String secret : candidates) {
                        if (text.startsWith(secret, at)) {
                            return Optional.of(secret);
                        }
                    }
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Everything under {@code target/test-logs} (the shared log file, the consoles of the application processes the
     * reliability suite started and killed) and every test class's captured console output, Surefire's and Failsafe's, in every module.
     */
    private static List<Path> outputs() throws IOException {
        List<Path> outputs = new ArrayList<>();
        Path logs = Path.of("target", "test-logs");
        if (Files.isDirectory(logs)) {
            try (Stream<Path> files = Files.walk(logs)) {
                files.filter(Files::isRegularFile)
                        .filter(p -> !p.equals(SecretsLedger.LEDGER))
                        .forEach(outputs::add);
            }
        }
        for (Path module : modules()) {
            for (String reports : List.of("surefire-reports", "failsafe-reports")) {
                Path directory = module.resolve("target").resolve(reports);
                if (Files.isDirectory(directory)) {
                    try (Stream<Path> files = Files.list(directory)) {
                        files.filter(p -> p.getFileName().toString().endsWith("-output.txt"))
                                .forEach(outputs::add);
                    }
                }
            }
        }
        return outputs;
    }

    /** Each module of the build (src/camel-itwin, src/camel-itwin-emulator, ...): their tests' reports are theirs. */
    private static List<Path> modules() throws IOException {
        try (Stream<Path> directories = Files.list(Path.of("src"))) {
            return directories
                    .filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .toList();
        }
    }
}

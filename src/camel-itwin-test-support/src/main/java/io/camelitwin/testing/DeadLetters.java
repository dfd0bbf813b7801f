package io.camelitwin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds dead letters by the documented naming (docs/reliability.md): the original name with
 * {@code .<yyyyMMdd'T'HHmmssSSS'Z'>-<6 hex digits>} before its extension, and {@code <that name>.reason.txt} beside
 * it. Written from the documentation, not from the application's code, so that a change of either shows.
 */
public final class DeadLetters {

    private static final String SUFFIX = "\\.\\d{8}T\\d{9}Z-[0-9a-f]{6}";

    private DeadLetters() {}

    /** Whether {@code name} (a file name or a key) is a dead letter of {@code original}, same folder. */
    public static boolean isDeadLetterOf(String name, String original) {
        return pattern(original, "").matcher(name).matches();
    }

    /** Whether {@code name} is the reason file of a dead letter of {@code original}. */
    public static boolean isReasonOf(String name, String original) {
        return pattern(original, Pattern.quote(".reason.txt")).matcher(name).matches();
    }

    private static Pattern pattern(String original, String tail) {
        if (original.endsWith("/")) {
            // a key ending in '/' (an empty S3 "folder") carries the suffix in its last folder
            String folder = original.substring(0, original.length() - 1);
            return Pattern.compile(Pattern.quote(folder) + SUFFIX + "/" + tail, Pattern.DOTALL);
        }
        int slash = original.lastIndexOf('/');
        int dot = original.lastIndexOf('.');
        boolean hasExtension = dot > slash + 1;
        String stem = hasExtension ? original.substring(0, dot) : original;
        String extension = hasExtension ? original.substring(dot) : "";
        return Pattern.compile(Pattern.quote(stem) + SUFFIX + Pattern.quote(extension) + tail, Pattern.DOTALL);
    }

    /** The dead letters of {@code relativePath} in {@code failed}, oldest first. */
    public static List<Path> in(Path failed, String relativePath) {
        return matching(failed, relativePath, false);
    }

    /** The reason files of {@code relativePath}'s dead letters in {@code failed}, oldest first. */
    public static List<Path> reasonsIn(Path failed, String relativePath) {
        return matching(failed, relativePath, true);
    }

    private static List<Path> matching(Path failed, String relativePath, boolean reasons) {
        Path folder = failed.resolve(relativePath).getParent();
        String name = Path.of(relativePath).getFileName().toString();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> {
                        String candidate = p.getFileName().toString();
                        return reasons ? isReasonOf(candidate, name) : isDeadLetterOf(candidate, name);
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reason file beside a dead letter. */
    public static Path reasonOf(Path deadLetter) {
        return deadLetter.resolveSibling(deadLetter.getFileName() + ".reason.txt");
    }
}

package io.camelitwin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository as the documentation tests read it: its root (wherever Maven runs the test from), its files, and the
 * tables of its Markdown pages.
 */
public final class Repository {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\|(.*)\\|\\s*$");

    private Repository() {}

    /** The directory holding the Maven Wrapper, found upwards from the working directory. */
    public static Path root() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("mvnw"))) {
                return directory;
            }
        }
        throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files under the root whose path relative to it matches, build output, data and Git's own files left out. */
    public static List<Path> files(Predicate<String> relativePath) {
        Path root = root();
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    String name = directory.getFileName() == null
                            ? ""
                            : directory.getFileName().toString();
                    boolean skipped = !directory.equals(root)
                            && (name.equals("target") || name.equals(".git") || name.equals("data"));
                    return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && relativePath.test(relative(file))) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    /** A path relative to the root, with forward slashes: how the documentation names files. */
    public static String relative(Path path) {
        return root().relativize(path.toAbsolutePath()).toString().replace('\\', '/');
    }

    /** The README and every page of docs/. */
    public static List<Path> documentation() {
        return files(path -> path.equals("README.md") || (path.startsWith("docs/") && path.endsWith(".md")));
    }

    /**
     * The rows of every Markdown table in a page whose header's first cell is {@code firstHeader}, as cells without
     * their surrounding spaces.
     */
    public static List<List<String>> tableRows(Path page, String firstHeader) {
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : read(page).lines().toList()) {
            Matcher row = TABLE_ROW.matcher(line);
            if (!row.matches()) {
                inTable = false;
                continue;
            }
            List<String> cells = cells(row.group(1));
            if (cells.get(0).equals(firstHeader)) {
                inTable = true;
            } else if (inTable && !cells.get(0).startsWith("---")) {
                rows.add(cells);
            }
        }
        return rows;
    }

    /** Splits a row at the pipes that are not escaped nor inside backticks. */
    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '`') {
                code = !code;
            } else if (c == '\\' && i + 1 < row.length() && row.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
                continue;
            } else if (c == '|' && !code) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
                continue;
            }
            cell.append(c);
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    /** The text of a cell without the backticks around it. */
    public static String unquoted(String cell) {
        return cell.length() >= 2 && cell.startsWith("`") && cell.endsWith("`")
                ? cell.substring(1, cell.length() - 1)
                : cell;
    }

    /** A fenced code block of a Markdown page: its info string, the heading it stands under, its lines. */
    public record CodeBlock(Path page, String info, String heading, List<String> lines) {

        public boolean runnable() {
            return info.equals("shell runnable");
        }

        /** Its commands: continuation lines joined, comments and blank lines left out. */
        public List<String> commands() {
            List<String> commands = new ArrayList<>();
            StringBuilder command = new StringBuilder();
            for (String line : lines) {
                String text = line.strip();
                if (command.isEmpty() && (text.isEmpty() || text.startsWith("#"))) {
                    continue;
                }
                if (text.endsWith("\\")) {
                    command.append(text, 0, text.length() - 1).append(' ');
                } else {
                    commands.add(command.append(text).toString());
                    command.setLength(0);
                }
            }
            return commands;
        }
    }

    /** The fenced code blocks of a page, in order. */
    public static List<CodeBlock> codeBlocks(Path page) {
        List<CodeBlock> blocks = new ArrayList<>();
        String heading = "";
        String info = null;
        List<String> lines = null;
        for (String line : read(page).lines().toList()) {
            if (lines == null) {
                if (line.startsWith("#")) {
                    heading = line.replaceFirst("^#+\\s*", "");
                } else if (line.startsWith("```")) {
                    info = line.substring(3).strip();
                    lines = new ArrayList<>();
                }
            } else if (line.startsWith("```")) {
                blocks.add(new CodeBlock(page, info, heading, List.copyOf(lines)));
                lines = null;
            } else {
                lines.add(line);
            }
        }
        return blocks;
    }
}

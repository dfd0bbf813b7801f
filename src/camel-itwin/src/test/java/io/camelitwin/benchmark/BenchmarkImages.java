package io.camelitwin.benchmark;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Distinct PNGs of chosen sizes, written once and reused by later runs. Random pixels stored without compression make
 * a file's size follow its pixel count, and writing them costs little.
 */
final class BenchmarkImages {

    private static final int BYTES_PER_PIXEL = 3;

    private BenchmarkImages() {}

    /** {@code count} PNGs whose sizes are spread evenly from {@code minBytes} to {@code maxBytes}, in a shuffled order. */
    static List<Path> spread(Path directory, int count, long minBytes, long maxBytes, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long size = minBytes + (maxBytes - minBytes) * i / Math.max(1, count - 1);
            // the count is in the name: file i of another count has another size
            files.add(ensure(
                    directory.resolve("spread-" + seed + "-" + count + "-" + i + ".png"), size, random.nextLong()));
        }
        Collections.shuffle(files, new Random(seed));
        return files;
    }

    /** One PNG of about {@code bytes} bytes (never more). */
    static Path ensure(Path file, long bytes, long seed) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            return file;
        }
        Files.createDirectories(file.getParent());
        // one filter byte per row and the stored blocks' framing come on top of the pixels: leave them room
        long pixels = (long) (bytes * 0.995 / BYTES_PER_PIXEL);
        int width = (int) Math.max(16, Math.round(Math.sqrt(pixels * 4.0 / 3.0)));
        int height = (int) Math.max(16, pixels / width);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextInt() & 0xffffff;
        }
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            writeUncompressed(image, out);
        }
        return Files.move(partial, file);
    }

    private static void writeUncompressed(BufferedImage image, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            // quality 1 is deflate level 0: stored blocks
            param.setCompressionQuality(1.0f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    static long totalBytes(List<Path> files) throws IOException {
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        return total;
    }

    static void deleteAll(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

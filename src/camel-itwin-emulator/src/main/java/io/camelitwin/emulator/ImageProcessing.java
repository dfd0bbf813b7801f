package io.camelitwin.emulator;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Decoding, checking and resizing of uploaded images with ImageIO. */
final class ImageProcessing {

    /** A 5 MB file can declare a huge canvas; refusing it before decoding keeps the heap safe. */
    static final long MAX_PIXELS = 40_000_000L;

    static {
        ImageIO.setUseCache(false);
    }

    /** Dimensions read from the header only, before any pixel is decoded. */
    record Dimensions(int width, int height) {
        double aspectRatio() {
            return Math.max((double) width / height, (double) height / width);
        }
    }

    private ImageProcessing() {}

    /** Null when the bytes are not a readable image. */
    static Dimensions dimensions(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                return width > 0 && height > 0 ? new Dimensions(width, height) : null;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Null when the bytes do not decode. */
    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Scales down to fit the box, keeping the aspect ratio; never scales up. */
    static byte[] fitWithin(BufferedImage source, int maxWidth, int maxHeight, ImageType output) {
        double scale =
                Math.min(1.0, Math.min((double) maxWidth / source.getWidth(), (double) maxHeight / source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage target = new BufferedImage(width, height, canvasType(output));
        draw(target, source, 0, 0, width, height, output);
        return encode(target, output);
    }

    /** Exactly the requested size: the image is scaled to fit and centred, the margins left transparent. */
    static byte[] letterboxPng(BufferedImage source, int width, int height) {
        double scale = Math.min((double) width / source.getWidth(), (double) height / source.getHeight());
        int drawnWidth = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int drawnHeight = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        draw(
                target,
                source,
                (width - drawnWidth) / 2,
                (height - drawnHeight) / 2,
                drawnWidth,
                drawnHeight,
                ImageType.PNG);
        return encode(target, ImageType.PNG);
    }

    /** The picture served for an iModel that never had a thumbnail uploaded. */
    static byte[] placeholderPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(
                    new GradientPaint(0, 0, new Color(0x2B, 0x5F, 0x9E), width, height, new Color(0xD9, 0xE6, 0xF2)));
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        return encode(image, ImageType.PNG);
    }

    static byte[] encode(BufferedImage image, ImageType type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, type.imageIoName(), out)) {
                throw new IllegalStateException("no ImageIO writer for " + type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int canvasType(ImageType output) {
        // JPEG has no alpha channel: ImageIO's JPEG writer refuses ARGB images.
        return output == ImageType.JPEG ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB;
    }

    private static void draw(
            BufferedImage target, BufferedImage source, int x, int y, int width, int height, ImageType output) {
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (output == ImageType.JPEG) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, target.getWidth(), target.getHeight());
            }
            g.drawImage(source, x, y, width, height, null);
        } finally {
            g.dispose();
        }
    }
}

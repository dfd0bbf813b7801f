package io.camelitwin.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Real images, encoded by the JDK in code, so that the tests carry no binary fixtures. */
public final class TestImages {

    private TestImages() {}

    public static byte[] png(int width, int height) {
        return write(picture(width, height, Color.ORANGE), "png");
    }

    /** A PNG whose bytes differ for every {@code variant}, for tests that tell uploads apart by hash. */
    public static byte[] distinctPng(int variant) {
        return write(
                picture(64 + variant % 97, 48 + variant / 97 % 97, new Color((int) (variant * 2654435761L & 0xffffff))),
                "png");
    }

    /** Random pixels, which do not compress: about 3 bytes a pixel, for tests that need a large upload. */
    public static byte[] noisyPng(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt() & 0xffffff);
            }
        }
        return write(image, "png");
    }

    public static byte[] jpeg(int width, int height) {
        return write(picture(width, height, Color.ORANGE), "jpeg");
    }

    public static byte[] gif(int width, int height) {
        return write(picture(width, height, Color.ORANGE), "gif");
    }

    public static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JPEG with an APP1 "Exif" segment of {@code payloadLength} bytes inserted right after SOI. */
    public static byte[] withExifSegment(byte[] jpeg, int payloadLength) {
        byte[] identifier = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int segmentLength = 2 + identifier.length + payloadLength;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xff);
        out.write(0xe1);
        out.write(segmentLength >> 8);
        out.write(segmentLength & 0xff);
        out.writeBytes(identifier);
        out.writeBytes(new byte[payloadLength]);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    public static byte[] withoutLast(byte[] image, int count) {
        return Arrays.copyOf(image, image.length - count);
    }

    private static BufferedImage picture(int width, int height, Color accent) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(0x33, 0x66, 0x99));
            g.fillRect(0, 0, width, height);
            g.setColor(accent);
            g.fillOval(width / 4, height / 4, width / 2, height / 2);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

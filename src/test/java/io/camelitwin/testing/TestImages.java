package io.camelitwin.testing;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Images made in code, so that the tests carry no binary fixtures. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] png(int width, int height) {
        return write(picture(width, height), "png");
    }

    public static byte[] jpeg(int width, int height) {
        return write(picture(width, height), "jpeg");
    }

    public static byte[] gif(int width, int height) {
        return write(picture(width, height), "gif");
    }

    /**
     * The {@code index}-th of a series of PNGs that all differ in their bytes: size and colour both follow the index,
     * so that each upload can be recognised by its hash.
     */
    public static byte[] distinctPng(int index) {
        BufferedImage image = picture(64 + index % 97, 48 + index % 31);
        image.setRGB(0, 0, index);
        return write(image, "png");
    }

    public static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(0x33, 0x66, 0x99));
            g.fillRect(0, 0, width, height);
            g.setColor(Color.ORANGE);
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
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

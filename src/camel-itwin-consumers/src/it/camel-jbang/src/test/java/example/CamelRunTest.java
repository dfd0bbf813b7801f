package example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.ITwinEmulatorExtension;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CamelRunTest {

    @RegisterExtension
    static final ITwinEmulatorExtension EMULATOR = new ITwinEmulatorExtension();

    @Test
    void camelRunUploadsAnImageAndReadsItBack(@TempDir Path work) throws Exception {
        ITwinEmulator emulator = EMULATOR.emulator();
        Files.copy(Path.of("route.camel.yaml"), work.resolve("route.camel.yaml"));
        Files.writeString(work.resolve("application.properties"), String.join("\n",
                "camel.component.itwin.base-url = " + emulator.baseUrl(),
                "camel.component.itwin.token-url = " + emulator.tokenUrl(),
                "camel.component.itwin.client-id = " + DemoData.DEMO_CLIENT_ID,
                "camel.component.itwin.client-secret = " + DemoData.DEMO_CLIENT_SECRET,
                ""));
        byte[] image = png(640, 480);
        Files.createDirectories(work.resolve("inbox"));
        Files.write(work.resolve("inbox").resolve(DemoData.ITWIN_PLAIN + ".png"), image);

        Process camel = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        // Camel JBang's downloads (~/.m2) and state (~/.camel) stay in this test's directory
                        "-Duser.home=" + work,
                        "-cp",
                        camelJBangClassPath(),
                        CamelJBang.class.getName(),
                        "run",
                        "route.camel.yaml",
                        "application.properties",
                        "--dep=io.camelitwin:camel-itwin:" + System.getProperty("camel-itwin.version"),
                        "--repos=" + Path.of(System.getProperty("camel-itwin.repository")).toUri(),
                        "--max-messages=1",
                        "--max-seconds=120")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("camel.log").toFile())
                .start();
        assertTrue(camel.waitFor(180, TimeUnit.SECONDS), "camel run did not end");
        String log = Files.readString(work.resolve("camel.log"));
        System.out.println(log);
        assertEquals(0, camel.exitValue(), "camel run failed");
        assertTrue(
                log.contains("Downloaded: io.camelitwin:camel-itwin:" + System.getProperty("camel-itwin.version")),
                "camel run did not resolve the library itself");
        Path readBack = work.resolve("outbox").resolve(DemoData.ITWIN_PLAIN + ".png");
        assertTrue(Files.isRegularFile(readBack), "nothing came back; the log:\n" + log);
        assertArrayEquals(image, Files.readAllBytes(readBack));
    }

    /** Camel JBang's class path without the library, which `--dep` has to bring. */
    private static String camelJBangClassPath() {
        List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("camel-itwin-" + System.getProperty("camel-itwin.version") + ".jar"))
                .collect(Collectors.toList());
        return String.join(File.pathSeparator, entries);
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = picture.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(0, 0, width / 2, height);
        graphics.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", bytes);
        return bytes.toByteArray();
    }
}

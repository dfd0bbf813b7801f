package example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.ITwinEmulatorExtension;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

class UploadAndReadBackTest {

    @RegisterExtension
    static final ITwinEmulatorExtension EMULATOR = new ITwinEmulatorExtension();

    @Test
    void theYamlRouteUploadsAnImageAndReadsItBack() throws Exception {
        ITwinEmulator emulator = EMULATOR.emulator();
        Main main = new Main();
        main.addOverrideProperty("camel.component.itwin.base-url", emulator.baseUrl());
        main.addOverrideProperty("camel.component.itwin.token-url", emulator.tokenUrl());
        main.addOverrideProperty("camel.component.itwin.client-id", DemoData.DEMO_CLIENT_ID);
        main.addOverrideProperty("camel.component.itwin.client-secret", DemoData.DEMO_CLIENT_SECRET);
        main.start();
        try {
            byte[] image = png(640, 480);
            byte[] readBack = main.getCamelContext()
                    .createProducerTemplate()
                    .requestBodyAndHeader("direct:upload", image, "CamelITwinId", DemoData.ITWIN_PLAIN, byte[].class);
            assertArrayEquals(image, readBack);
        } finally {
            main.stop();
        }
    }

    @Test
    void theApplicationsOwnLoggingStaysInCharge() {
        assertEquals("ch.qos.logback.classic.LoggerContext", LoggerFactory.getILoggerFactory().getClass().getName());
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

package example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.ITwinEmulatorExtension;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class UploadAndReadBackTest {

    @RegisterExtension
    static final ITwinEmulatorExtension EMULATOR = new ITwinEmulatorExtension();

    @Test
    void theYamlRouteUploadsAnImageAndReadsItBack() throws Exception {
        ITwinEmulator emulator = EMULATOR.emulator();
        // as command-line arguments, which win over application.properties
        String[] platform = {
            "--camel.component.itwin.base-url=" + emulator.baseUrl(),
            "--camel.component.itwin.token-url=" + emulator.tokenUrl(),
            "--camel.component.itwin.client-id=" + DemoData.DEMO_CLIENT_ID,
            "--camel.component.itwin.client-secret=" + DemoData.DEMO_CLIENT_SECRET
        };
        try (ConfigurableApplicationContext application =
                new SpringApplicationBuilder(ItwinSpringBootApplication.class).run(platform)) {
            CamelContext camel = application.getBean(CamelContext.class);
            byte[] image = png(640, 480);
            byte[] readBack = camel.createProducerTemplate()
                    .requestBodyAndHeader("direct:upload", image, "CamelITwinId", DemoData.ITWIN_PLAIN, byte[].class);
            assertArrayEquals(image, readBack);
        }
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

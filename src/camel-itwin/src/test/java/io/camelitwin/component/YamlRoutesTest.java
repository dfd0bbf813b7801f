package io.camelitwin.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.client.model.Graphics;
import io.camelitwin.client.model.ITwinImage;
import io.camelitwin.client.model.ITwinSummary;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import io.camelitwin.testing.TestImages;
import java.util.List;
import java.util.Properties;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/** Each operation used from a YAML route, loaded the way Camel Main or Camel Quarkus loads one. */
class YamlRoutesTest extends EmulatorCamelTestSupport {

    private static String iTwinId;

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        if (iTwinId == null) {
            iTwinId = emulator().seedITwins(DemoData.DEMO_CLIENT_ID, 1).get(0);
        }
        Properties properties = new Properties();
        properties.put("test.itwin", iTwinId);
        properties.put("test.imodel", DemoData.IMODEL_INITIALIZED);
        properties.put("test.repository", DemoData.REPOSITORY_ID);
        properties.put("test.resource", DemoData.RESOURCE_BASIC_AUTH);
        return properties;
    }

    @Override
    protected void doPostSetup() throws Exception {
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.resolveResource(context, "classpath:routes/operations.camel.yaml"));
    }

    @Test
    void everyOperationWorksFromYaml() {
        byte[] png = TestImages.png(640, 400);

        ITwinImage uploaded = template.requestBody("direct:uploadImage", png, ITwinImage.class);
        ITwinImage fetched = template.requestBody("direct:getImage", null, ITwinImage.class);
        byte[] downloaded = template.requestBody("direct:downloadImage", null, byte[].class);
        ProducerOperationsTest.recordSignatures(uploaded);
        assertThat(fetched.largeImageName()).isEqualTo(uploaded.largeImageName());
        assertThat(downloaded).isEqualTo(png);

        template.sendBody("direct:uploadThumbnail", TestImages.png(800, 500));
        byte[] thumbnail = template.requestBody("direct:getThumbnail", null, byte[].class);
        assertThat(TestImages.read(thumbnail).getWidth()).isEqualTo(800);

        @SuppressWarnings("unchecked")
        List<Graphics> graphics = template.requestBody("direct:getGraphics", null, List.class);
        graphics.forEach(ProducerOperationsTest::recordCredentials);
        assertThat(graphics)
                .singleElement()
                .satisfies(g -> assertThat(g.authentication().isBasic()).isTrue());

        @SuppressWarnings("unchecked")
        List<ITwinSummary> iTwins = template.requestBody("direct:listITwins", null, List.class);
        assertThat(iTwins).extracting(ITwinSummary::id).contains(iTwinId);

        template.sendBody("direct:deleteImage", null);
        assertThat(emulator().iTwinImage(iTwinId)).isEmpty();
    }
}

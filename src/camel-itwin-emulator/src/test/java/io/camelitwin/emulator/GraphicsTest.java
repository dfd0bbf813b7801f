package io.camelitwin.emulator;

import static io.camelitwin.emulator.DemoData.ITWIN_PLAIN;
import static io.camelitwin.emulator.DemoData.ITWIN_WITH_IMAGE;
import static io.camelitwin.emulator.DemoData.OTHER_REPOSITORY_ID;
import static io.camelitwin.emulator.DemoData.REPOSITORY_ID;
import static io.camelitwin.emulator.DemoData.RESOURCE_BASIC_AUTH;
import static io.camelitwin.emulator.DemoData.RESOURCE_HEADER_AUTH;
import static io.camelitwin.emulator.DemoData.RESOURCE_NO_AUTH;
import static io.camelitwin.emulator.DemoData.RESOURCE_QUERY_AUTH;
import static io.camelitwin.emulator.DemoData.RESOURCE_URL_TEMPLATE;
import static io.camelitwin.emulator.EmulatorClient.errorCode;
import static io.camelitwin.emulator.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GraphicsTest {

    @RegisterExtension
    static final ITwinEmulatorExtension EMULATOR = new ITwinEmulatorExtension();

    private final EmulatorClient client = new EmulatorClient(EMULATOR.emulator());
    private final String token = client.demoToken();

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void eachAuthenticationTypeIsServedByBothOperations(boolean iTwinScoped) {
        JsonNode header = graphic(iTwinScoped, RESOURCE_HEADER_AUTH);
        JsonNode query = graphic(iTwinScoped, RESOURCE_QUERY_AUTH);
        JsonNode basic = graphic(iTwinScoped, RESOURCE_BASIC_AUTH);
        JsonNode none = graphic(iTwinScoped, RESOURCE_NO_AUTH);
        JsonNode template = graphic(iTwinScoped, RESOURCE_URL_TEMPLATE);

        assertThat(header.get("type").asText()).isEqualTo("IMAGERY");
        assertThat(header.get("authentication").get("type").asText()).isEqualTo("Header");
        assertThat(header.get("authentication").get("key").asText()).isEqualTo("Authorization");
        assertThat(header.get("authentication").get("value").asText())
                .startsWith("Bearer ")
                .hasSizeGreaterThan(20);
        assertThat(query.get("authentication").get("type").asText()).isEqualTo("QueryParameter");
        assertThat(query.get("authentication").get("key").asText()).isEqualTo("key");
        assertThat(query.get("authentication").get("value").asText()).isNotBlank();
        assertThat(basic.get("authentication").get("type").asText()).isEqualTo("Basic");
        assertThat(basic.get("authentication").get("username").asText()).isNotBlank();
        assertThat(basic.get("authentication").get("password").asText()).isNotBlank();
        assertThat(basic.get("authentication").has("key")).isFalse();
        assertThat(none.has("authentication")).isFalse();
        assertThat(none.get("uri").asText()).startsWith("https://");
        JsonNode provider = template.get("provider");
        assertThat(provider.get("name").asText()).isEqualTo("UrlTemplateImageryProvider");
        assertThat(provider.get("options").get("tilingScheme").asText()).isEqualTo("WebMercatorTilingScheme");
        assertThat(provider.get("options").get("bounds")).hasSize(4);
        assertThat(provider.get("options").get("credit").asText()).isNotBlank();
    }

    @Test
    void bothOperationsAnswerTheSameCredentials() {
        assertThat(graphic(true, RESOURCE_HEADER_AUTH)).isEqualTo(graphic(false, RESOURCE_HEADER_AUTH));
    }

    @Test
    void unknownAndForeignRepositoriesAreNotFound() {
        HttpResponse<byte[]> unknown = client.get("/itwins/repositories/nope/resources/x/graphics", token);
        HttpResponse<byte[]> foreign = client.get(
                "/itwins/repositories/" + OTHER_REPOSITORY_ID + "/resources/" + RESOURCE_NO_AUTH + "/graphics", token);
        HttpResponse<byte[]> wrongITwin = client.get(
                "/itwins/" + ITWIN_PLAIN + "/repositories/" + REPOSITORY_ID + "/resources/" + RESOURCE_NO_AUTH
                        + "/graphics",
                token);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(errorCode(unknown)).isEqualTo("iTwinRepositoryNotFound");
        assertThat(errorCode(foreign)).isEqualTo("iTwinRepositoryNotFound");
        assertThat(errorCode(wrongITwin)).isEqualTo("iTwinRepositoryNotFound");
        assertThat(client.get("/itwins/repositories/" + REPOSITORY_ID + "/resources/missing/graphics", token)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void repositoryIdWithInvalidCharactersIsRefused() {
        HttpResponse<byte[]> response = client.get("/itwins/repositories/bad%20id!/resources/x/graphics", token);

        JsonNode detail = json(response).get("error").get("details").get(0);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(errorCode(response)).isEqualTo("InvalidiTwinsRequest");
        assertThat(detail.get("code").asText()).isEqualTo("InvalidValue");
        assertThat(detail.get("target").asText()).isEqualTo("repositoryId");
    }

    private JsonNode graphic(boolean iTwinScoped, String resourceId) {
        String path = (iTwinScoped ? "/itwins/" + ITWIN_WITH_IMAGE : "/itwins") + "/repositories/" + REPOSITORY_ID
                + "/resources/" + resourceId + "/graphics";
        HttpResponse<byte[]> response = client.get(path, token);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode graphics = json(response).get("graphics");
        assertThat(graphics).hasSize(1);
        return graphics.get(0);
    }
}

package io.camelitwin.emulator;

import static io.camelitwin.emulator.DemoData.ITWIN_OTHER;
import static io.camelitwin.emulator.DemoData.ITWIN_PLAIN;
import static io.camelitwin.emulator.DemoData.ITWIN_SHARED;
import static io.camelitwin.emulator.DemoData.ITWIN_WITH_IMAGE;
import static io.camelitwin.emulator.EmulatorClient.errorCode;
import static io.camelitwin.emulator.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ITwinListTest {

    private static final String PAGING_CLIENT = "paging-client";
    private static final String PAGING_SECRET = "paging-secret";

    @RegisterExtension
    static final ITwinEmulatorExtension EMULATOR = new ITwinEmulatorExtension(builder ->
            builder.rateLimits(0, 0).client(PAGING_CLIENT, PAGING_SECRET).seedITwins(PAGING_CLIENT, 2500));

    private final EmulatorClient client = new EmulatorClient(EMULATOR.emulator());

    @Test
    void followingNextVisitsEveryITwinExactlyOnce(ITwinEmulator emulator) {
        String token = client.token(PAGING_CLIENT, PAGING_SECRET);
        Map<String, Integer> seen = new HashMap<>();
        String next = emulator.baseUrl() + "/itwins?$top=1000";
        int pages = 0;
        while (next != null) {
            JsonNode body = json(client.get(next, token, "X-Max-Return", "10000"));
            body.get("iTwins").forEach(iTwin -> seen.merge(iTwin.get("id").asText(), 1, Integer::sum));
            JsonNode link = body.get("_links").get("next");
            next = link == null ? null : link.get("href").asText();
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(2500);
        assertThat(seen.values()).containsOnly(1);
    }

    @Test
    void linksAreAbsoluteAndPrevAppearsAfterTheFirstPage(ITwinEmulator emulator) {
        String token = client.token(PAGING_CLIENT, PAGING_SECRET);
        JsonNode links = json(client.get("/itwins?$top=10&$skip=20", token)).get("_links");

        assertThat(links.get("self").get("href").asText()).isEqualTo(emulator.baseUrl() + "/itwins?$top=10&$skip=20");
        assertThat(links.get("prev").get("href").asText()).isEqualTo(emulator.baseUrl() + "/itwins?$top=10&$skip=10");
        assertThat(links.get("next").get("href").asText()).isEqualTo(emulator.baseUrl() + "/itwins?$top=10&$skip=30");
        assertThat(json(client.get("/itwins", token)).get("_links").has("prev")).isFalse();
    }

    @Test
    void defaultsAreAThousandPerPageAndAThousandInTotal() {
        String token = client.token(PAGING_CLIENT, PAGING_SECRET);

        JsonNode body = json(client.get("/itwins", token));

        List<String> ids = new ArrayList<>();
        body.get("iTwins").forEach(iTwin -> ids.add(iTwin.get("id").asText()));
        assertThat(ids).hasSize(1000).doesNotHaveDuplicates();
        assertThat(body.get("_links").has("next"))
                .as("X-Max-Return's default ends the list")
                .isFalse();
    }

    @Test
    void maxReturnCapsTheTotalAcrossPages() {
        String token = client.token(PAGING_CLIENT, PAGING_SECRET);
        JsonNode first = json(client.get("/itwins?$top=100", token, "X-Max-Return", "150"));
        JsonNode second =
                json(client.get(first.get("_links").get("next").get("href").asText(), token, "X-Max-Return", "150"));

        assertThat(first.get("iTwins")).hasSize(100);
        assertThat(second.get("iTwins")).hasSize(50);
        assertThat(second.get("_links").has("next")).isFalse();
    }

    @Test
    void outOfRangeParametersAreRefused() {
        String token = client.demoToken();
        for (HttpResponse<byte[]> response : List.of(
                client.get("/itwins?$top=1001", token),
                client.get("/itwins?$top=abc", token),
                client.get("/itwins?$skip=-1", token),
                client.get("/itwins", token, "X-Max-Return", "10001"))) {
            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(errorCode(response)).isEqualTo("InvalidiTwinsRequest");
            assertThat(json(response)
                            .get("error")
                            .get("details")
                            .get(0)
                            .get("code")
                            .asText())
                    .isEqualTo("InvalidValue");
        }
    }

    @Test
    void representationCarriesTheSmallImage() {
        String token = client.demoToken();
        Map<String, JsonNode> full = byId(json(client.get("/itwins", token, "Prefer", "return=representation")));
        Map<String, JsonNode> minimal = byId(json(client.get("/itwins", token)));

        JsonNode withImage = full.get(ITWIN_WITH_IMAGE);
        assertThat(withImage.get("imageName").asText()).startsWith("small_");
        assertThat(withImage.get("image").asText())
                .contains("/blobs/context-thumbnails/"
                        + withImage.get("imageName").asText());
        assertThat(client.get(withImage.get("image").asText(), null).statusCode())
                .isEqualTo(200);
        assertThat(full.get(ITWIN_PLAIN).path("image").isMissingNode()
                        || full.get(ITWIN_PLAIN).get("image").isNull())
                .isTrue();
        assertThat(minimal.get(ITWIN_WITH_IMAGE).has("image")).isFalse();
        assertThat(minimal.get(ITWIN_WITH_IMAGE).get("displayName").asText()).isNotBlank();
        assertThat(minimal.get(ITWIN_WITH_IMAGE).get("number").asText()).isNotBlank();
    }

    @Test
    void eachClientSeesOnlyItsOwnITwins() {
        Map<String, JsonNode> demo = byId(json(client.get("/itwins", client.demoToken())));
        Map<String, JsonNode> other = byId(json(client.get("/itwins", client.otherToken())));

        assertThat(demo)
                .containsKeys(ITWIN_WITH_IMAGE, ITWIN_PLAIN, ITWIN_SHARED)
                .doesNotContainKey(ITWIN_OTHER);
        assertThat(other).containsOnlyKeys(ITWIN_SHARED, ITWIN_OTHER);
    }

    @Test
    void seedingTenThousandITwinsIsFastAndRepeatable() throws Exception {
        long started = System.nanoTime();
        List<String> first;
        List<String> second;
        try (ITwinEmulator one = ITwinEmulator.builder().seed(7).demoData(false).start();
                ITwinEmulator two =
                        ITwinEmulator.builder().seed(7).demoData(false).start()) {
            first = one.seedITwins("someone", 10_000);
            second = two.seedITwins("someone", 10_000);
        }

        assertThat(first).hasSize(10_000).doesNotHaveDuplicates().isEqualTo(second);
        assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
    }

    private static Map<String, JsonNode> byId(JsonNode body) {
        Map<String, JsonNode> byId = new HashMap<>();
        body.get("iTwins").forEach(iTwin -> byId.put(iTwin.get("id").asText(), iTwin));
        return byId;
    }
}

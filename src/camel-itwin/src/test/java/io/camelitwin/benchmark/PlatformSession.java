package io.camelitwin.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelitwin.emulator.DemoData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * What the hand-written variants need before they start: the demo client's token (fetched once, as a simple program
 * would) and the iTwins to upload to.
 */
record PlatformSession(String baseUrl, String tokenUrl, String token) {

    static final ObjectMapper JSON = new ObjectMapper();

    static PlatformSession open(EmulatorProcess emulator) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String basic = Base64.getEncoder()
                .encodeToString(
                        (DemoData.DEMO_CLIENT_ID + ":" + DemoData.DEMO_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(emulator.tokenUrl()))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=itwin-platform"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String token = JSON.readTree(answer.body()).path("access_token").asText();
        return new PlatformSession(emulator.baseUrl(), emulator.tokenUrl(), token);
    }

    /** The iTwins the emulator seeded on top of the demo data: none has an image before the benchmark uploads one. */
    List<String> seededITwins() throws Exception {
        HttpResponse<byte[]> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/itwins?$top=1000"))
                                .header("Authorization", "Bearer " + token)
                                .header("Accept", Variant.ACCEPT)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        Set<String> demo =
                Set.of(DemoData.ITWIN_WITH_IMAGE, DemoData.ITWIN_PLAIN, DemoData.ITWIN_SPARE, DemoData.ITWIN_SHARED);
        List<String> ids = new ArrayList<>();
        for (JsonNode iTwin : JSON.readTree(page.body()).path("iTwins")) {
            String id = iTwin.path("id").asText();
            if (!demo.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Override
    public String toString() {
        return "PlatformSession[" + baseUrl + "]";
    }
}

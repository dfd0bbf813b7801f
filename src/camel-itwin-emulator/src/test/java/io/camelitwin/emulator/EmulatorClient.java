package io.camelitwin.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelitwin.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The tests' side of the wire: the JDK HTTP client, nothing shared with the emulator or the camel-itwin client. */
final class EmulatorClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    EmulatorClient(ITwinEmulator emulator) {
        this.baseUrl = emulator.baseUrl();
    }

    HttpClient http() {
        return http;
    }

    String token(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/connect/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=itwin-platform")));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + response.statusCode());
        }
        return json(response).get("access_token").asText();
    }

    String demoToken() {
        return token(DemoData.DEMO_CLIENT_ID, DemoData.DEMO_CLIENT_SECRET);
    }

    String otherToken() {
        return token(DemoData.OTHER_CLIENT_ID, DemoData.OTHER_CLIENT_SECRET);
    }

    HttpResponse<byte[]> postForm(String path, String form, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    HttpResponse<byte[]> get(String pathOrUrl, String token, String... headers) {
        return send(authorized(pathOrUrl, token, headers).GET());
    }

    HttpResponse<byte[]> put(String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder builder = authorized(path, token);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    HttpResponse<byte[]> delete(String path, String token) {
        return send(authorized(path, token).DELETE());
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String pathOrUrl, String... headers) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private HttpRequest.Builder authorized(String pathOrUrl, String token, String... headers) {
        HttpRequest.Builder builder = request(pathOrUrl, headers);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /**
     * The first request the emulator logged for the client. An upload refused with 413 is answered while the client
     * may still be sending: its log entry can trail the answer by a moment, so this waits for it (2 s at most).
     */
    static RecordedRequest firstRecorded(ITwinEmulator emulator, String clientId) {
        Await.until(
                "a request of " + clientId + " is logged",
                Duration.ofSeconds(2),
                () -> !emulator.requests(clientId).isEmpty());
        return emulator.requests(clientId).get(0);
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The error code of an envelope, for one-line assertions. */
    static String errorCode(HttpResponse<byte[]> response) {
        return json(response).path("error").path("code").asText();
    }
}

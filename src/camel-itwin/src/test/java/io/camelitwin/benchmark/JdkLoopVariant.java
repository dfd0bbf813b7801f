package io.camelitwin.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** (a) A plain loop on the JDK HttpClient: what a program calling the API directly does. */
final class JdkLoopVariant implements Variant {

    private final PlatformSession session;
    private final UploadBody uploadBody = UploadBody.chosen();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    JdkLoopVariant(PlatformSession session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "a: JDK HttpClient loop";
    }

    @Override
    public String upload(String iTwinId, Path png) throws Exception {
        HttpRequest request = request(iTwinId)
                .header("Content-Type", "image/png")
                .PUT(
                        uploadBody == UploadBody.STREAM
                                ? HttpRequest.BodyPublishers.ofInputStream(() -> UploadBody.reopen(png))
                                : HttpRequest.BodyPublishers.ofFile(png))
                .build();
        return imageField(http.send(request, HttpResponse.BodyHandlers.ofByteArray()), 201, "largeImageName");
    }

    @Override
    public String getImage(String iTwinId) throws Exception {
        HttpRequest request = request(iTwinId).GET().build();
        return imageField(http.send(request, HttpResponse.BodyHandlers.ofByteArray()), 200, "smallImageName");
    }

    private HttpRequest.Builder request(String iTwinId) {
        return HttpRequest.newBuilder(URI.create(session.baseUrl() + "/itwins/" + iTwinId + "/image"))
                .header("Authorization", "Bearer " + session.token())
                .header("Accept", ACCEPT);
    }

    private static String imageField(HttpResponse<byte[]> response, int expected, String field) throws Exception {
        if (response.statusCode() != expected) {
            throw new IllegalStateException("answered " + response.statusCode());
        }
        return PlatformSession.JSON
                .readTree(response.body())
                .path("image")
                .path(field)
                .asText();
    }

    @Override
    public void close() {
        // the JDK 17 client has no close: its threads end when it is unreachable
    }
}

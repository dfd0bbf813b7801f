package io.camelitwin.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The blob links of iTwin images, answered like Azure Blob Storage would: the signature is the only credential, and
 * failures are XML.
 */
final class BlobHandler implements HttpHandler {

    private final BlobSigner signer;
    private final ImageStore images;

    BlobHandler(BlobSigner signer, ImageStore images) {
        this.signer = signer;
        this.images = images;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                azureError(
                        exchange, 405, "UnsupportedHttpVerb", "The resource doesn't support the specified HTTP verb.");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            BlobSigner.Verdict verdict = signer.verify(
                    path, HttpIo.queryParameters(exchange.getRequestURI().getRawQuery()));
            if (verdict != BlobSigner.Verdict.VALID) {
                azureError(
                        exchange,
                        403,
                        "AuthenticationFailed",
                        verdict == BlobSigner.Verdict.EXPIRED
                                ? "Server failed to authenticate the request. Signed expiry time has passed."
                                : "Server failed to authenticate the request. Signature did not match.");
                return;
            }
            String[] parts = path.substring(BlobSigner.PATH_PREFIX.length()).split("/", 2);
            Optional<ImageStore.Blob> blob = parts.length == 2 ? images.blob(parts[0], parts[1]) : Optional.empty();
            if (blob.isEmpty()) {
                azureError(exchange, 404, "BlobNotFound", "The specified blob does not exist.");
                return;
            }
            exchange.getResponseHeaders().set("Cache-Control", "private, max-age=3600");
            HttpIo.send(exchange, 200, blob.get().contentType(), blob.get().bytes());
        }
    }

    private static void azureError(HttpExchange exchange, int status, String code, String message) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>";
        exchange.getResponseHeaders().set("x-ms-error-code", code);
        HttpIo.send(exchange, status, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }
}

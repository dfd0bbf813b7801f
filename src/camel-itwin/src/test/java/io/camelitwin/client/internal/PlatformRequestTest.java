package io.camelitwin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PlatformRequestTest {

    @Test
    void aSignedUrlRequestShowsNeitherItsSignatureNorItsHeaders() {
        PlatformRequest request = PlatformRequest.signedUrl(
                        "downloadSignedUrl", URI.create("https://blob.example/c/large_1.png?sv=1&sig=SIGNATURE7&sp=r"))
                .withHeader("x-ms-blob-key", "HEADER-SECRET");

        assertThat(request.toString())
                .isEqualTo(
                        "PlatformRequest[downloadSignedUrl GET https://blob.example/c/large_1.png?sv=1&sig=***&sp=r]")
                .doesNotContain("SIGNATURE7", "HEADER-SECRET");
    }
}

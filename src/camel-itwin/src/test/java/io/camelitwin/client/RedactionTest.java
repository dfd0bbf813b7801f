package io.camelitwin.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.client.model.GraphicsAuthentication;
import io.camelitwin.client.model.ITwinImage;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void masksSasSignatureButKeepsTheRestOfTheUrl() {
        String url =
                "https://blob.example/c/small_1.png?sv=2018-03-28&sr=b&sig=abc%2Bdef%3D&se=2023-06-28T00%3A00%3A00Z&sp=r";
        assertThat(Redaction.redactUrl(url))
                .isEqualTo(
                        "https://blob.example/c/small_1.png?sv=2018-03-28&sr=b&sig=***&se=2023-06-28T00%3A00%3A00Z&sp=r");
    }

    @Test
    void masksBearerAndBasicCredentialsInText() {
        assertThat(Redaction.redactText("Authorization: Bearer eyJ.abc-def_ghi and Basic dXNlcjpwYXNz"))
                .isEqualTo("Authorization: Bearer *** and Basic ***");
    }

    @Test
    void recordsNeverShowCredentials() {
        GraphicsAuthentication auth = new GraphicsAuthentication("Basic", null, null, "user", "s3cret-pass");
        ITwinImage image = new ITwinImage(
                "id", "small_1.png", "http://h/small?sig=SIGNATURE1", "large_1.png", "http://h/large?sig=SIGNATURE2");
        assertThat(auth.toString()).doesNotContain("s3cret-pass");
        assertThat(image.toString()).doesNotContain("SIGNATURE1").doesNotContain("SIGNATURE2");
    }
}

package io.camelitwin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.client.error.ErrorDetail;
import io.camelitwin.client.error.ITwinApiException;
import io.camelitwin.client.error.ITwinAuthenticationException;
import io.camelitwin.client.error.ITwinException;
import io.camelitwin.client.error.ITwinTransientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.hc.core5.http.message.HeaderGroup;
import org.junit.jupiter.api.Test;

class ErrorResponseParserTest {

    private static final HeaderGroup NO_HEADERS = new HeaderGroup();

    private final ErrorResponseParser parser =
            new ErrorResponseParser(new JsonMapping(), Duration.ofSeconds(60), Duration.ofMinutes(5));

    private ITwinException parse(int status, String body) {
        return parser.toException(
                "uploadIModelThumbnail",
                "PUT /imodels/abc/thumbnail",
                status,
                NO_HEADERS,
                body.getBytes(StandardCharsets.UTF_8),
                Instant.now());
    }

    @Test
    void readsTheEnvelopeWithTargetDetailsAndInnerError() {
        ITwinException e = parse(422, """
                {"error":{"code":"InvalidiModelsRequest","message":"Cannot upload thumbnail.","target":"body",
                  "details":[{"code":"InvalidRequestBody","message":"Unsupported format.","target":"thumbnail",
                              "innerError":{"code":"InvalidThumbnailFormat"}},
                             {"code":"InvalidHeaderValue","message":"Bad type.","target":"content-type"}],
                  "somethingNew":true}}""");

        assertThat(e).isExactlyInstanceOf(ITwinApiException.class);
        ITwinApiException api = (ITwinApiException) e;
        assertThat(api.getStatusCode()).isEqualTo(422);
        assertThat(api.getCode()).isEqualTo("InvalidiModelsRequest");
        assertThat(api.getTarget()).isEqualTo("body");
        assertThat(api.getDetails())
                .containsExactly(
                        new ErrorDetail(
                                "InvalidRequestBody", "Unsupported format.", "thumbnail", "InvalidThumbnailFormat"),
                        new ErrorDetail("InvalidHeaderValue", "Bad type.", "content-type", null));
        assertThat(api.getMessage())
                .contains(
                        "uploadIModelThumbnail",
                        "PUT /imodels/abc/thumbnail",
                        "422",
                        "InvalidiModelsRequest",
                        "Cannot upload thumbnail.");
    }

    @Test
    void a401IsAnAuthenticationFailure() {
        ITwinException e = parse(
                401, "{\"error\":{\"code\":\"HeaderNotFound\",\"message\":\"Header Authorization was not found\"}}");

        assertThat(e).isInstanceOf(ITwinAuthenticationException.class);
        assertThat(((ITwinAuthenticationException) e).getCode()).isEqualTo("HeaderNotFound");
    }

    @Test
    void aProxyPageInsteadOfAnEnvelopeIsATransientFailureWithAShortExcerpt() {
        String html = "<html><head><title>502 Bad Gateway</title></head><body>" + "x".repeat(5000) + "</body></html>";

        ITwinException e = parse(502, html);

        assertThat(e).isInstanceOf(ITwinTransientException.class);
        assertThat(((ITwinTransientException) e).getStatusCode()).isEqualTo(502);
        assertThat(e.getMessage())
                .contains("HTTP 502", "without an error envelope", "502 Bad Gateway")
                .hasSizeLessThan(400);
    }

    @Test
    void a408IsTransient() {
        ITwinException timedOut = parse(408, "");

        assertThat(timedOut).isInstanceOf(ITwinTransientException.class);
        assertThat(((ITwinTransientException) timedOut).getStatusCode()).isEqualTo(408);
    }

    @Test
    void aNonEnvelopeClientErrorHasNoCode() {
        for (String body : List.of("Not Found", "", "{\"message\":\"no envelope\"}", "[1,2]", "null")) {
            ITwinException e = parse(404, body);
            assertThat(e).isExactlyInstanceOf(ITwinApiException.class);
            assertThat(((ITwinApiException) e).getCode()).isNull();
            assertThat(e.getMessage()).contains("HTTP 404");
        }
        assertThat(parse(404, "").getMessage()).contains("empty body");
    }

    @Test
    void theExcerptNeverShowsSignaturesOrTokens() {
        ITwinException e =
                parse(503, "upstream https://blob.example/x.png?sv=1&sig=SECRETSIG failed for Bearer SECRETTOKEN");

        assertThat(e.getMessage())
                .doesNotContain("SECRETSIG")
                .doesNotContain("SECRETTOKEN")
                .contains("sig=***");
    }
}

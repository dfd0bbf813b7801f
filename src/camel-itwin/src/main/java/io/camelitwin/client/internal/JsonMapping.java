package io.camelitwin.client.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.camelitwin.client.Redaction;
import io.camelitwin.client.error.ErrorDetail;
import io.camelitwin.client.error.ITwinTransientException;
import io.camelitwin.client.model.Graphics;
import io.camelitwin.client.model.ITwinImage;
import io.camelitwin.client.model.ITwinPage;
import io.camelitwin.client.model.ITwinSummary;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The JSON shapes of the platform and of the token endpoint, turned into the client's records. Unknown properties are
 * ignored: the platform adds fields without a version change.
 *
 * <p>A success answer that is not the documented JSON (a proxy's HTML maintenance or login page, a truncated body, an
 * object without the expected member) is an {@link ITwinTransientException}: the request was not refused, something
 * between us and the service answered in its place, and the same request later will most likely get the real answer.
 */
public final class JsonMapping {

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public ITwinImage image(PlatformResponse response, String context) {
        ImageBody parsed = read(response.statusCode(), response.body(), ImageBody.class, context);
        if (parsed.image() == null) {
            throw unexpected(response.statusCode(), context, "without 'image'");
        }
        return parsed.image();
    }

    public List<Graphics> graphics(PlatformResponse response, String context) {
        GraphicsBody parsed = read(response.statusCode(), response.body(), GraphicsBody.class, context);
        if (parsed.graphics() == null) {
            // an empty list is an answer; a missing one is not, and read as empty it would say "no graphics"
            throw unexpected(response.statusCode(), context, "without 'graphics'");
        }
        return List.copyOf(parsed.graphics());
    }

    public ITwinPage page(PlatformResponse response, String context) {
        PageBody parsed = read(response.statusCode(), response.body(), PageBody.class, context);
        if (parsed.iTwins() == null) {
            // read as an empty page, every iTwin would look gone: the change sync would report them all removed
            throw unexpected(response.statusCode(), context, "without 'iTwins'");
        }
        List<ITwinSummary> iTwins =
                parsed.iTwins().stream().map(SummaryBody::toSummary).toList();
        String next = parsed.links() == null || parsed.links().next() == null
                ? null
                : parsed.links().next().href();
        try {
            return new ITwinPage(iTwins, next == null || next.isBlank() ? null : URI.create(next));
        } catch (IllegalArgumentException badLink) {
            throw new ITwinTransientException(
                    response.statusCode(), context + ": the response's next link is not a URI", badLink);
        }
    }

    /** The error envelope, or empty when the body is something else (HTML from a proxy, plain text, nothing). */
    Optional<ErrorBody> errorEnvelope(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            ErrorEnvelope parsed = mapper.readValue(body, ErrorEnvelope.class);
            ErrorBody error = parsed == null ? null : parsed.error();
            return error == null || (error.code() == null && error.message() == null)
                    ? Optional.empty()
                    : Optional.of(error);
        } catch (IOException notAnEnvelope) {
            return Optional.empty();
        }
    }

    public TokenBody token(int status, byte[] body, String context) {
        return read(status, body, TokenBody.class, context);
    }

    /** The OAuth error answer ({@code error}, {@code error_description}), or empty when the body is not one. */
    public Optional<OAuthErrorBody> oauthError(byte[] body) {
        try {
            OAuthErrorBody parsed = mapper.readValue(body, OAuthErrorBody.class);
            return parsed == null || parsed.error() == null ? Optional.empty() : Optional.of(parsed);
        } catch (IOException notOAuth) {
            return Optional.empty();
        }
    }

    private <T> T read(int status, byte[] body, Class<T> type, String context) {
        T parsed;
        try {
            parsed = body == null || body.length == 0 ? null : mapper.readValue(body, type);
        } catch (IOException unreadable) {
            // Jackson's message may quote the body, which can hold signed URLs or a token: keep only the exception type
            throw unexpected(
                    status,
                    context,
                    "an unreadable body (" + unreadable.getClass().getSimpleName() + ")");
        }
        if (parsed == null) {
            throw unexpected(status, context, "an empty body");
        }
        return parsed;
    }

    /** A success status whose body is not the documented answer: a fault on the way, worth trying again later. */
    public static ITwinTransientException unexpected(int status, String context, String what) {
        return new ITwinTransientException(
                status, context + ": HTTP " + status + " with " + what + ", not the documented answer", null);
    }

    record ImageBody(ITwinImage image) {}

    record GraphicsBody(List<Graphics> graphics) {}

    record PageBody(
            List<SummaryBody> iTwins,
            @JsonProperty("_links") Links links) {}

    record Links(Link next) {}

    record Link(String href) {}

    record SummaryBody(String id, String displayName, String number, String imageName, String image) {
        ITwinSummary toSummary() {
            return new ITwinSummary(id, displayName, number, imageName, image);
        }
    }

    record ErrorEnvelope(ErrorBody error) {}

    record ErrorBody(String code, String message, String target, List<DetailBody> details) {
        List<ErrorDetail> toDetails() {
            return details == null
                    ? List.of()
                    : details.stream().map(DetailBody::toDetail).toList();
        }
    }

    record DetailBody(String code, String message, String target, InnerError innerError) {
        ErrorDetail toDetail() {
            return new ErrorDetail(code, message, target, innerError == null ? null : innerError.code());
        }
    }

    record InnerError(String code) {}

    public record TokenBody(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") Long expiresIn) {
        @Override
        public String toString() {
            return "TokenBody[accessToken=" + Redaction.maskValue(accessToken) + ", expiresIn=" + expiresIn + "]";
        }
    }

    public record OAuthErrorBody(
            String error, @JsonProperty("error_description") String errorDescription) {}
}

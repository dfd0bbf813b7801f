package io.camelitwin.client;

import java.util.regex.Pattern;

/**
 * Removes secrets from text that may reach a log, an exception message or a {@code toString()}: SAS signatures and
 * other credential-bearing query parameters, bearer tokens and basic credentials.
 */
public final class Redaction {

    public static final String MASK = "***";

    private static final Pattern SECRET_QUERY_PARAM = Pattern.compile(
            "(?i)([?&](?:sig|signature|token|access_token|key|code|client_secret|password)=)[^&#\\s\"]*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9\\-._~+/]+=*");
    private static final Pattern BASIC = Pattern.compile("(?i)(basic\\s+)[A-Za-z0-9+/]+=*");

    private Redaction() {}

    /** The URL with the value of every credential-bearing query parameter replaced by {@value #MASK}. */
    public static String redactUrl(String url) {
        // every masked parameter has an '=': a URL without one (an API path) is returned as it is, without a regex
        // run on every call
        if (url == null || url.indexOf('=') < 0) {
            return url;
        }
        return SECRET_QUERY_PARAM.matcher(url).replaceAll("$1" + MASK);
    }

    /** Free text (a message, a header value) with URLs' signatures and bearer/basic credentials masked. */
    public static String redactText(String text) {
        if (text == null) {
            return null;
        }
        String redacted = SECRET_QUERY_PARAM.matcher(text).replaceAll("$1" + MASK);
        redacted = BEARER.matcher(redacted).replaceAll("$1" + MASK);
        return BASIC.matcher(redacted).replaceAll("$1" + MASK);
    }

    /** A secret value shown only as whether it is set. */
    public static String maskValue(String secret) {
        return secret == null ? "null" : MASK;
    }
}

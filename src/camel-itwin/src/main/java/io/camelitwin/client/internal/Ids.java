package io.camelitwin.client.internal;

import io.camelitwin.client.error.ITwinValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks the identifiers that end up in a request path, so that no crafted id can change the URL. */
public final class Ids {

    static final int MAX_SEGMENT_LENGTH = 256;

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    // RFC 3986 "unreserved": none of them can end a segment, start a query or be decoded into something else
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final String GUID_EXAMPLE = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    // long enough to recognise the value in a log, short enough that a hostile value cannot flood it
    private static final int SHOWN_VALUE_LENGTH = 64;

    private Ids() {}

    /** iTwin and iModel ids are GUIDs. Returns the id, trimmed and lower-cased. */
    public static String requireGuid(String field, String value) {
        String trimmed = value == null ? "" : value.trim();
        if (!GUID.matcher(trimmed).matches()) {
            throw new ITwinValidationException(
                    field, field + " must be a GUID like " + GUID_EXAMPLE + ", was " + shown(value));
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** Repository and resource ids are opaque: a non-empty, safe path segment (letters, digits, {@code - _ . ~}). */
    public static String requirePathSegment(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new ITwinValidationException(field, field + " must not be empty");
        }
        if (value.length() > MAX_SEGMENT_LENGTH) {
            throw new ITwinValidationException(
                    field,
                    field + " must be at most " + MAX_SEGMENT_LENGTH + " characters, was " + value.length()
                            + " characters: " + shown(value));
        }
        if (!SAFE_SEGMENT.matcher(value).matches()) {
            throw new ITwinValidationException(
                    field,
                    field
                            + " must contain only letters, digits and - . _ ~ (nothing that changes a URL path or query), was "
                            + shown(value));
        }
        if (value.equals(".") || value.equals("..")) {
            throw new ITwinValidationException(field, field + " must not be '.' or '..', was " + shown(value));
        }
        return value;
    }

    /** The value quoted for an error message, without control characters and cut to a readable length. */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        if (printable.length() > SHOWN_VALUE_LENGTH) {
            printable = printable.substring(0, SHOWN_VALUE_LENGTH) + "...";
        }
        return "'" + printable + "'";
    }
}

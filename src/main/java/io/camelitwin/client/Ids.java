package io.camelitwin.client;

/** Checks the identifiers that end up in a request path, so that no crafted id can change the URL. */
public final class Ids {

    private Ids() {
    }

    /** iTwin and iModel ids are GUIDs. Returns the id, trimmed and lower-cased. */
    public static String requireGuid(String field, String value) {
        throw new UnsupportedOperationException("pending");
    }

    /** Repository and resource ids are opaque: a non-empty, safe path segment (letters, digits, {@code - _ . ~}). */
    public static String requirePathSegment(String field, String value) {
        throw new UnsupportedOperationException("pending");
    }
}

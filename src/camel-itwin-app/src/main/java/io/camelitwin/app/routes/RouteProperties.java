package io.camelitwin.app.routes;

/**
 * Exchange properties the shipped routes ({@code routes/*.yaml}) set and read among themselves, with no bean of the
 * application in between. The component's own headers and properties are in
 * {@link io.camelitwin.component.ITwinConstants}; those a route bean sets for its route are declared with the bean
 * ({@link AssetSync}, {@link FolderUploads}). A route uses no other {@code CamelITwin*} name.
 */
public final class RouteProperties {

    /**
     * The endpoint a route's dead letters go to instead of the shared dead-letter files: the shared
     * {@code itwin-dead-letter} route hands the failed exchange over to it (the folder's failed folder, the S3 failed
     * prefix, the dead-letter queue).
     */
    public static final String DEAD_LETTER_URI = "CamelITwinDeadLetterUri";

    /** The name the shared dead letter gives the file it writes, when not the original's (the change sync's JSON). */
    public static final String DEAD_LETTER_FILE_NAME = "CamelITwinDeadLetterFileName";

    /** An S3 object's key below the watched prefix: the same relative key under the done and failed prefixes. */
    public static final String RELATIVE_KEY = "CamelITwinRelativeKey";

    /** An S3 key as log lines show it, control characters escaped, so that a key cannot forge a line. */
    public static final String PRINTABLE_KEY = "CamelITwinPrintableKey";

    /** The relative key a dead-lettered S3 object gets under the failed prefix, unique among earlier dead letters. */
    public static final String FAILED_KEY = "CamelITwinFailedKey";

    /** {@link #FAILED_KEY} as log lines show it. */
    public static final String PRINTABLE_FAILED_KEY = "CamelITwinPrintableFailedKey";

    private RouteProperties() {}
}

package io.camelitwin.component;

import org.apache.camel.spi.Metadata;

/**
 * The headers the {@code itwin:} component reads and writes, and the names a route reads after a failure: the exchange
 * properties that count failures per cause and the dead letter's reason. Declared here so that {@code itwin.json}
 * lists them all.
 */
public final class ITwinConstants {

    @Metadata(
            label = "producer",
            description = "The operation to perform; overrides the endpoint's operation.",
            javaType = "io.camelitwin.component.ITwinOperations")
    public static final String OPERATION = "CamelITwinOperation";

    @Metadata(
            description = "The iTwin id (a GUID); overrides the iTwinId option. Set by the consumer on each event.",
            javaType = "String")
    public static final String ITWIN_ID = "CamelITwinId";

    @Metadata(
            label = "producer",
            description = "The iModel id (a GUID); overrides the iModelId option.",
            javaType = "String")
    public static final String IMODEL_ID = "CamelITwinIModelId";

    @Metadata(
            label = "producer",
            description = "The repository id; overrides the repositoryId option.",
            javaType = "String")
    public static final String REPOSITORY_ID = "CamelITwinRepositoryId";

    @Metadata(
            label = "producer",
            description = "The resource id; overrides the resourceId option.",
            javaType = "String")
    public static final String RESOURCE_ID = "CamelITwinResourceId";

    @Metadata(label = "producer", description = "small or large; overrides the size option.", javaType = "String")
    public static final String SIZE = "CamelITwinSize";

    @Metadata(
            label = "producer",
            description = "The media type of an image to upload (image/png or image/jpeg). When absent, Content-Type is"
                    + " used, and when that is absent too (or a generic binary type), the type is detected from"
                    + " the bytes.",
            javaType = "String")
    public static final String CONTENT_TYPE = "CamelITwinContentType";

    @Metadata(description = "The unique id of the iTwin's image.", javaType = "String")
    public static final String IMAGE_ID = "CamelITwinImageId";

    @Metadata(
            description = "The name of the small image; it changes exactly when the image changes.",
            javaType = "String")
    public static final String SMALL_IMAGE_NAME = "CamelITwinSmallImageName";

    @Metadata(
            description = "The name of the large (original) image; it changes exactly when the image changes.",
            javaType = "String")
    public static final String LARGE_IMAGE_NAME = "CamelITwinLargeImageName";

    @Metadata(
            description = "The signed, short-lived URL of the small image. It carries a signature: do not log it.",
            javaType = "String",
            secret = true)
    public static final String SMALL_IMAGE_URL = "CamelITwinSmallImageUrl";

    @Metadata(
            description = "The signed, short-lived URL of the large image. It carries a signature: do not log it.",
            javaType = "String",
            secret = true)
    public static final String LARGE_IMAGE_URL = "CamelITwinLargeImageUrl";

    @Metadata(label = "producer", description = "listITwins: the number of iTwins in the body.", javaType = "Integer")
    public static final String ITWIN_COUNT = "CamelITwinCount";

    @Metadata(
            label = "consumer",
            description = "What happened to the image: added, changed or removed.",
            javaType = "String")
    public static final String CHANGE_TYPE = "CamelITwinChangeType";

    @Metadata(
            label = "consumer",
            description = "The small image name before the change; null when added. The name now is in"
                    + " CamelITwinSmallImageName (null when removed).",
            javaType = "String")
    public static final String PREVIOUS_SMALL_IMAGE_NAME = "CamelITwinPreviousSmallImageName";

    @Metadata(
            label = "producer",
            description = "Not set by the component: the shipped itwin-resilience route configuration sets it on a"
                    + " dead letter, to the exception's type and message.",
            javaType = "String")
    public static final String FAILURE_REASON = "CamelITwinFailureReason";

    @Metadata(
            label = "producer",
            description = "An exchange property, not a header: how many calls of this exchange the platform answered"
                    + " with 429. The producer counts them so that a route can give 429s their own redelivery budget"
                    + " (the itwin-resilience configuration's retryWhile reads it).",
            javaType = "Integer")
    public static final String RATE_LIMITED_FAILURES = "CamelITwinRateLimitedFailures";

    @Metadata(
            label = "producer",
            description = "An exchange property, not a header: how many calls of this exchange failed with a transient"
                    + " fault (5xx, dropped connection, timeout); the transient faults' own redelivery budget.",
            javaType = "Integer")
    public static final String TRANSIENT_FAILURES = "CamelITwinTransientFailures";

    @Metadata(
            label = "producer",
            description = "An exchange property, not a header: the iTwin whose image upload failed in a way that leaves"
                    + " open whether the platform stored it (dropped connection, timeout, 5xx). The next attempt"
                    + " compares the platform's image with the body first and does not upload it again when they are"
                    + " the same. A route may set it too, for a message that may have been uploaded before (a broker"
                    + " redelivery, a file or object taken again after a crash).",
            javaType = "String")
    public static final String UNCONFIRMED_UPLOAD = "CamelITwinUnconfirmedUpload";

    private ITwinConstants() {}
}

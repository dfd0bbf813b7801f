package io.camelitwin.component;

import org.apache.camel.spi.Metadata;

/** The headers the {@code itwin:} component reads and writes. */
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
            description = "The image name now (the small image name); null when removed.",
            javaType = "String")
    public static final String IMAGE_NAME = "CamelITwinImageName";

    @Metadata(
            label = "consumer",
            description = "The image name before the change; null when added.",
            javaType = "String")
    public static final String PREVIOUS_IMAGE_NAME = "CamelITwinPreviousImageName";

    private ITwinConstants() {}
}

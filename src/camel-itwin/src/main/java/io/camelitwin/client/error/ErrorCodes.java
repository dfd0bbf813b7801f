package io.camelitwin.client.error;

/**
 * The {@code error.code} values the platform documents for the operations this client calls, so that callers compare
 * {@link ITwinApiException#getCode()} with a named constant instead of a string typed again at each use. The set is
 * open: the platform may answer with a code that is not listed here.
 */
public final class ErrorCodes {

    public static final String ITWIN_NOT_FOUND = "iTwinNotFound";
    public static final String IMODEL_NOT_FOUND = "iModelNotFound";
    public static final String IMAGE_NOT_FOUND = "ImageNotFound";
    public static final String ITWIN_REPOSITORY_NOT_FOUND = "iTwinRepositoryNotFound";
    public static final String IMODEL_NOT_INITIALIZED = "iModelNotInitialized";
    public static final String INSUFFICIENT_PERMISSIONS = "InsufficientPermissions";
    public static final String INVALID_ITWINS_REQUEST = "InvalidiTwinsRequest";
    public static final String INVALID_IMODELS_REQUEST = "InvalidiModelsRequest";
    public static final String INVALID_REQUEST_BODY = "InvalidRequestBody";
    public static final String INVALID_THUMBNAIL_FORMAT = "InvalidThumbnailFormat";
    public static final String MISSING_REQUIRED_HEADER = "MissingRequiredHeader";
    public static final String INVALID_HEADER_VALUE = "InvalidHeaderValue";
    public static final String HEADER_NOT_FOUND = "HeaderNotFound";
    public static final String REQUEST_TOO_LARGE = "RequestTooLarge";
    /** The iTwins API's 429 code. */
    public static final String RATE_LIMIT_EXCEEDED = "RateLimitExceeded";
    /** The iModels API's 429 code. */
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";

    private ErrorCodes() {}
}

package io.camelitwin.emulator;

import io.camelitwin.emulator.ApiException.Detail;
import io.camelitwin.emulator.ApiException.InnerError;
import java.util.List;

/** The platform's documented failures, one factory each, so that codes and messages live in one place. */
final class ErrorResponses {

    static final long MAX_UPLOAD_BYTES = 5L * 1024 * 1024;

    private ErrorResponses() {}

    static ApiException headerNotFound() {
        return new ApiException(
                401, "HeaderNotFound", "Header Authorization was not found in the request. Access denied.", null);
    }

    static ApiException invalidToken() {
        return new ApiException(
                401,
                "InvalidAuthorizationToken",
                "The access token is invalid, expired or was revoked. Access denied.",
                null);
    }

    static ApiException iTwinNotFound() {
        return new ApiException(404, "iTwinNotFound", "Requested iTwin is not available.", null);
    }

    static ApiException imageNotFound() {
        return new ApiException(404, "ImageNotFound", "Requested image is not available.", null);
    }

    static ApiException iModelNotFound() {
        return new ApiException(404, "iModelNotFound", "Requested iModel is not available.", null);
    }

    static ApiException repositoryNotFound() {
        return new ApiException(404, "iTwinRepositoryNotFound", "Requested iTwin Repository is not available.", null);
    }

    static ApiException resourceNotFound() {
        return new ApiException(
                404, "iTwinRepositoryResourceNotFound", "Requested iTwin Repository resource is not available.", null);
    }

    static ApiException routeNotFound() {
        return new ApiException(404, "ResourceNotFound", "The requested resource does not exist.", null);
    }

    static ApiException methodNotAllowed() {
        return new ApiException(405, "MethodNotAllowed", "The HTTP method is not allowed on this resource.", null);
    }

    static ApiException insufficientPermissions() {
        return new ApiException(
                403,
                "InsufficientPermissions",
                "The user has insufficient permissions for the requested operation.",
                null);
    }

    static ApiException iModelNotInitialized() {
        return new ApiException(409, "iModelNotInitialized", "iModel is not initialized.", null);
    }

    static ApiException iTwinImageTooLarge() {
        return new ApiException(
                413, "RequestTooLarge", "Provided file is greater than the maximum allowed file size of 5MB.", null);
    }

    static ApiException thumbnailTooLarge() {
        return new ApiException(
                413,
                "RequestTooLarge",
                "Request body is too large. Maximum allowed request body size is " + MAX_UPLOAD_BYTES + " bytes.",
                null);
    }

    static ApiException internalError() {
        return new ApiException(500, "InternalServerError", "The server encountered an unexpected error.", null);
    }

    static ApiException invalidITwinsRequest(String message, Detail detail) {
        return new ApiException(422, "InvalidiTwinsRequest", message, List.of(detail));
    }

    static ApiException invalidIModelsRequest(String message, Detail detail) {
        return new ApiException(422, "InvalidiModelsRequest", message, List.of(detail));
    }

    static ApiException invalidITwinImage(String code, String message) {
        return invalidITwinsRequest("Cannot create iTwin Image.", Detail.of(code, message, "image"));
    }

    static ApiException invalidThumbnailFormat() {
        return invalidIModelsRequest(
                "Cannot upload Thumbnail.",
                new Detail(
                        "InvalidRequestBody",
                        "Invalid Thumbnail format. Please use one of the supported media formats: 'image/jpeg', 'image/png'.",
                        null,
                        new InnerError("InvalidThumbnailFormat")));
    }

    static Detail missingContentType() {
        return Detail.of("MissingRequiredHeader", "Required header is missing.", "content-type");
    }

    static Detail unsupportedContentType(String contentType) {
        return Detail.of(
                "InvalidHeaderValue",
                "'" + contentType
                        + "' is not supported 'content-type'. Supported media types are 'image/jpeg', 'image/png'.",
                "content-type");
    }

    static Detail invalidValue(String target, String message) {
        return Detail.of("InvalidValue", message, target);
    }
}

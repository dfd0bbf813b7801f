package io.camelitwin.emulator;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;

/** GET and PUT of {@code /imodels/{iModelId}/thumbnail}. Success is PNG, failures are JSON. */
final class IModelThumbnailHandler {

    private final EmulatorState state;
    private final ThumbnailStore thumbnails;
    private final Runnable onChange;

    IModelThumbnailHandler(EmulatorState state, ThumbnailStore thumbnails, Runnable onChange) {
        this.state = state;
        this.thumbnails = thumbnails;
        this.onChange = onChange;
    }

    void get(ApiExchange call) throws IOException {
        ThumbnailSize size = size(call.query("size"));
        String iModelId = call.pathParameter("iModelId");
        access(call, iModelId);
        call.respond(200, "image/png", thumbnails.served(iModelId, size));
    }

    void put(ApiExchange call) throws IOException {
        String iModelId = call.pathParameter("iModelId");
        if (access(call, iModelId) != IModelAccess.MANAGE) {
            throw ErrorResponses.insufficientPermissions();
        }
        if (!state.iModel(iModelId).orElseThrow(ErrorResponses::iModelNotFound).initialized()) {
            throw ErrorResponses.iModelNotInitialized();
        }
        String mediaType = HttpIo.mediaType(call.exchange());
        if (mediaType == null) {
            throw ErrorResponses.invalidIModelsRequest("Cannot upload Thumbnail.", ErrorResponses.missingContentType());
        }
        ImageType declared = ImageType.ofMediaType(mediaType);
        if (declared == null) {
            throw ErrorResponses.invalidIModelsRequest(
                    "Cannot upload Thumbnail.", ErrorResponses.unsupportedContentType(mediaType));
        }
        HttpIo.BoundedBody body = call.readBody(ErrorResponses.MAX_UPLOAD_BYTES);
        if (body.tooLarge()) {
            throw ErrorResponses.thumbnailTooLarge();
        }
        byte[] bytes = body.bytes();
        ImageProcessing.Dimensions dimensions = ImageProcessing.dimensions(bytes);
        if (ImageType.sniff(bytes) != declared
                || dimensions == null
                || (long) dimensions.width() * dimensions.height() > ImageProcessing.MAX_PIXELS) {
            throw ErrorResponses.invalidThumbnailFormat();
        }
        BufferedImage decoded = ImageProcessing.decode(bytes);
        if (decoded == null) {
            throw ErrorResponses.invalidThumbnailFormat();
        }
        thumbnails.store(iModelId, decoded);
        onChange.run();
        call.respond(201, null, null);
    }

    private IModelAccess access(ApiExchange call, String iModelId) {
        if (state.iModel(iModelId).isEmpty()) {
            throw ErrorResponses.iModelNotFound();
        }
        return state.iModelAccess(call.clientId(), iModelId).orElseThrow(ErrorResponses::iModelNotFound);
    }

    private static ThumbnailSize size(String raw) {
        if (raw == null) {
            return ThumbnailSize.SMALL;
        }
        for (ThumbnailSize size : ThumbnailSize.values()) {
            if (size.name().toLowerCase(Locale.ROOT).equals(raw)) {
                return size;
            }
        }
        throw ErrorResponses.invalidIModelsRequest(
                "Cannot get Thumbnail.",
                ErrorResponses.invalidValue(
                        "size", "'" + raw + "' is not a valid 'size'. Valid 'size' values are: 'small', 'large'."));
    }
}

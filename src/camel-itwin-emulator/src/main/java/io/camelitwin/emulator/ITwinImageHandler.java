package io.camelitwin.emulator;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** GET, PUT and DELETE of {@code /itwins/{iTwinId}/image}. */
final class ITwinImageHandler {

    private static final double MAX_ASPECT_RATIO = 5.0;

    private final EmulatorState state;
    private final ImageStore images;
    private final BlobSigner signer;
    private final Runnable onChange;
    private final Consumer<String> onStored;

    ITwinImageHandler(
            EmulatorState state, ImageStore images, BlobSigner signer, Runnable onChange, Consumer<String> onStored) {
        this.state = state;
        this.images = images;
        this.signer = signer;
        this.onChange = onChange;
        this.onStored = onStored;
    }

    /** The page documents one 404 for this call, {@code ImageNotFound}, also "when the specified iTwin was not found". */
    void get(ApiExchange call) throws IOException {
        String iTwinId = call.pathParameter("iTwinId");
        if (!state.isMember(call.clientId(), iTwinId)) {
            throw ErrorResponses.imageNotFound();
        }
        ImageStore.StoredImage image = images.find(iTwinId).orElseThrow(ErrorResponses::imageNotFound);
        call.respondJson(200, Map.of("image", view(image, call.baseUrl())));
    }

    void put(ApiExchange call) throws IOException {
        String iTwinId = memberITwin(call);
        String mediaType = HttpIo.mediaType(call.exchange());
        if (mediaType == null) {
            throw ErrorResponses.invalidITwinsRequest(
                    "Cannot create iTwin Image.", ErrorResponses.missingContentType());
        }
        ImageType declared = ImageType.ofMediaType(mediaType);
        if (declared == null) {
            throw ErrorResponses.invalidITwinsRequest(
                    "Cannot create iTwin Image.", ErrorResponses.unsupportedContentType(mediaType));
        }
        HttpIo.BoundedBody body = call.readBody(ErrorResponses.MAX_UPLOAD_BYTES);
        if (body.tooLarge()) {
            throw ErrorResponses.iTwinImageTooLarge();
        }
        byte[] bytes = body.bytes();
        if (ImageType.sniff(bytes) != declared) {
            throw ErrorResponses.invalidITwinImage(
                    "InvalidRequestBody", "The iTwin Image must be a PNG or JPEG file matching its Content-Type.");
        }
        ImageProcessing.Dimensions dimensions = ImageProcessing.dimensions(bytes);
        if (dimensions == null) {
            throw ErrorResponses.invalidITwinImage("InvalidRequestBody", "The iTwin Image could not be read.");
        }
        if (dimensions.aspectRatio() > MAX_ASPECT_RATIO) {
            throw ErrorResponses.invalidITwinImage(
                    "InvalidValue",
                    "The width or height dimensions of the image cannot be greater than 5 times the size of each other.");
        }
        if ((long) dimensions.width() * dimensions.height() > ImageProcessing.MAX_PIXELS) {
            throw ErrorResponses.invalidITwinImage("InvalidValue", "The iTwin Image has too many pixels.");
        }
        BufferedImage decoded = ImageProcessing.decode(bytes);
        if (decoded == null) {
            throw ErrorResponses.invalidITwinImage("InvalidRequestBody", "The iTwin Image could not be read.");
        }
        ImageStore.StoredImage image = images.store(iTwinId, bytes, declared, decoded);
        onChange.run();
        onStored.accept(iTwinId);
        call.respondJson(201, Map.of("image", view(image, call.baseUrl())));
    }

    void delete(ApiExchange call) throws IOException {
        String iTwinId = memberITwin(call);
        if (!images.delete(iTwinId)) {
            throw ErrorResponses.imageNotFound();
        }
        onChange.run();
        call.respond(204, null, null);
    }

    private String memberITwin(ApiExchange call) {
        String iTwinId = call.pathParameter("iTwinId");
        if (!state.isMember(call.clientId(), iTwinId)) {
            throw ErrorResponses.iTwinNotFound();
        }
        return iTwinId;
    }

    private Map<String, String> view(ImageStore.StoredImage image, String baseUrl) {
        Map<String, String> view = new LinkedHashMap<>();
        view.put("id", image.id());
        view.put("smallImageName", image.smallName());
        view.put("smallImageUrl", signer.signedUrl(baseUrl, ImageStore.SMALL_CONTAINER, image.smallName()));
        view.put("largeImageName", image.largeName());
        view.put("largeImageUrl", signer.signedUrl(baseUrl, ImageStore.LARGE_CONTAINER, image.largeName()));
        return view;
    }
}

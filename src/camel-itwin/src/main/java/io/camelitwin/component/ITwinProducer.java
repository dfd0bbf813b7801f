package io.camelitwin.component;

import io.camelitwin.client.ITwinPlatformClient;
import io.camelitwin.client.error.ITwinTransientException;
import io.camelitwin.client.model.DownloadedImage;
import io.camelitwin.client.model.ITwinImage;
import io.camelitwin.client.model.ITwinSummary;
import io.camelitwin.client.model.ImageSize;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.MessageHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs one platform operation per exchange. Each operation returns an {@link ITwinResult}; only
 * {@link #process(Exchange)} touches the message.
 */
public class ITwinProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(ITwinProducer.class);

    public ITwinProducer(ITwinEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ITwinEndpoint getEndpoint() {
        return (ITwinEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        ITwinRequest request =
                ITwinRequestResolver.resolve(exchange, getEndpoint().getConfiguration());
        ITwinResult result;
        try {
            result = invoke(request, exchange);
        } catch (RuntimeException e) {
            RedeliveryHints.onFailure(exchange, e, getEndpoint().getConfiguration());
            throw e;
        }
        Message message = exchange.getMessage();
        if (result.replacesBody()) {
            message.setBody(result.body());
        }
        message.getHeaders().putAll(result.headers());
    }

    private ITwinResult invoke(ITwinRequest request, Exchange exchange) {
        ITwinPlatformClient client = getEndpoint().getClient();
        return switch (request.operation()) {
            case getImage -> imageResult(client.getITwinImage(request.requiredITwinId()));
            case uploadImage -> uploadImage(client, request.requiredITwinId(), exchange);
            case deleteImage -> {
                client.deleteITwinImage(request.requiredITwinId());
                yield ITwinResult.headersOnly(Map.of());
            }
            case downloadImage -> downloadImage(client, request);
            case getThumbnail ->
                ITwinResult.body(
                        client.getIModelThumbnail(request.requiredIModelId(), request.size()),
                        Map.of(Exchange.CONTENT_TYPE, "image/png"));
            case uploadThumbnail -> {
                client.uploadIModelThumbnail(request.requiredIModelId(), UploadBodies.toImageContent(exchange));
                yield ITwinResult.headersOnly(Map.of());
            }
            case getGraphics ->
                ITwinResult.body(
                        client.getGraphics(
                                request.iTwinId(), request.requiredRepositoryId(), request.requiredResourceId()),
                        Map.of());
            case listITwins -> listITwins(client);
            case imageChanges ->
                throw new IllegalArgumentException("imageChanges is a consumer operation; producer operations are "
                        + ITwinOperations.producerOperations());
        };
    }

    /**
     * Uploads, unless an earlier attempt of this exchange failed in a way that leaves open whether the platform stored
     * it (a dropped connection, a timeout, a 5xx; or a route marked it so, e.g. after a restart) and the platform has
     * these bytes: then that image is the result, and nothing is sent again. Without the check a redelivery would upload the same bytes twice, and the image's new
     * names would be reported by change detection as a change.
     */
    private ITwinResult uploadImage(ITwinPlatformClient client, String iTwinId, Exchange exchange) {
        if (iTwinId.equals(exchange.getProperty(ITwinConstants.UNCONFIRMED_UPLOAD, String.class))) {
            Optional<ITwinImage> stored = client.findITwinImage(iTwinId, UploadBodies.toImageContent(exchange));
            if (stored.isPresent()) {
                LOG.info(
                        "The platform has this image of iTwin {} already (an earlier attempt was stored, its answer"
                                + " lost): not uploaded again",
                        iTwinId);
                exchange.removeProperty(ITwinConstants.UNCONFIRMED_UPLOAD);
                return imageResult(stored.get());
            }
            // the comparison read the body: a cached stream is read again from its start
            MessageHelper.resetStreamCache(exchange.getMessage());
        }
        try {
            ITwinImage uploaded = client.uploadITwinImage(iTwinId, UploadBodies.toImageContent(exchange));
            exchange.removeProperty(ITwinConstants.UNCONFIRMED_UPLOAD);
            return imageResult(uploaded);
        } catch (ITwinTransientException e) {
            exchange.setProperty(ITwinConstants.UNCONFIRMED_UPLOAD, iTwinId);
            throw e;
        }
    }

    private ITwinResult downloadImage(ITwinPlatformClient client, ITwinRequest request) {
        ITwinImage image = client.getITwinImage(request.requiredITwinId());
        boolean small = request.size() == ImageSize.SMALL;
        DownloadedImage download = client.downloadSignedUrl(small ? image.smallImageUrl() : image.largeImageUrl());
        Map<String, Object> headers = imageHeaders(image);
        if (download.mediaType() != null) {
            headers.put(Exchange.CONTENT_TYPE, download.mediaType());
        }
        return ITwinResult.body(download.bytes(), headers);
    }

    private ITwinResult listITwins(ITwinPlatformClient client) {
        ITwinConfiguration configuration = getEndpoint().getConfiguration();
        List<ITwinSummary> iTwins = client.listAllITwins(configuration.getPageSize(), configuration.isIncludeImages());
        return ITwinResult.body(iTwins, Map.of(ITwinConstants.ITWIN_COUNT, iTwins.size()));
    }

    private static ITwinResult imageResult(ITwinImage image) {
        return ITwinResult.body(image, imageHeaders(image));
    }

    static Map<String, Object> imageHeaders(ITwinImage image) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(ITwinConstants.IMAGE_ID, image.id());
        headers.put(ITwinConstants.SMALL_IMAGE_NAME, image.smallImageName());
        headers.put(ITwinConstants.LARGE_IMAGE_NAME, image.largeImageName());
        headers.put(ITwinConstants.SMALL_IMAGE_URL, image.smallImageUrl());
        headers.put(ITwinConstants.LARGE_IMAGE_URL, image.largeImageUrl());
        return headers;
    }
}

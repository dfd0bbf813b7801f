package io.camelitwin.component;

import io.camelitwin.client.model.ImageSize;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The one place where a header overrides the endpoint option of the same meaning. */
final class ITwinRequestResolver {

    private ITwinRequestResolver() {}

    static ITwinRequest resolve(Exchange exchange, ITwinConfiguration configuration) {
        Message in = exchange.getMessage();
        ITwinOperations operation = in.getHeader(ITwinConstants.OPERATION, ITwinOperations.class);
        return new ITwinRequest(
                operation != null ? operation : configuration.getOperation(),
                headerOr(in, ITwinConstants.ITWIN_ID, configuration.getITwinId()),
                headerOr(in, ITwinConstants.IMODEL_ID, configuration.getIModelId()),
                headerOr(in, ITwinConstants.REPOSITORY_ID, configuration.getRepositoryId()),
                headerOr(in, ITwinConstants.RESOURCE_ID, configuration.getResourceId()),
                sizeOf(in, configuration.getSize()));
    }

    /** The option was checked when the endpoint was created; a header can only be checked here. */
    private static ImageSize sizeOf(Message in, ImageSize option) {
        String header = in.getHeader(ITwinConstants.SIZE, String.class);
        return header != null ? ImageSize.parse(header) : option;
    }

    private static String headerOr(Message in, String header, String option) {
        String value = in.getHeader(header, String.class);
        return value != null ? value : option;
    }
}

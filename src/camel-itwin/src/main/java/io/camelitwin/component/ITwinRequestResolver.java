package io.camelitwin.component;

import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.client.model.ImageSize;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The one place where a header overrides the endpoint option of the same meaning. */
final class ITwinRequestResolver {

    private ITwinRequestResolver() {}

    static ITwinRequest resolve(Exchange exchange, ITwinConfiguration configuration) {
        Message in = exchange.getMessage();
        return new ITwinRequest(
                operation(in, configuration),
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

    /** The header, when set, must name a producer operation: refused before any request, like any bad input. */
    private static ITwinOperations operation(Message in, ITwinConfiguration configuration) {
        Object header = in.getHeader(ITwinConstants.OPERATION);
        if (header == null) {
            return configuration.getOperation();
        }
        String name = header instanceof ITwinOperations operation
                ? operation.name()
                : header.toString().trim();
        return ITwinOperations.producerOperation(name)
                .orElseThrow(() -> new ITwinValidationException(
                        ITwinConstants.OPERATION,
                        "header " + ITwinConstants.OPERATION + " is '" + name
                                + "', which is not an operation of the itwin producer; the operations are "
                                + ITwinOperations.producerOperations()));
    }

    private static String headerOr(Message in, String header, String option) {
        String value = in.getHeader(header, String.class);
        return value != null ? value : option;
    }
}

package io.camelitwin.app;

import io.camelitwin.client.model.ImageContent;
import io.camelitwin.component.ITwinConstants;
import io.camelitwin.component.ITwinEndpoint;
import io.camelitwin.component.RedeliveryHints;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.StateRepository;
import org.jboss.logging.Logger;

/**
 * Keeps a crash from uploading an iTwin image twice. The folder route records what it uploaded only once the platform
 * confirmed it; a process killed after the platform stored an upload but before the answer arrived would send the
 * file again after the restart, and a second upload of the same bytes gives the image a new name, which change
 * detection reports to every synced asset system as a change.
 *
 * <p>So before each upload the content's SHA-256 is written to a journal on disk (target to content sent). A file
 * whose content is the journal's entry for its target but not the last confirmed upload was in flight when the
 * previous run ended: the platform keeps the large image byte for byte, so it is downloaded and compared, and the file
 * is sent only if the platform does not have it. iModel thumbnails are stored as renditions, not byte for byte, so they
 * cannot be compared and are sent again; a thumbnail upload raises no change event.
 */
@Singleton
@Named("uploadRecovery")
public class UploadRecovery {

    private static final Logger LOG = Logger.getLogger(UploadRecovery.class);
    private static final String ITWIN_TARGET_PREFIX = "itwins/";

    private final StateRepository<String, String> lastUploads;
    private final StateRepository<String, String> sent;
    private final CamelContext camel;

    public UploadRecovery(
            @Named("folderLastUploads") StateRepository<String, String> lastUploads,
            @Named("folderUploadsInFlight") StateRepository<String, String> sent,
            CamelContext camel) {
        this.lastUploads = lastUploads;
        this.sent = sent;
        this.camel = camel;
    }

    /**
     * Called after {@link FolderUploads#resolve}: marks the file unchanged when it was in flight at a crash and the
     * platform has it already; otherwise writes the journal entry, on disk before the upload is sent.
     */
    public void beforeUpload(Exchange exchange) {
        if (exchange.getProperty(FolderUploads.UNCHANGED, false, Boolean.class)) {
            return;
        }
        String target = exchange.getProperty(FolderUploads.TARGET, String.class);
        String sha256 = exchange.getProperty(FolderUploads.CONTENT_SHA256, String.class);
        if (sha256.equals(sent.getState(target)) && target.startsWith(ITWIN_TARGET_PREFIX)) {
            String iTwinId = exchange.getMessage().getHeader(ITwinConstants.ITWIN_ID, String.class);
            if (platformHas(exchange, iTwinId)) {
                LOG.infof(
                        "%s was being uploaded to %s when the application stopped, and the platform has it already:"
                                + " not sent again",
                        exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class), target);
                lastUploads.setState(target, sha256);
                exchange.setProperty(FolderUploads.UNCHANGED, true);
                return;
            }
        }
        sent.setState(target, sha256);
    }

    private boolean platformHas(Exchange exchange, String iTwinId) {
        ITwinEndpoint endpoint = camel.getEndpoint("itwin:getImage", ITwinEndpoint.class);
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        try {
            return endpoint.getClient()
                    .findITwinImage(iTwinId, ImageContent.of(file, null))
                    .isPresent();
        } catch (RuntimeException e) {
            // a 429 or a transient fault: the route's error handler retries this step as it would the upload
            RedeliveryHints.onFailure(exchange, e, endpoint.getConfiguration());
            throw e;
        }
    }
}

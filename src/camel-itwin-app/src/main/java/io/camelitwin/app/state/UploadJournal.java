package io.camelitwin.app.state;

import io.camelitwin.component.ITwinConstants;
import org.apache.camel.Exchange;
import org.apache.camel.spi.StateRepository;
import org.jboss.logging.Logger;

/**
 * Keeps a restart from uploading an iTwin image twice. A process killed after the platform stored an upload but before
 * its route completed (the answer lost, the file not yet moved, the S3 object not yet deleted) would take the same
 * content again after the restart; a second upload of the same bytes gives the image new names, which change detection
 * reports to every synced asset system as a change.
 *
 * <p>So before each upload a fingerprint of the content (a SHA-256, an S3 ETag) is written to a journal on disk, per
 * iTwin. Content whose fingerprint is already the journal's entry for its iTwin was sent before without its route
 * completing: the exchange is marked {@value ITwinConstants#UNCONFIRMED_UPLOAD}, and the {@code itwin:} producer
 * compares the platform's copy with it and sends it only if the platform does not have it. iModel thumbnails are stored
 * as renditions, not byte for byte, so they cannot be compared and are not journalled; a thumbnail upload raises no
 * change event.
 */
public class UploadJournal {

    private static final Logger LOG = Logger.getLogger(UploadJournal.class);

    private final StateRepository<String, String> sent;

    public UploadJournal(StateRepository<String, String> sent) {
        this.sent = sent;
    }

    /** Called right before the upload; the journal entry is on disk before anything is sent. */
    public void beforeUpload(Exchange exchange, String fingerprint) {
        String iTwinId = exchange.getMessage().getHeader(ITwinConstants.ITWIN_ID, String.class);
        if (iTwinId == null || fingerprint == null) {
            return;
        }
        String key = "itwins/" + iTwinId;
        if (fingerprint.equals(sent.getState(key))) {
            LOG.infof(
                    "This content was sent to %s before and its route did not complete (the application stopped):"
                            + " the platform's copy is compared with it before it is sent again",
                    key);
            exchange.setProperty(ITwinConstants.UNCONFIRMED_UPLOAD, iTwinId);
        }
        sent.setState(key, fingerprint);
    }
}
